package dev.kl4j.distillation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import dev.kl4j.distillation.loss.DistillationLosses;
import dev.kl4j.distillation.model.TeacherStudentModels;
import dev.kl4j.distillation.train.TeacherStudentTrainer;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The snippet at the top of distillation/README.md, verbatim between the markers (module
 * {@code examples}' {@code ReadmeJavaSnippetsTest} compares it with the README): a DJL {@code Trainer}
 * with Hinton's loss, fed an {@code ArrayDataset} whose labels are the hard labels and the cached teacher
 * logits, trains a student that then reproduces the teacher's classes on images it never saw.
 */
class ReadmeExampleTest {
    private static final int CLASSES = 10;

    /**
     * 28×28 images of four classes, class c a bright 14×14 quadrant c on noise; the "teacher" scores
     * class c by the mean brightness of quadrant c (classes 4-9 never win), so its logits are known.
     */
    private static void images(SplittableRandom random, int count, float[] pixels, float[] labels, float[] logits) {
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(4);
            labels[i] = label;
            float[] quadrantMean = new float[4];
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    int quadrant = (r / 14) * 2 + c / 14;
                    float v = (float) ((quadrant == label ? 0.6 : 0) + 0.4 * random.nextDouble());
                    pixels[i * 784 + r * 28 + c] = v;
                    quadrantMean[quadrant] += v / 196;
                }
            }
            for (int k = 0; k < CLASSES; k++) {
                logits[i * CLASSES + k] = k < 4 ? 8 * quadrantMean[k] : -2;
            }
        }
    }

    @Test
    void theReadmeSnippetTrainsAStudentThatFollowsTheTeacher() throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(3);
        SplittableRandom random = new SplittableRandom(3);
        int n = 512;
        float[] trainPixels = new float[n * 784];
        float[] trainLabels = new float[n];
        float[] trainLogits = new float[n * CLASSES];
        images(random, n, trainPixels, trainLabels, trainLogits);
        float[] testPixels = new float[n * 784];
        float[] testLogits = new float[n * CLASSES];
        images(random, n, testPixels, new float[n], testLogits);
        int epochs = 10;
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("student")) {
            model.setBlock(TeacherStudentModels.studentMlp(32, CLASSES));
            NDArray images = manager.create(trainPixels, new Shape(n, 1, 28, 28));
            NDArray labels = manager.create(trainLabels);
            NDArray teacherLogits = manager.create(trainLogits, new Shape(n, CLASSES));

            // README snippet begin
            Loss loss = DistillationLosses.hinton(4f, 0.9f);        // α·T²·KL(teacher ‖ student) + (1−α)·CE
            TrainingConfig config = new DefaultTrainingConfig(loss).addEvaluator(new Accuracy());
            // dataset labels = [hard labels, cached teacher logits] (optionally a third: a mask over rows)
            ArrayDataset data = new ArrayDataset.Builder().setData(images)
                    .optLabels(labels, teacherLogits).setSampling(128, true).build();
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(128, 1, 28, 28));   // one batch's shape: creates the parameters
                EasyTrain.fit(trainer, epochs, data, null);
            }
            // README snippet end

            NDArray test = manager.create(testPixels, new Shape(n, 1, 28, 28));
            float[] studentLogits = model.getBlock().forward(new ParameterStore(manager, false), new NDList(test), false)
                    .head().toFloatArray();
            int[] student = TeacherStudentTrainer.argmax(studentLogits, CLASSES);
            int[] teacher = TeacherStudentTrainer.argmax(testLogits, CLASSES);
            int same = 0;
            for (int i = 0; i < n; i++) {
                same += student[i] == teacher[i] ? 1 : 0;
            }
            // chance is 1/4 over the four classes that occur
            assertTrue(same > 0.9 * n, same + " of " + n + " held-out images classified as the teacher does");
        }
    }
}
