package dev.kl4j.examples.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.data.DataDirectory;
import dev.kl4j.core.data.MnistFormat;
import dev.kl4j.core.io.RunFolder;
import dev.kl4j.examples.vae.MatmulBenchmark;
import dev.kl4j.examples.vae.RunFiles;
import dev.kl4j.examples.vae.VaePictures;
import dev.kl4j.examples.vae.VaeSummary;
import dev.kl4j.vae.model.DecoderType;
import dev.kl4j.vae.model.VaeConfig;
import dev.kl4j.vae.model.VaeModel;
import dev.kl4j.vae.objective.KlSchedule;
import dev.kl4j.vae.train.Checkpoint;
import dev.kl4j.vae.train.EpochMetrics;
import dev.kl4j.vae.train.TrainConfig;
import dev.kl4j.vae.train.TrainingListener;
import dev.kl4j.vae.train.VaeTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kl4j vae}: trains a VAE on Fashion-MNIST (or any MNIST-format data), evaluates it and writes
 * {@code metrics.csv}, {@code summary.json}, pictures and a checkpoint into its run folder ({@code --out},
 * opened through {@link RunOptions}: a new run never replaces an old one without {@code --overwrite}).
 * {@code --bench} instead measures seconds per epoch against DJL's matmul throughput.
 *
 * <p>This class is where the command-line forms live: flag names, the {@code "M,R"} form of
 * {@code --cyclical}, {@code bernoulli|gaussian}. It turns them into the VAE module's typed values
 * ({@link VaeConfig}, {@link TrainConfig}, {@link KlSchedule}) and words the library's errors, which
 * name library parameters, in flag names. Everything that can be checked is checked before the data
 * is loaded.
 */
@Command(name = "vae", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a variational autoencoder (negative ELBO = recon + beta * KL(q(z|x) || N(0,I))) and write",
            "metrics.csv, summary.json, PNG pictures and checkpoint/ into the run folder --out.",
            "Defaults: 784-400-20 MLP, Bernoulli decoder, Adam 1e-3, batch 128, 10 epochs, Fashion-MNIST, seed 1."})
public final class VaeCommand implements Callable<Integer> {
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--batch", defaultValue = "128", description = "Images per step (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--latent", defaultValue = "20", description = "Latent dimensions (default ${DEFAULT-VALUE}).")
    int latent;
    @Option(names = "--hidden", defaultValue = "400", description = "Hidden units (default ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--beta", defaultValue = "1", description = "KL weight beta (default ${DEFAULT-VALUE}).")
    double beta;
    @Option(names = "--warmup-steps", defaultValue = "0", description = "Linear KL warm-up steps (default 0: none).")
    long warmupSteps;
    @Option(names = "--cyclical", paramLabel = "M,R", description = "Cyclical KL annealing: M cycles, rising over fraction R.")
    String cyclical;
    @Option(names = "--free-bits", paramLabel = "LAMBDA", defaultValue = "0",
            description = "Free-bits floor per latent dimension, nats (default 0: none).")
    double freeBits;
    @Option(names = "--decoder", defaultValue = "bernoulli", description = "bernoulli or gaussian (default ${DEFAULT-VALUE}).")
    String decoder;
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "MNIST-format data (default: $KL4J_DATA, else /usr/share/datasets/fashion-mnist).")
    String dataDir;
    @Mixin
    RunOptions run;
    @Mixin
    DeviceOption device;
    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--threads", description = "libtorch threads (default: the launcher's, = cores).")
    Integer threads;
    @Option(names = "--iwae-samples", defaultValue = "1000", description = "IWAE samples K (default ${DEFAULT-VALUE}).")
    int iwaeSamples;
    @Option(names = "--iwae-images", defaultValue = "1000", description = "Test images for IWAE (default ${DEFAULT-VALUE}).")
    int iwaeImages;
    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;
    @Option(names = "--bench", description = "Benchmark: time --bench-epochs epochs against DJL matmul; no outputs.")
    boolean bench;
    @Option(names = "--bench-epochs", defaultValue = "3", description = "Epochs timed by --bench (default ${DEFAULT-VALUE}).")
    int benchEpochs;

    @Spec
    CommandSpec spec;

    /** Library parameter names (as {@link InvalidArgumentException#argument()} gives them) → flags. */
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("epochs", "--epochs"),
            Map.entry("batchSize", "--batch"), Map.entry("learningRate", "--lr"), Map.entry("beta", "--beta"),
            Map.entry("warmupSteps", "--warmup-steps"), Map.entry("cycles", "--cyclical"),
            Map.entry("ratio", "--cyclical"), Map.entry("freeBits", "--free-bits"), Map.entry("hidden", "--hidden"),
            Map.entry("latent", "--latent"), Map.entry("resume", "--resume"));

    @Override
    public Integer call() throws Exception {
        EngineThreads.apply(threads);
        System.setProperty("java.awt.headless", "true");
        // Everything that can be checked before the data loads is checked here.
        if (iwaeSamples < 1) {
            throw new InvalidArgumentException("iwae-samples", "--iwae-samples " + iwaeSamples + " must be >= 1");
        }
        if (iwaeImages < 1) {
            throw new InvalidArgumentException("iwae-images", "--iwae-images " + iwaeImages + " must be >= 1");
        }
        if (bench && benchEpochs < 1) {
            throw new InvalidArgumentException("bench-epochs", "--bench-epochs " + benchEpochs
                    + " must be >= 1 (the number of epochs --bench times)");
        }
        Device where = device.resolve();
        DecoderType likelihood = parseDecoder(decoder);
        TrainConfig trainConfig = inFlagTerms(() -> new TrainConfig(bench ? benchEpochs : epochs, batch, lr,
                klSchedule(), freeBits, seed));
        inFlagTerms(() -> new VaeConfig(784, hidden, latent, likelihood)); // checks --hidden, --latent; size set below
        PrintWriter stdout = spec.commandLine().getOut();
        if (bench) {
            MnistFormat.Split split = MnistFormat.load(DataDirectory.resolve(dataDir));
            Engine.getInstance().setRandomSeed((int) seed);
            VaeConfig modelConfig = new VaeConfig(split.train().imageSize(), hidden, latent, likelihood);
            return bench(stdout, modelConfig, VaeModel.create(modelConfig, new SplittableRandom(seed), where),
                    trainConfig, split);
        }
        run.check("vae"); // flags and folder usable (nothing created yet)
        Path data = DataDirectory.resolve(dataDir);
        // The run folder is opened (checked, locked, NEW/RESUME/OVERWRITE applied) and a checkpoint to
        // resume from is verified before the data loads.
        try (RunFolder folder = run.open("vae")) {
            if (folder.resumed()) {
                Checkpoint.load(folder.checkpointDir());
            }
            Runnable finished = run.sayHowToContinueIfInterrupted(folder, System.err);
            try {
                MnistFormat.Split split = MnistFormat.load(data);
                VaeConfig modelConfig = new VaeConfig(split.train().imageSize(), hidden, latent, likelihood);
                Engine.getInstance().setRandomSeed((int) seed);
                train(stdout, folder, modelConfig, VaeModel.create(modelConfig, new SplittableRandom(seed), where),
                        trainConfig, data, split);
            } finally {
                finished.run();
            }
        }
        return 0;
    }

    private void train(PrintWriter stdout, RunFolder folder, VaeConfig modelConfig, VaeModel model,
            TrainConfig trainConfig, Path data, MnistFormat.Split split) throws Exception {
        Path outDir = run.folder("vae");
        Path checkpointDir = folder.checkpointDir();
        try (VaeTrainer trainer = inFlagTerms(() -> folder.resumed()
                ? VaeTrainer.resume(model, trainConfig, split.train(), split.test(), checkpointDir)
                : VaeTrainer.create(model, trainConfig, split.train(), split.test(), checkpointDir))) {
            if (folder.resumed()) {
                stdout.printf(Locale.ROOT, "resuming after epoch %d from %s%n", trainer.epoch(), checkpointDir);
            }
            stdout.printf(Locale.ROOT, "VAE %d-%d-%d %s, %d train / %d test images from %s -> %s%n",
                    modelConfig.inputSize(), hidden, latent, modelConfig.decoder().id(), split.train().count(),
                    split.test().count(), data, outDir);
            stdout.flush();
            List<EpochMetrics> history = trainer.train(new Progress(folder.resolve("metrics.csv"), stdout,
                    !noProgress, trainer.history()));
            stdout.printf(Locale.ROOT, "evaluating: test -ELBO, IWAE with K=%d on %d test images, active units%n",
                    iwaeSamples, Math.min(iwaeImages, split.test().count()));
            stdout.flush();
            VaeTrainer.Evaluation eval = trainer.evaluate(iwaeSamples, iwaeImages);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("data_dir", data.toString());
            extra.put("train_images", split.train().count());
            extra.put("test_images", split.test().count());
            extra.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
            RunFiles.writeSummary(folder.resolve("summary.json"),
                    VaeSummary.build(modelConfig, trainConfig, eval, history, extra));
            boolean fashion = data.toString().toLowerCase(Locale.ROOT).contains("fashion");
            VaePictures.writeAll(folder.dir(), trainer.model(), split.test(), eval.test().perDimKl(), history, seed,
                    fashion ? VaePictures.FASHION_MNIST_CLASSES : null);
            stdout.printf(Locale.ROOT, "test -ELBO %.2f nats/image (recon %.2f + KL %.2f); IWAE -log p(x) %.2f +- %.2f"
                    + " (K=%d, %d images; -ELBO on them %.2f); active units %d/%d%n",
                    eval.test().loss(), eval.test().recon(), eval.test().kl(), eval.iwae().nll(),
                    eval.iwae().standardError(), eval.iwae().samples(), eval.iwae().images(),
                    eval.testOnIwaeImages().loss(), eval.activeUnits(), latent);
            stdout.printf("wrote %s/{metrics.csv, summary.json, *.png, checkpoint/}%n", outDir);
        }
    }

    /** {@return the β schedule of {@code --beta}, {@code --warmup-steps} and {@code --cyclical M,R}} */
    private KlSchedule klSchedule() throws Exception {
        if (warmupSteps < 0) {
            throw new InvalidArgumentException("warmup-steps", "--warmup-steps " + warmupSteps + " must be >= 0");
        }
        if (warmupSteps > 0 && cyclical != null) {
            throw new InvalidArgumentException("cyclical", "choose either --warmup-steps or --cyclical, not both");
        }
        if (cyclical != null) {
            String[] parts = cyclical.split(",");
            int cycles;
            double ratio;
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                cycles = Integer.parseInt(parts[0].trim());
                ratio = Double.parseDouble(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("cyclical", "--cyclical '" + cyclical
                        + "' must be M,R: an integer number of cycles M and a rising fraction R, e.g. 4,0.5");
            }
            return inFlagTerms(() -> KlSchedule.cyclical(beta, cycles, ratio));
        }
        if (warmupSteps > 0) {
            return inFlagTerms(() -> KlSchedule.linearWarmup(beta, warmupSteps));
        }
        return inFlagTerms(() -> KlSchedule.constant(beta));
    }

    private static DecoderType parseDecoder(String name) {
        for (DecoderType t : DecoderType.values()) {
            if (t.id().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new InvalidArgumentException("decoder", "--decoder: decoder '" + name
                + "' is unknown; use bernoulli or gaussian");
    }

    /** A computation that may throw a checked exception. */
    @FunctionalInterface
    private interface Checked<T> {
        T get() throws Exception;
    }

    /** Runs {@code action}; an {@link InvalidArgumentException} about a library parameter is reworded with its flag. */
    private static <T> T inFlagTerms(Checked<T> action) throws Exception {
        try {
            return action.get();
        } catch (InvalidArgumentException e) {
            String flag = FLAGS.get(e.argument());
            if (flag == null || e.getMessage().startsWith(flag)) {
                throw e;
            }
            throw new InvalidArgumentException(flag, flag + ": " + e.getMessage());
        }
    }

    /**
     * Times whole training epochs and, before each, DJL's matmul at the first layer's shape and at
     * 1024³; the ratio uses the best epoch and the best matmul figure seen (the machine may be shared,
     * so best-of figures are the least disturbed ones).
     */
    private int bench(PrintWriter stdout, VaeConfig modelConfig, VaeModel model, TrainConfig trainConfig,
            MnistFormat.Split split) {
        stdout.printf(Locale.ROOT, "threads: ai.djl.pytorch.num_threads=%s; %d epochs of %d images, batch %d%n",
                System.getProperty("ai.djl.pytorch.num_threads", "default"), trainConfig.epochs(),
                split.train().count(), batch);
        double layerBest = 0;
        double squareBest = 0;
        List<Double> seconds = new ArrayList<>();
        try (VaeTrainer trainer = VaeTrainer.create(model, trainConfig, split.train(), split.test(), null)) {
            for (int e = 1; e <= trainConfig.epochs(); e++) {
                double layer = MatmulBenchmark.gflops(batch, modelConfig.inputSize(), hidden, 0.3);
                double square = MatmulBenchmark.gflops(1024, 1024, 1024, 0.3);
                layerBest = Math.max(layerBest, layer);
                squareBest = Math.max(squareBest, square);
                EpochMetrics m = trainer.trainOneEpoch(TrainingListener.NONE);
                seconds.add(m.seconds());
                stdout.printf(Locale.ROOT, "epoch %d: %.2f s, train -ELBO %.2f, test -ELBO %.2f; matmul %.1f GFLOP/s"
                        + " (%dx%dx%d), %.1f GFLOP/s (1024^3)%n", e, m.seconds(), m.trainLoss(), m.testLoss(), layer,
                        batch, modelConfig.inputSize(), hidden, square);
                stdout.flush();
            }
        }
        double reference = Math.max(layerBest, squareBest);
        double best = seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double flops = (double) modelConfig.trainFlopsPerImage() * split.train().count();
        double rate = flops / best / 1e9;
        stdout.printf(Locale.ROOT, "VAE training: %.2f s/epoch (best of %d), %.1f GFLOP per epoch (matmul FLOPs of"
                + " forward + backward), %.1f GFLOP/s = %.2f of DJL matmul throughput (best seen: %.1f GFLOP/s)%n",
                best, seconds.size(), flops / 1e9, rate, rate / reference, reference);
        return 0;
    }

    /** Progress bar per epoch on stderr, and metrics.csv rewritten after every epoch. */
    private static final class Progress implements TrainingListener {
        private final Path metricsFile;
        private final PrintWriter stdout;
        private final boolean show;
        private final List<EpochMetrics> seen = new ArrayList<>();
        private ProgressBar bar;
        private double running = Double.NaN;

        Progress(Path metricsFile, PrintWriter stdout, boolean show, List<EpochMetrics> before) {
            this.metricsFile = metricsFile;
            seen.addAll(before);
            this.stdout = stdout;
            this.show = show;
        }

        @Override
        public void epochStarted(int epoch, int steps) {
            if (show) {
                bar = new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(steps)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500)
                        .build();
            }
            running = Double.NaN;
        }

        @Override
        public void stepFinished(int epoch, int step, double loss) {
            running = Double.isNaN(running) ? loss : 0.98 * running + 0.02 * loss;
            if (bar != null) {
                bar.step();
                if (step % 20 == 0) {
                    bar.setExtraMessage(String.format(Locale.ROOT, "-ELBO %.1f", running));
                }
            }
        }

        @Override
        public void epochFinished(EpochMetrics m) {
            if (bar != null) {
                bar.close();
                bar = null;
            }
            seen.add(m);
            stdout.printf(Locale.ROOT, "epoch %d: train -ELBO %.2f (KL %.2f), test -ELBO %.2f (recon %.2f + KL %.2f),"
                    + " beta %.3g, %.1f s, RSS %.0f MiB%n", m.epoch(), m.trainLoss(), m.trainKl(), m.testLoss(),
                    m.testRecon(), m.testKl(), m.beta(), m.seconds(), m.rssMib());
            stdout.flush();
            try {
                RunFiles.writeMetrics(metricsFile, seen);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
