package dev.kl4j.distillation.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import dev.kl4j.core.data.ImageSet;
import dev.kl4j.distillation.loss.DistillationLosses;
import dev.kl4j.distillation.model.TeacherStudentModels;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A short seeded run on tiny generated data: 8×8 "images" whose teacher is a fixed random linear map
 * (its logits are the soft targets) and whose hard labels are the teacher's classes with 40% replaced at
 * random. The student trained on hard labels alone learns a noisy copy of the teacher; the one trained
 * with Hinton's loss sees the teacher's logits and must agree with it more often on held-out images.
 */
class TeacherStudentTrainerTest {
    private static final int CLASSES = 4;
    private static final int SIDE = 8;

    private record Data(ImageSet train, float[] teacherTrainLogits, ImageSet test, int[] teacherTestClasses) {
    }

    private static Data generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int pixels = SIDE * SIDE;
        float[][] weights = new float[CLASSES][pixels];
        for (float[] row : weights) {
            for (int j = 0; j < pixels; j++) {
                row[j] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        int trainCount = 512;
        int testCount = 256;
        float[] trainPixels = new float[trainCount * pixels];
        float[] testPixels = new float[testCount * pixels];
        float[] trainLogits = new float[trainCount * CLASSES];
        float[] testLogits = new float[testCount * CLASSES];
        fill(random, weights, trainPixels, trainLogits);
        fill(random, weights, testPixels, testLogits);
        int[] trainClasses = TeacherStudentTrainer.argmax(trainLogits, CLASSES);
        int[] noisyLabels = trainClasses.clone();
        for (int i = 0; i < noisyLabels.length; i++) {
            if (random.nextDouble() < 0.4) {
                noisyLabels[i] = random.nextInt(CLASSES);
            }
        }
        int[] testClasses = TeacherStudentTrainer.argmax(testLogits, CLASSES);
        return new Data(new ImageSet(trainPixels, noisyLabels, trainCount, SIDE, SIDE), trainLogits,
                new ImageSet(testPixels, testClasses, testCount, SIDE, SIDE), testClasses);
    }

    private static void fill(SplittableRandom random, float[][] weights, float[] pixels, float[] logits) {
        int size = SIDE * SIDE;
        for (int i = 0; i < pixels.length / size; i++) {
            for (int j = 0; j < size; j++) {
                pixels[i * size + j] = (float) random.nextDouble();
            }
            for (int c = 0; c < CLASSES; c++) {
                double z = 0;
                for (int j = 0; j < size; j++) {
                    z += weights[c][j] * (pixels[i * size + j] - 0.5);
                }
                logits[i * CLASSES + c] = (float) (0.5 * z);
            }
        }
    }

    private static RunResult student(Data data, dev.kl4j.distillation.loss.DistillationLoss loss) {
        try (Model model = Model.newInstance("student")) {
            model.setBlock(TeacherStudentModels.studentMlp(32, CLASSES));
            return TeacherStudentTrainer.trainStudent(model, loss, data.train(), data.teacherTrainLogits(), data.test(),
                    data.teacherTestClasses(), new TrainSettings(8, 64, 1e-2f, 5), List.of());
        }
    }

    @Test
    void distilledStudentAgreesWithTheTeacherMoreThanTheScratchStudent() {
        Data data = generate(1);
        RunResult scratch = student(data, DistillationLosses.hardLabels());
        RunResult distilled = student(data, DistillationLosses.hinton(2f, 0.9f));
        assertEquals(8, distilled.epochs().size());
        double scratchAgreement = scratch.last().teacherAgreement();
        double distilledAgreement = distilled.last().teacherAgreement();
        assertTrue(distilledAgreement > scratchAgreement + 0.03,
                "agreement with the teacher: distilled " + distilledAgreement + ", scratch " + scratchAgreement);
        // Here the test labels are the teacher's classes, so accuracy = agreement.
        assertEquals(distilledAgreement, distilled.last().testAccuracy(), 1e-12);
        assertTrue(distilled.last().trainLoss() < distilled.epochs().get(0).trainLoss(), "the loss went down");
    }

    /** Class c: a bright 4×4 quadrant c of an 8×8 image on a noisy background (easy for a CNN). */
    private static ImageSet quadrants(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[count * SIDE * SIDE];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(CLASSES);
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    boolean bright = (r / 4) * 2 + (c / 4) == labels[i];
                    pixels[(i * SIDE + r) * SIDE + c] = (float) ((bright ? 0.5 : 0) + 0.5 * random.nextDouble());
                }
            }
        }
        return new ImageSet(pixels, labels, count, SIDE, SIDE);
    }

    @Test
    void teacherCnnTrainsAndItsLogitsHaveOneRowPerImage() {
        ImageSet train = quadrants(2, 256);
        ImageSet test = quadrants(3, 128);
        try (Model teacher = Model.newInstance("teacher")) {
            teacher.setBlock(TeacherStudentModels.teacherCnn(CLASSES));
            RunResult result = TeacherStudentTrainer.trainTeacher(teacher, train, test,
                    new TrainSettings(3, 32, 3e-3f, 3), List.of());
            assertTrue(result.last().testAccuracy() > 0.9, "held-out accuracy on the quadrant images: "
                    + result.last().testAccuracy());
            float[] logits = TeacherStudentTrainer.logits(teacher, test);
            assertEquals(test.count() * CLASSES, logits.length);
            int[] classes = TeacherStudentTrainer.argmax(logits, CLASSES);
            assertEquals(result.predictions().length, classes.length);
            for (int i = 0; i < classes.length; i++) {
                assertEquals(result.predictions()[i], classes[i], "inference-mode logits give the trainer's predictions");
            }
        }
    }
}
