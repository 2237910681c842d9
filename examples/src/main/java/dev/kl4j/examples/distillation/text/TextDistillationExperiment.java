package dev.kl4j.examples.distillation.text;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.io.AtomicFiles;
import dev.kl4j.core.io.CheckpointFile;
import dev.kl4j.core.io.FileIdentity;
import dev.kl4j.core.io.RunFolder;
import dev.kl4j.distillation.text.CharLanguageModel;
import dev.kl4j.distillation.text.CharVocabulary;
import dev.kl4j.distillation.text.FortuneCorpus;
import dev.kl4j.distillation.text.TextDistillationTrainer;
import dev.kl4j.distillation.text.TextDistillationTrainer.EpochMetrics;
import dev.kl4j.distillation.text.TextDistillationTrainer.Objective;
import dev.kl4j.distillation.text.TextDistillationTrainer.RunResult;
import dev.kl4j.examples.distillation.DistillationReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;

/**
 * Experiment 2 of the distillation module, top to bottom: load the fortune records, shuffle them with a fixed
 * seed, keep {@code records} of them and hold out the last tenth; train (or reuse) the teacher LSTM on the rest;
 * then train the student LSTM with every requested loss and seed, off-policy on the data and, with
 * {@code onPolicy}, also on-policy (GKD); write the run's files.
 */
public final class TextDistillationExperiment {
    /** Teacher checkpoint kind. */
    static final String KIND = "distill-text-teacher";
    /** Teacher checkpoint payload version. */
    static final int FORMAT = 1;
    /** Fraction of the kept records held out for bits per character. */
    static final double HELD_OUT_FRACTION = 0.1;

    /**
     * The experiment's settings (the {@code kl4j distill-text} flags).
     *
     * @param teacherEpochs    teacher epochs
     * @param teacherHidden    teacher LSTM units per layer
     * @param teacherLayers    teacher LSTM layers
     * @param teacherSeed      the teacher's seed
     * @param epochs           student epochs
     * @param studentHidden    student LSTM units (one layer)
     * @param losses           losses to compare
     * @param onPolicy         also train every KD loss on-policy (GKD)
     * @param onPolicyFraction λ, the fraction of on-policy steps of an on-policy run
     * @param alpha            weight of D against the data's cross-entropy on data batches
     * @param seeds            student seeds
     * @param batchSize        records per step
     * @param maxLength        largest T (longer records are cut)
     * @param records          records kept from the corpus (0 = all)
     * @param learningRate     Adam's step size
     * @param dataDir          fortune files' directory, null for the default
     * @param progress         show progress bars
     */
    public record Settings(int teacherEpochs, int teacherHidden, int teacherLayers, long teacherSeed, int epochs,
            int studentHidden, List<TextLoss> losses, boolean onPolicy, float onPolicyFraction, float alpha,
            List<Long> seeds, int batchSize, int maxLength, int records, float learningRate, Path dataDir,
            boolean progress) {
        /**
         * Checks what training would otherwise reject late.
         *
         * @param teacherEpochs teacher epochs
         * @param teacherHidden teacher LSTM units per layer
         * @param teacherLayers teacher LSTM layers
         * @param teacherSeed the teacher's seed
         * @param epochs student epochs
         * @param studentHidden student LSTM units (one layer)
         * @param losses losses to compare
         * @param onPolicy also train every KD loss on-policy (GKD)
         * @param onPolicyFraction λ, the fraction of on-policy steps of an on-policy run
         * @param alpha weight of D against the data's cross-entropy on data batches
         * @param seeds student seeds
         * @param batchSize records per step
         * @param maxLength largest T (longer records are cut)
         * @param records records kept from the corpus (0 = all)
         * @param learningRate Adam's step size
         * @param dataDir fortune files' directory, null for the default
         * @param progress show progress bars
         */
        public Settings {
            if (seeds.isEmpty()) {
                throw new InvalidArgumentException("seeds", "seeds must list at least one seed");
            }
            if (losses.isEmpty()) {
                throw new InvalidArgumentException("loss", "loss must name at least one loss");
            }
            if (records < 0) {
                throw new InvalidArgumentException("records", "records must be >= 0 (0 = all), got " + records);
            }
            if (onPolicy && losses.stream().allMatch(l -> l == TextLoss.NONE)) {
                throw new InvalidArgumentException("on-policy", "--on-policy needs a KD loss (fkl, rkl, gjsd, skl)");
            }
            CharLanguageModel.lstm(2, teacherHidden, teacherLayers);
            CharLanguageModel.lstm(2, studentHidden, 1);
            new TextDistillationTrainer.Settings(teacherEpochs, batchSize, maxLength, learningRate, teacherSeed);
            new TextDistillationTrainer.Settings(epochs, batchSize, maxLength, learningRate, 0);
            new Objective(TextLoss.FKL.divergence(), alpha, onPolicyFraction);
        }
    }

    /** One student run. */
    record StudentRun(String loss, long seed, RunResult result) {
    }

    /**
     * The aggregate over seeds of one loss.
     *
     * @param loss         the loss's label ({@code gjsd}, {@code gjsd-on-policy}, ...)
     * @param bpcMean      mean held-out bits per character after the last epoch
     * @param bpcStd       their standard deviation over seeds
     * @param startBpc     mean held-out bits per character before training
     * @param seeds        the seeds
     * @param epochSeconds mean seconds per epoch
     */
    public record LossSummary(String loss, double bpcMean, double bpcStd, double startBpc, List<Long> seeds,
            double epochSeconds) {
    }

    /** The corpus split: vocabulary, training and held-out records. */
    record Corpus(CharVocabulary vocabulary, List<int[]> train, List<int[]> heldOut, String identity) {
    }

    private TextDistillationExperiment() {
    }

    /**
     * Loads the corpus: every record of the directory, shuffled with a fixed seed, the first {@code records} kept
     * (all for 0), the last tenth of them held out.
     *
     * @param s settings
     * @return the split
     * @throws IOException if a file cannot be read
     */
    static Corpus corpus(Settings s) throws IOException {
        Path dir = s.dataDir() == null ? Path.of(FortuneCorpus.DEFAULT_DIRECTORY) : s.dataDir();
        List<String> all = new ArrayList<>(FortuneCorpus.load(dir));
        SplittableRandom random = new SplittableRandom(0x5EED);
        for (int i = all.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        List<String> kept = s.records() == 0 || s.records() >= all.size() ? all : all.subList(0, s.records());
        if (kept.size() < 2) {
            throw new InvalidArgumentException("records", "needs at least 2 records (one to train, one held out), got "
                    + kept.size());
        }
        CharVocabulary vocabulary = CharVocabulary.of(kept);
        int heldOut = (int) Math.max(1, Math.round(HELD_OUT_FRACTION * kept.size()));
        List<int[]> encoded = kept.stream().map(vocabulary::encode).toList();
        return new Corpus(vocabulary, encoded.subList(0, kept.size() - heldOut), encoded.subList(kept.size() - heldOut,
                kept.size()), FileIdentity.of(FortuneCorpus.textFiles(dir)));
    }

    /**
     * Runs the experiment and writes metrics.csv, summary.json, results.md and bpc_per_loss.png into the folder.
     *
     * @param s      settings
     * @param folder the open run folder; when resumed, its teacher checkpoint is reused
     * @param stdout where the summary lines go
     * @return the summaries per loss
     * @throws IOException if the corpus, a checkpoint or an output cannot be read or written
     */
    public static List<LossSummary> run(Settings s, RunFolder folder, PrintWriter stdout) throws IOException {
        Corpus corpus = corpus(s);
        stdout.printf(Locale.ROOT, "corpus: %d training records, %d held out, %d symbols (V = %d)%n", corpus.train().size(),
                corpus.heldOut().size(), corpus.vocabulary().size() - 1, corpus.vocabulary().size());
        List<StudentRun> runs = new ArrayList<>();
        double teacherBpc;
        try (Model teacher = Model.newInstance("teacher")) {
            teacherBpc = teacher(s, corpus, folder, teacher, stdout);
            stdout.printf(Locale.ROOT, "teacher: held-out %.4f bits per character%n", teacherBpc);
            stdout.flush();
            List<String> labels = new ArrayList<>();
            List<Objective> objectives = new ArrayList<>();
            for (TextLoss loss : s.losses()) {
                labels.add(loss.flag());
                objectives.add(loss == TextLoss.NONE ? Objective.dataOnly() : Objective.offPolicy(loss.divergence(), s.alpha()));
            }
            if (s.onPolicy()) {
                for (TextLoss loss : s.losses()) {
                    if (loss != TextLoss.NONE) {
                        labels.add(loss.flag() + "-on-policy");
                        objectives.add(Objective.onPolicy(loss.divergence(), s.alpha(), s.onPolicyFraction()));
                    }
                }
            }
            for (int k = 0; k < labels.size(); k++) {
                for (long seed : s.seeds()) {
                    RunResult result;
                    long steps = (long) s.epochs() * ((corpus.train().size() + s.batchSize() - 1) / s.batchSize());
                    try (Model student = Model.newInstance("student");
                            ProgressBar bar = DistillationReport.progressBar(s.progress(), labels.get(k) + " seed " + seed, steps)) {
                        student.setBlock(CharLanguageModel.lstm(corpus.vocabulary().size(), s.studentHidden(), 1));
                        result = TextDistillationTrainer.train(student, objectives.get(k).divergence() == null ? null : teacher,
                                objectives.get(k), corpus.train(), corpus.heldOut(), new TextDistillationTrainer.Settings(
                                        s.epochs(), s.batchSize(), s.maxLength(), s.learningRate(), seed),
                                bar == null ? null : bar::step);
                    }
                    runs.add(new StudentRun(labels.get(k), seed, result));
                    stdout.printf(Locale.ROOT, "%-15s seed %d: held-out %.4f bits per character (start %.4f), %.2f s/epoch%n",
                            labels.get(k), seed, result.last().heldOutBpc(), result.startBpc(), result.meanEpochSeconds());
                    stdout.flush();
                    writeMetrics(folder.dir().resolve("metrics.csv"), runs);
                }
            }
        }
        List<LossSummary> summaries = summarise(runs);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("teacher_bpc", teacherBpc);
        header.put("teacher", "lstm " + s.teacherLayers() + "x" + s.teacherHidden());
        header.put("student", "lstm 1x" + s.studentHidden());
        header.put("teacher_epochs", s.teacherEpochs());
        header.put("epochs", s.epochs());
        header.put("train_records", corpus.train().size());
        header.put("held_out_records", corpus.heldOut().size());
        header.put("vocabulary_size", corpus.vocabulary().size());
        header.put("max_length", s.maxLength());
        header.put("batch_size", s.batchSize());
        header.put("alpha", s.alpha());
        header.put("on_policy_fraction", s.onPolicy() ? s.onPolicyFraction() : 0f);
        writeSummary(folder.dir().resolve("summary.json"), header, summaries);
        String table = markdownTable(teacherBpc, summaries);
        AtomicFiles.writeString(folder.dir().resolve("results.md"), table);
        System.setProperty("java.awt.headless", "true");
        DistillationReport.bars(folder.dir().resolve("bpc_per_loss.png"), String.format(Locale.ROOT,
                "Student held-out bits per character per loss (teacher %.3f)", teacherBpc), "bits per character",
                summaries.stream().map(LossSummary::loss).toList(), summaries.stream().map(LossSummary::bpcMean).toList(),
                summaries.stream().map(LossSummary::bpcStd).toList(), yAxisMin(summaries));
        stdout.print(table);
        stdout.println("outputs: " + folder.dir());
        stdout.flush();
        return summaries;
    }

    /** The teacher's settings: everything that shaped it, the corpus files' identity included. */
    static Map<String, String> teacherSettings(Settings s, Corpus corpus) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("model", "lstm " + s.teacherLayers() + "x" + s.teacherHidden());
        settings.put("teacher_epochs", String.valueOf(s.teacherEpochs()));
        settings.put("teacher_seed", String.valueOf(s.teacherSeed()));
        settings.put("batch_size", String.valueOf(s.batchSize()));
        settings.put("max_length", String.valueOf(s.maxLength()));
        settings.put("learning_rate", String.valueOf(s.learningRate()));
        settings.put("records", String.valueOf(s.records()));
        settings.put("vocabulary_size", String.valueOf(corpus.vocabulary().size()));
        settings.put("data", corpus.identity());
        return settings;
    }

    /** Trains the teacher into {@code model}, or loads it from the checkpoint when resuming; returns its held-out bpc. */
    private static double teacher(Settings s, Corpus corpus, RunFolder folder, Model model, PrintWriter stdout)
            throws IOException {
        Path checkpoint = folder.checkpointDir().resolve("teacher.ckpt");
        Map<String, String> settings = teacherSettings(s, corpus);
        CharLanguageModel block = CharLanguageModel.lstm(corpus.vocabulary().size(), s.teacherHidden(), s.teacherLayers());
        model.setBlock(block);
        if (folder.resumed() && Files.isRegularFile(checkpoint)) {
            CheckpointFile.Contents contents = CheckpointFile.read(checkpoint, KIND);
            contents.header().requireMatching(settings, Set.copyOf(settings.keySet()));
            if (contents.header().formatVersion() != FORMAT) {
                throw new IOException(checkpoint + ": teacher checkpoint format " + contents.header().formatVersion()
                        + " is not " + FORMAT + "; start a new run");
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(contents.payload()))) {
                double bpc = in.readDouble();
                block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1));
                block.loadParameters(model.getNDManager(), in);
                if (in.available() != 0) {
                    throw new IOException(checkpoint + ": teacher checkpoint has bytes after its parameters");
                }
                stdout.println("teacher: reusing " + checkpoint);
                return bpc;
            } catch (ai.djl.MalformedModelException e) {
                throw new IOException(checkpoint + ": teacher parameters do not fit the model: " + e.getMessage(), e);
            }
        }
        long steps = (long) s.teacherEpochs() * ((corpus.train().size() + s.batchSize() - 1) / s.batchSize());
        RunResult result;
        try (ProgressBar bar = DistillationReport.progressBar(s.progress(), "teacher", steps)) {
            result = TextDistillationTrainer.train(model, null, Objective.dataOnly(), corpus.train(), corpus.heldOut(),
                    new TextDistillationTrainer.Settings(s.teacherEpochs(), s.batchSize(), s.maxLength(), s.learningRate(),
                            s.teacherSeed()), bar == null ? null : bar::step);
        }
        for (EpochMetrics m : result.epochs()) {
            stdout.printf(Locale.ROOT, "teacher epoch %d: loss %.4f, held-out %.4f bits per character, %.1f s%n", m.epoch(),
                    m.trainLoss(), m.heldOutBpc(), m.seconds());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeDouble(result.last().heldOutBpc());
            Block trained = model.getBlock();
            trained.saveParameters(out);
        }
        Files.createDirectories(checkpoint.getParent());
        CheckpointFile.write(checkpoint, new CheckpointFile.Header(KIND, FORMAT, settings), bytes.toByteArray());
        return result.last().heldOutBpc();
    }

    static void writeMetrics(Path file, List<StudentRun> runs) throws IOException {
        StringBuilder csv = new StringBuilder("loss,seed,epoch,train_loss,held_out_bpc,epoch_seconds\n");
        for (StudentRun run : runs) {
            csv.append(String.format(Locale.ROOT, "%s,%d,0,,%.6f,0%n", run.loss(), run.seed(), run.result().startBpc()));
            for (EpochMetrics m : run.result().epochs()) {
                csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%.6f,%.4f%n", run.loss(), run.seed(), m.epoch(),
                        m.trainLoss(), m.heldOutBpc(), m.seconds()));
            }
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    static List<LossSummary> summarise(List<StudentRun> runs) {
        Map<String, List<StudentRun>> byLoss = new LinkedHashMap<>();
        for (StudentRun run : runs) {
            byLoss.computeIfAbsent(run.loss(), k -> new ArrayList<>()).add(run);
        }
        List<LossSummary> out = new ArrayList<>();
        byLoss.forEach((loss, list) -> {
            double[] bpc = list.stream().mapToDouble(r -> r.result().last().heldOutBpc()).toArray();
            double[] start = list.stream().mapToDouble(r -> r.result().startBpc()).toArray();
            double seconds = list.stream().mapToDouble(r -> r.result().meanEpochSeconds()).average().orElse(Double.NaN);
            out.add(new LossSummary(loss, DistillationReport.mean(bpc), DistillationReport.std(bpc),
                    DistillationReport.mean(start), list.stream().map(StudentRun::seed).toList(), seconds));
        });
        return out;
    }

    static void writeSummary(Path file, Map<String, Object> header, List<LossSummary> summaries) throws IOException {
        List<Map<String, Object>> results = new ArrayList<>();
        for (LossSummary s : summaries) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("loss", s.loss());
            r.put("student_bpc_mean", s.bpcMean());
            r.put("student_bpc_std", s.bpcStd());
            r.put("start_bpc_mean", s.startBpc());
            r.put("seeds", s.seeds());
            r.put("epoch_seconds", s.epochSeconds());
            results.add(r);
        }
        DistillationReport.writeSummaryJson(file, header, results);
    }

    static String markdownTable(double teacherBpc, List<LossSummary> summaries) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Teacher held-out bits per character: %.4f%n%n", teacherBpc));
        md.append("| loss | student held-out bits per character | seeds | s/epoch |\n");
        md.append("|---|---|---|---|\n");
        for (LossSummary s : summaries) {
            md.append(String.format(Locale.ROOT, "| %s | %.4f ± %.4f | %d | %.2f |%n", s.loss(), s.bpcMean(), s.bpcStd(),
                    s.seeds().size(), s.epochSeconds()));
        }
        return md.toString();
    }

    /** The y axis of the bpc chart starts a little below the lowest bar minus its error, at a multiple of 0.1. */
    static double yAxisMin(List<LossSummary> summaries) {
        double low = summaries.stream().mapToDouble(s -> s.bpcMean() - s.bpcStd()).min().orElse(0);
        return Math.max(0, Math.floor(10 * (low - 0.1)) / 10);
    }
}
