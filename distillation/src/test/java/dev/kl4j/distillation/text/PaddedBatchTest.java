package dev.kl4j.distillation.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.distillation.loss.DistillationLoss;
import dev.kl4j.distillation.loss.DistillationLosses;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaddedBatchTest {
    private static final int B = CharVocabulary.BOUNDARY;

    @Test
    void shiftsTargetsPadsAndMasks() {
        PaddedBatch batch = PaddedBatch.of(List.of(new int[] {5, 6, 7}, new int[] {9}), 10);
        assertEquals(2, batch.batch());
        assertEquals(4, batch.length());                            // 3 characters + the end
        assertArrayEquals(new int[] {B, 5, 6, 7, B, 9, B, B}, batch.inputs());
        assertArrayEquals(new int[] {5, 6, 7, B, 9, B, B, B}, batch.targets());
        assertArrayEquals(new boolean[] {true, true, true, true, true, true, false, false}, batch.mask());
        assertEquals(6, batch.positions());
    }

    @Test
    void cutsLongRecordsAtMaxLength() {
        PaddedBatch batch = PaddedBatch.of(List.of(new int[] {1, 2, 3, 4, 5}), 3);
        assertArrayEquals(new int[] {B, 1, 2}, batch.inputs());
        assertArrayEquals(new int[] {1, 2, 3}, batch.targets());    // cut: no end target
        assertThrows(InvalidArgumentException.class, () -> PaddedBatch.of(List.of(), 3));
        assertThrows(InvalidArgumentException.class, () -> PaddedBatch.of(List.of(new int[] {1}), 0));
    }

    /** Padded positions add nothing to the loss value and get exactly zero gradient, whatever their logits. */
    @Test
    void paddedPositionsContributeNothingToLossOrGradient() {
        PaddedBatch batch = PaddedBatch.of(List.of(new int[] {1, 2, 3, 1, 2}, new int[] {3}, new int[] {2, 2}), 16);
        int vocabulary = 4;
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        float[] student = new float[batch.inputs().length * vocabulary];
        float[] teacher = new float[student.length];
        for (int i = 0; i < student.length; i++) {
            student[i] = (float) (2 * random.nextGaussian());
            teacher[i] = (float) (2 * random.nextGaussian());
        }
        float[] garbage = student.clone();
        for (int at = 0; at < batch.mask().length; at++) {
            if (!batch.mask()[at]) {
                for (int v = 0; v < vocabulary; v++) {
                    garbage[at * vocabulary + v] = v == 0 ? Float.NaN : 1e4f * v;
                }
            }
        }
        for (DistillationLoss loss : List.of(DistillationLosses.withHardLabels(DistillationLosses.generalizedJsd(), 0.5f),
                DistillationLosses.forwardKl(), DistillationLosses.reverseKl(), DistillationLosses.skewKl())) {
            float[] clean = valueAndGradient(loss, batch, student, teacher, vocabulary);
            float[] dirty = valueAndGradient(loss, batch, garbage, teacher, vocabulary);
            assertArrayEquals(clean, dirty, 0f, loss.getName());
            for (int at = 0; at < batch.mask().length; at++) {
                for (int v = 0; v < vocabulary; v++) {
                    if (!batch.mask()[at]) {
                        assertEquals(0f, clean[1 + at * vocabulary + v], loss.getName());
                    }
                }
            }
        }
    }

    /** [value, gradient...] of the loss with respect to the student logits. */
    private static float[] valueAndGradient(DistillationLoss loss, PaddedBatch batch, float[] student, float[] teacher,
            int vocabulary) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(batch.batch(), batch.length(), vocabulary);
            NDList arrays = batch.toArrays(manager);
            NDArray s = manager.create(student, shape);
            s.setRequiresGradient(true);
            NDArray t = manager.create(teacher, shape);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = loss.compute(s.mul(manager.create(1f)), t, arrays.get(1), arrays.get(2));
                collector.backward(value);
                float[] gradient = s.getGradient().toFloatArray();
                float[] out = new float[1 + gradient.length];
                out[0] = value.getFloat();
                System.arraycopy(gradient, 0, out, 1, gradient.length);
                return out;
            }
        }
    }

    /** A uniform model (all logits equal) has exactly log₂ V bits per character. */
    @Test
    void uniformModelHasLog2VBitsPerCharacter() {
        int vocabulary = 7;
        List<int[]> records = List.of(new int[] {1, 2, 3}, new int[] {6}, new int[] {4, 5, 6, 1, 2, 3});
        try (NDManager manager = NDManager.newBaseManager()) {
            double bpc = TextDistillationTrainer.bitsPerCharacter(tokens -> manager.zeros(
                    new Shape(tokens.getShape().get(0), tokens.getShape().get(1), vocabulary), DataType.FLOAT32),
                    manager, records, 2, 16);
            assertEquals(Math.log(vocabulary) / Math.log(2), bpc, 1e-15);
        }
    }

    /** Padding a record beside longer ones does not change what the model assigns to its characters. */
    @Test
    void bitsPerCharacterDoNotDependOnPadding() {
        int vocabulary = 5;
        int[] shortRecord = {1, 2};
        int[] longRecord = {3, 4, 1, 2, 3, 4, 1};
        try (Model model = Model.newInstance("lm"); NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            CharLanguageModel block = CharLanguageModel.lstm(vocabulary, 8, 1);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1));
            double alone = TextDistillationTrainer.bitsPerCharacter(model, manager, List.of(shortRecord), 1, 16);
            double other = TextDistillationTrainer.bitsPerCharacter(model, manager, List.of(longRecord), 1, 16);
            double together = TextDistillationTrainer.bitsPerCharacter(model, manager, List.of(shortRecord, longRecord), 2, 16);
            int n1 = shortRecord.length + 1;
            int n2 = longRecord.length + 1;
            assertEquals((alone * n1 + other * n2) / (n1 + n2), together, 1e-6);
        }
    }
}
