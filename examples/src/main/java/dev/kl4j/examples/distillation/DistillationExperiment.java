package dev.kl4j.examples.distillation;

import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.data.ImageSet;
import dev.kl4j.core.data.MnistFormat;
import dev.kl4j.core.io.FileIdentity;
import dev.kl4j.core.io.RunFolder;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import dev.kl4j.distillation.model.TeacherStudentModels;
import dev.kl4j.distillation.train.EpochMetrics;
import dev.kl4j.distillation.train.RunResult;
import dev.kl4j.distillation.train.TeacherStudentTrainer;
import dev.kl4j.distillation.train.TrainSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;

/**
 * Experiment 1 of the distillation module, top to bottom: train (or reuse) the teacher CNN on the full
 * training set, cache its logits, then train the student MLP with every requested loss and seed on the
 * first {@code trainFraction} of a seeded permutation of the training set, and write the run's files.
 */
public final class DistillationExperiment {
    /** Classes of Fashion-MNIST. */
    static final int CLASSES = 10;

    /**
     * The experiment's settings (the {@code kl4j distill} flags).
     *
     * @param teacherEpochs   teacher epochs (default 8)
     * @param teacherFraction fraction of the training set the teacher sees (default 1; smaller only for smoke runs)
     * @param teacherSeed     the teacher's seed (default 1)
     * @param epochs          student epochs
     * @param studentHidden   student hidden units
     * @param trainFraction   fraction of the training set the students see, in (0, 1]
     * @param losses          losses to compare
     * @param temperature     T for hinton and dkd
     * @param alpha           α for hinton and the divergence losses
     * @param seeds           student seeds
     * @param batchSize       minibatch size
     * @param dataDir         MNIST-format data directory
     * @param progress        show progress bars
     */
    public record Settings(int teacherEpochs, double teacherFraction, long teacherSeed, int epochs, int studentHidden,
            double trainFraction, List<LossChoice> losses, float temperature, float alpha, List<Long> seeds,
            int batchSize, Path dataDir, boolean progress) {
        /**
         * Checks what training would otherwise reject late.
         *
         * @param teacherEpochs teacher epochs (default 8)
         * @param teacherFraction fraction of the training set the teacher sees (default 1; smaller only for smoke runs)
         * @param teacherSeed the teacher's seed (default 1)
         * @param epochs student epochs
         * @param studentHidden student hidden units
         * @param trainFraction fraction of the training set the students see, in (0, 1]
         * @param losses losses to compare
         * @param temperature T for hinton and dkd
         * @param alpha α for hinton and the divergence losses
         * @param seeds student seeds
         * @param batchSize minibatch size
         * @param dataDir MNIST-format data directory
         * @param progress show progress bars
         */
        public Settings {
            if (!(trainFraction > 0 && trainFraction <= 1)) {
                throw new InvalidArgumentException("train-fraction", "train-fraction must be in (0, 1], got " + trainFraction);
            }
            if (!(teacherFraction > 0 && teacherFraction <= 1)) {
                throw new InvalidArgumentException("teacher-fraction", "teacher-fraction must be in (0, 1], got " + teacherFraction);
            }
            if (seeds.isEmpty()) {
                throw new InvalidArgumentException("seeds", "seeds must list at least one seed");
            }
            if (losses.isEmpty()) {
                throw new InvalidArgumentException("loss", "loss must name at least one loss");
            }
            TeacherStudentModels.studentMlp(studentHidden, CLASSES);      // checks hidden
            TrainSettings.of(epochs, 0);                                   // checks epochs
            TrainSettings.of(teacherEpochs, 0);
            for (LossChoice loss : losses) {
                loss.create(temperature, alpha);                           // checks T and α
            }
        }
    }

    private DistillationExperiment() {
    }

    /**
     * Returns the losses.
     *
     * @param text the {@code --loss} value: comma-separated names or {@code all}
     * @return the losses
     */
    public static List<LossChoice> parseLosses(String text) {
        return LossChoice.parse(text);
    }

    /**
     * Runs the experiment and writes metrics.csv, summary.json, results.md and the PNGs into the run folder.
     *
     * @param s      settings
     * @param split  the loaded data
     * @param folder the open run folder; when it was opened to resume, its teacher checkpoint is reused
     * @param stdout where the summary lines go
     * @return the summaries per loss
     * @throws IOException if outputs cannot be written or the checkpoint cannot be read
     */
    public static List<DistillationReport.LossSummary> run(Settings s, MnistFormat.Split split, RunFolder folder,
            PrintWriter stdout) throws IOException {
        Path out = folder.dir();
        TeacherCache teacher = teacher(s, split, folder, stdout);
        int[] teacherTestClasses = TeacherStudentTrainer.argmax(teacher.testLogits(), CLASSES);
        stdout.printf(Locale.ROOT, "teacher: test accuracy %.2f%%%n", 100 * teacher.testAccuracy());
        stdout.flush();

        int[] subset = subset(split.train().count(), s.trainFraction(), 0);
        ImageSet studentTrain = select(split.train(), subset);
        float[] studentTeacherLogits = selectRows(teacher.trainLogits(), subset, CLASSES);
        List<DistillationReport.StudentRun> runs = new ArrayList<>();
        for (LossChoice choice : s.losses()) {
            for (long seed : s.seeds()) {
                RunResult result;
                try (Model student = Model.newInstance("student");
                        ProgressBar bar = DistillationReport.progressBar(s.progress(), choice.flag() + " seed " + seed,
                                (long) s.epochs() * ((studentTrain.count() + s.batchSize() - 1) / s.batchSize()))) {
                    student.setBlock(TeacherStudentModels.studentMlp(s.studentHidden(), CLASSES));
                    result = TeacherStudentTrainer.trainStudent(student, choice.create(s.temperature(), s.alpha()),
                            studentTrain, studentTeacherLogits, split.test(), teacherTestClasses,
                            new TrainSettings(s.epochs(), s.batchSize(), TrainSettings.DEFAULT_LEARNING_RATE, seed),
                            listeners(bar));
                }
                runs.add(new DistillationReport.StudentRun(choice.flag(), seed, result));
                EpochMetrics last = result.last();
                stdout.printf(Locale.ROOT, "%-6s seed %d: accuracy %.2f%%, agreement with teacher %.2f%%, %.2f s/epoch%n",
                        choice.flag(), seed, 100 * last.testAccuracy(), 100 * last.teacherAgreement(), result.meanEpochSeconds());
                stdout.flush();
                DistillationReport.writeMetrics(out.resolve("metrics.csv"), runs);
            }
        }
        List<DistillationReport.LossSummary> summaries = DistillationReport.summarise(runs);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("teacher_accuracy", teacher.testAccuracy());
        header.put("teacher_epochs", s.teacherEpochs());
        header.put("teacher_train_images", Math.round(s.teacherFraction() * split.train().count()));
        header.put("student_hidden", s.studentHidden());
        header.put("student_train_images", studentTrain.count());
        header.put("epochs", s.epochs());
        header.put("temperature", s.temperature());
        header.put("alpha", s.alpha());
        header.put("batch_size", s.batchSize());
        summaries.stream().filter(x -> x.loss().equals("none")).findFirst().ifPresent(none -> {
            Map<String, Double> ratios = new LinkedHashMap<>();
            for (DistillationReport.LossSummary x : summaries) {
                ratios.put(x.loss(), x.epochSeconds() / none.epochSeconds());
            }
            header.put("epoch_seconds_relative_to_none", ratios);
        });
        DistillationReport.writeSummary(out.resolve("summary.json"), header, summaries);
        String table = DistillationReport.markdownTable(teacher.testAccuracy(), summaries);
        dev.kl4j.core.io.AtomicFiles.writeString(out.resolve("results.md"), table);
        System.setProperty("java.awt.headless", "true");
        DistillationReport.writePictures(out, teacher.testAccuracy(), summaries);
        stdout.print(table);
        stdout.println("outputs: " + out);
        stdout.flush();
        return summaries;
    }

    /** The teacher's settings: everything that shaped it, the data files' identity included. */
    static Map<String, String> teacherSettings(Settings s, MnistFormat.Split split) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("model", "teacherCnn conv5x5x32-pool-conv5x5x64-pool-dense256-dropout0.5");
        settings.put("teacher_epochs", String.valueOf(s.teacherEpochs()));
        settings.put("teacher_fraction", String.valueOf(s.teacherFraction()));
        settings.put("teacher_seed", String.valueOf(s.teacherSeed()));
        settings.put("batch_size", String.valueOf(s.batchSize()));
        settings.put("learning_rate", String.valueOf(TrainSettings.DEFAULT_LEARNING_RATE));
        List<Path> files = new ArrayList<>();
        for (String name : new String[] {MnistFormat.TRAIN_IMAGES, MnistFormat.TRAIN_LABELS, MnistFormat.TEST_IMAGES,
            MnistFormat.TEST_LABELS}) {
            Path plain = s.dataDir().resolve(name);
            files.add(Files.exists(plain) ? plain : s.dataDir().resolve(name + ".gz"));
        }
        settings.put("data", FileIdentity.of(files));
        return settings;
    }

    /** The teacher from the run folder's checkpoint when resuming, else a freshly trained one (then saved). */
    private static TeacherCache teacher(Settings s, MnistFormat.Split split, RunFolder folder, PrintWriter stdout)
            throws IOException {
        Path checkpoint = folder.checkpointDir().resolve("teacher.ckpt");
        Map<String, String> settings = teacherSettings(s, split);
        if (folder.resumed() && Files.isRegularFile(checkpoint)) {
            TeacherCache cached = TeacherCache.read(checkpoint, settings);
            stdout.println("teacher: reusing " + checkpoint);
            return cached;
        }
        ImageSet teacherTrain = s.teacherFraction() == 1.0 ? split.train()
                : select(split.train(), subset(split.train().count(), s.teacherFraction(), 1));
        try (Model model = Model.newInstance("teacher")) {
            model.setBlock(TeacherStudentModels.teacherCnn(CLASSES));
            RunResult result;
            long steps = (long) s.teacherEpochs() * ((teacherTrain.count() + s.batchSize() - 1) / s.batchSize());
            try (ProgressBar bar = DistillationReport.progressBar(s.progress(), "teacher", steps)) {
                result = TeacherStudentTrainer.trainTeacher(model, teacherTrain, split.test(),
                        new TrainSettings(s.teacherEpochs(), s.batchSize(), TrainSettings.DEFAULT_LEARNING_RATE, s.teacherSeed()),
                        listeners(bar));
            }
            for (EpochMetrics m : result.epochs()) {
                stdout.printf(Locale.ROOT, "teacher epoch %d: loss %.4f, test accuracy %.2f%%, %.1f s%n", m.epoch(),
                        m.trainLoss(), 100 * m.testAccuracy(), m.seconds());
            }
            ByteArrayOutputStream parameters = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(parameters)) {
                model.getBlock().saveParameters(out);
            }
            TeacherCache fresh = new TeacherCache(settings, parameters.toByteArray(), result.last().testAccuracy(), CLASSES,
                    TeacherStudentTrainer.logits(model, split.train()), TeacherStudentTrainer.logits(model, split.test()));
            fresh.write(checkpoint);
            return fresh;
        }
    }

    private static List<TrainingListener> listeners(ProgressBar bar) {
        if (bar == null) {
            return List.of();
        }
        return List.of(new TrainingListenerAdapter() {
            @Override
            public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                bar.step();
            }
        });
    }

    /** The first round(fraction·n) indices of a permutation seeded by {@code salt}, sorted. */
    static int[] subset(int n, double fraction, long salt) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(0x5EED + salt);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int keep = (int) Math.max(1, Math.round(fraction * n));
        int[] out = java.util.Arrays.copyOf(order, keep);
        java.util.Arrays.sort(out);
        return out;
    }

    static ImageSet select(ImageSet set, int[] indices) {
        int size = set.imageSize();
        float[] pixels = new float[indices.length * size];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(set.pixels(), indices[i] * size, pixels, i * size, size);
            labels[i] = set.labels()[indices[i]];
        }
        return new ImageSet(pixels, labels, indices.length, set.rows(), set.cols());
    }

    static float[] selectRows(float[] rows, int[] indices, int width) {
        float[] out = new float[indices.length * width];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(rows, indices[i] * width, out, i * width, width);
        }
        return out;
    }
}
