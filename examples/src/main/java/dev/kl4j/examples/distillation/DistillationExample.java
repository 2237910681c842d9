package dev.kl4j.examples.distillation;

import ai.djl.Model;
import dev.kl4j.core.data.DataDirectory;
import dev.kl4j.core.data.ImageSet;
import dev.kl4j.core.data.MnistFormat;
import dev.kl4j.distillation.loss.DistillationLoss;
import dev.kl4j.distillation.loss.DistillationLosses;
import dev.kl4j.distillation.model.TeacherStudentModels;
import dev.kl4j.distillation.train.RunResult;
import dev.kl4j.distillation.train.TeacherStudentTrainer;
import dev.kl4j.distillation.train.TrainSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Knowledge distillation in a dozen library calls, for reading and copying: train the CNN teacher on the
 * whole training set, compute its logits for the student's images once, then train the same MLP student
 * twice on the first few thousand images, once with Hinton's loss α·T²·KL(softmax(t/T) ‖ softmax(s/T)) +
 * (1 − α)·CE(s, y) (Hinton, Vinyals and Dean 2015, §2) and once on the hard labels alone, and compare
 * their test accuracy and their agreement with the teacher. {@code kl4j distill} is the same experiment
 * with every loss, several seeds, a teacher cache, run folders and pictures.
 */
public final class DistillationExample {
    private DistillationExample() {
    }

    /**
     * The example's settings.
     *
     * @param teacherEpochs teacher epochs on the whole training set
     * @param studentEpochs epochs of each student
     * @param studentHidden hidden units of the student MLP (input → hidden → classes)
     * @param studentImages the students train on the first {@code studentImages} training images (at most all)
     * @param temperature   Hinton's T
     * @param alpha         Hinton's α, the weight of the soft-target term
     * @param batchSize     minibatch size of every run
     * @param seed          the one seed of the teacher and both students
     */
    public record Settings(int teacherEpochs, int studentEpochs, int studentHidden, int studentImages, float temperature,
            float alpha, int batchSize, long seed) {
        /**
         * {@return a 2-epoch teacher, students 784-256-10 on 3,000 images for 30 epochs, T = 4, α = 0.9,
         * batch 128, seed 1: about two and a half minutes on one libtorch thread}
         */
        public static Settings defaults() {
            return new Settings(2, 30, 256, 3000, 4f, 0.9f, TrainSettings.DEFAULT_BATCH_SIZE, 1);
        }
    }

    /**
     * One student's result after its last epoch.
     *
     * @param accuracy             fraction of the test images classified correctly
     * @param agreementWithTeacher fraction of the test images on which the student's class is the teacher's
     */
    public record Student(double accuracy, double agreementWithTeacher) {
    }

    /**
     * The example's result.
     *
     * @param teacherAccuracy the teacher's test accuracy
     * @param hinton          the student trained with Hinton's loss
     * @param hardLabels      the same student trained on the hard labels alone
     */
    public record Result(double teacherAccuracy, Student hinton, Student hardLabels) {
    }

    /**
     * Trains the teacher and both students and prints one line for each.
     *
     * @param data     MNIST-format training and test images (H and W divisible by 4, for the teacher's pooling)
     * @param settings the settings
     * @param out      where the three result lines go
     * @return the teacher's and the students' test figures
     */
    public static Result run(MnistFormat.Split data, Settings settings, PrintStream out) {
        int classes = MnistFormat.CLASSES;
        ImageSet studentTrain = data.train().head(Math.min(settings.studentImages(), data.train().count()));

        // 1. The teacher, on hard labels; its logits for the students' images, computed once.
        float[] teacherLogits;
        int[] teacherTestClasses;
        double teacherAccuracy;
        try (Model teacher = Model.newInstance("teacher")) {
            teacher.setBlock(TeacherStudentModels.teacherCnn(classes));
            RunResult run = TeacherStudentTrainer.trainTeacher(teacher, data.train(), data.test(),
                    new TrainSettings(settings.teacherEpochs(), settings.batchSize(), TrainSettings.DEFAULT_LEARNING_RATE,
                            settings.seed()), List.of());
            teacherAccuracy = run.last().testAccuracy();
            teacherTestClasses = run.predictions();
            teacherLogits = TeacherStudentTrainer.logits(teacher, studentTrain);
        }
        out.printf(Locale.ROOT, "teacher: test accuracy %.2f%%%n", 100 * teacherAccuracy);

        // 2. The same student twice: Hinton's loss against the cached logits, then the hard labels alone.
        Student hinton = student(DistillationLosses.hinton(settings.temperature(), settings.alpha()), studentTrain,
                teacherLogits, data.test(), teacherTestClasses, settings);
        out.printf(Locale.ROOT, "hinton student (T %s, alpha %s): test accuracy %.2f%%, agreement with teacher %.2f%%%n",
                settings.temperature(), settings.alpha(), 100 * hinton.accuracy(), 100 * hinton.agreementWithTeacher());
        Student hardLabels = student(DistillationLosses.hardLabels(), studentTrain, teacherLogits, data.test(),
                teacherTestClasses, settings);
        out.printf(Locale.ROOT, "hard-label student: test accuracy %.2f%%, agreement with teacher %.2f%%%n",
                100 * hardLabels.accuracy(), 100 * hardLabels.agreementWithTeacher());
        return new Result(teacherAccuracy, hinton, hardLabels);
    }

    /** A fresh student MLP trained with {@code loss}; its last epoch's test figures. */
    private static Student student(DistillationLoss loss, ImageSet train, float[] teacherLogits, ImageSet test,
            int[] teacherTestClasses, Settings settings) {
        try (Model student = Model.newInstance("student")) {
            student.setBlock(TeacherStudentModels.studentMlp(settings.studentHidden(), MnistFormat.CLASSES));
            RunResult run = TeacherStudentTrainer.trainStudent(student, loss, train, teacherLogits, test, teacherTestClasses,
                    new TrainSettings(settings.studentEpochs(), settings.batchSize(), TrainSettings.DEFAULT_LEARNING_RATE,
                            settings.seed()), List.of());
            return new Student(run.last().testAccuracy(), run.last().teacherAgreement());
        }
    }

    /**
     * Runs {@link Settings#defaults()} on Fashion-MNIST from {@code --data-dir}'s default place
     * ({@code KL4J_DATA}, else {@code /usr/share/datasets/fashion-mnist}).
     *
     * @param args ignored
     * @throws IOException when the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        run(MnistFormat.load(DataDirectory.resolve(null)), Settings.defaults(), System.out);
    }
}
