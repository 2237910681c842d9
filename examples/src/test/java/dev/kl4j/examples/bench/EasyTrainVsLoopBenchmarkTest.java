package dev.kl4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.kl4j.core.data.ImageSet;
import dev.kl4j.distillation.model.TeacherStudentModels;
import dev.kl4j.distillation.train.RunResult;
import dev.kl4j.distillation.train.TeacherStudentTrainer;
import dev.kl4j.distillation.train.TrainSettings;
import dev.kl4j.examples.bench.EasyTrainVsLoopBenchmark.EpochRun;
import dev.kl4j.examples.bench.EasyTrainVsLoopBenchmark.PathKind;
import dev.kl4j.examples.bench.EasyTrainVsLoopBenchmark.StudentData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written loop and {@code EasyTrain.fit} compute the same training: from the same initial
 * parameters, with the same batches in the same order, two epochs of each leave the same parameters (to
 * float32 rounding) and the same mean training loss. Checked for the plain cross-entropy and two
 * distillation losses, against {@link TeacherStudentTrainer#trainStudent} itself as well as the benchmark's
 * own EasyTrain variants, on tiny generated data (8×8 images, hidden 16).
 */
class EasyTrainVsLoopBenchmarkTest {
    private static final int SIDE = 8;
    private static final int HIDDEN = 16;
    private static final int CLASSES = 10;
    private static final TrainSettings SETTINGS = new TrainSettings(2, 32, 1e-2f, 7);

    private static StudentData data() {
        ImageSet images = EasyTrainVsLoopBenchmark.generatedImages(200, SIDE, 3);   // 7 batches, the last of 8
        return new StudentData(images, EasyTrainVsLoopBenchmark.teacherLogits(images.labels(), CLASSES, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "hinton", "dkd"})
    void bothPathsLeaveTheSameParameters(String lossName) {
        StudentData data = data();
        EpochRun hand = EasyTrainVsLoopBenchmark.train(PathKind.HAND, EasyTrainVsLoopBenchmark.loss(lossName), data,
                HIDDEN, SETTINGS);
        EpochRun easy = EasyTrainVsLoopBenchmark.train(PathKind.EASYTRAIN, EasyTrainVsLoopBenchmark.loss(lossName), data,
                HIDDEN, SETTINGS);
        EpochRun reevaluated = EasyTrainVsLoopBenchmark.train(PathKind.EASYTRAIN_REEVALUATE,
                EasyTrainVsLoopBenchmark.loss(lossName), data, HIDDEN, SETTINGS);
        List<float[]> trainer = new ArrayList<>();
        RunResult result;
        try (Model model = Model.newInstance("student")) {
            model.setBlock(TeacherStudentModels.studentMlp(HIDDEN, CLASSES));
            result = TeacherStudentTrainer.trainStudent(model, EasyTrainVsLoopBenchmark.loss(lossName), data.images(),
                    data.teacherLogits(), data.images().head(10), new int[10], SETTINGS, List.of());
            for (Parameter p : model.getBlock().getParameters().values()) {
                trainer.add(p.getArray().toFloatArray());
            }
        }

        // Training moved the parameters away from the common initialisation.
        assertTrue(maxDifference(initialParameters(), hand.parameters()) > 1e-2, "training changed nothing");
        assertSame("easytrain", hand.parameters(), easy.parameters());
        assertSame("easytrain+reeval", hand.parameters(), reevaluated.parameters());
        assertSame("TeacherStudentTrainer", hand.parameters(), trainer);
        // The last epoch's mean training loss: read from the step's value (hand loop, TrainingLossMeter) or
        // evaluated a second time from the predictions (the re-evaluating listener): the same numbers.
        assertEquals(reevaluated.meanLoss(), hand.meanLoss(), 1e-6 * Math.abs(hand.meanLoss()));
        assertEquals(reevaluated.meanLoss(), easy.meanLoss(), 1e-6 * Math.abs(hand.meanLoss()));
        assertEquals(reevaluated.meanLoss(), result.last().trainLoss(), 1e-6 * Math.abs(hand.meanLoss()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hinton"})
    void theComparisonSeesADifferentBatchOrder(String lossName) {
        // A different seed (other initialisation and shuffling) must show up: the check above can fail.
        StudentData data = data();
        EpochRun a = EasyTrainVsLoopBenchmark.train(PathKind.HAND, EasyTrainVsLoopBenchmark.loss(lossName), data,
                HIDDEN, SETTINGS);
        EpochRun b = EasyTrainVsLoopBenchmark.train(PathKind.EASYTRAIN, EasyTrainVsLoopBenchmark.loss(lossName), data,
                HIDDEN, new TrainSettings(SETTINGS.epochs(), SETTINGS.batchSize(), SETTINGS.learningRate(), 8));
        assertTrue(maxDifference(a.parameters(), b.parameters()) > 1e-3);
    }

    private static List<float[]> initialParameters() {
        try (Model model = Model.newInstance("student")) {
            model.setBlock(TeacherStudentModels.studentMlp(HIDDEN, CLASSES));
            Engine.getInstance().setRandomSeed((int) SETTINGS.seed());
            model.getBlock().initialize(model.getNDManager(), model.getDataType(),
                    new Shape(SETTINGS.batchSize(), 1, SIDE, SIDE));
            List<float[]> out = new ArrayList<>();
            for (Parameter p : model.getBlock().getParameters().values()) {
                out.add(p.getArray().toFloatArray());
            }
            return out;
        }
    }

    /** Equal to float32 rounding: |a − b| ≤ 1e-6 · max(1, |a|) everywhere. */
    private static void assertSame(String what, List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size(), what + ": parameter count");
        for (int k = 0; k < expected.size(); k++) {
            float[] e = expected.get(k);
            float[] a = actual.get(k);
            assertEquals(e.length, a.length, what + ": size of parameter " + k);
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], a[i], 1e-6f * Math.max(1f, Math.abs(e[i])), what + ": parameter " + k + "[" + i + "]");
            }
        }
    }

    private static double maxDifference(List<float[]> a, List<float[]> b) {
        double max = 0;
        for (int k = 0; k < a.size(); k++) {
            for (int i = 0; i < a.get(k).length; i++) {
                max = Math.max(max, Math.abs(a.get(k)[i] - b.get(k)[i]));
            }
        }
        return max;
    }
}
