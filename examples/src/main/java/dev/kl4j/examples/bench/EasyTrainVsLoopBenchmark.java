package dev.kl4j.examples.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.data.DataDirectory;
import dev.kl4j.core.data.ImageSet;
import dev.kl4j.core.data.MnistFormat;
import dev.kl4j.distillation.loss.DistillationLoss;
import dev.kl4j.distillation.loss.DistillationLosses;
import dev.kl4j.distillation.model.TeacherStudentModels;
import dev.kl4j.distillation.train.TeacherStudentTrainer;
import dev.kl4j.distillation.train.TrainSettings;
import dev.kl4j.distillation.train.TrainingLossMeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one student epoch of the image distillation experiment through DJL's {@code EasyTrain.fit}
 * (as {@link TeacherStudentTrainer} runs it) against a hand-written training loop, for the plain
 * cross-entropy ({@code none}) and two distillation losses ({@code hinton}, T = 4, α = 0.9; {@code dkd},
 * CE + 1·TCKD + 8·NCKD at T = 4), all in one run.
 *
 * <p>Every variant trains the same student MLP (784-H-10, {@link TeacherStudentModels#studentMlp}) from
 * the same initial parameters (the engine seeded before initialisation) on the same
 * {@link ArrayDataset} (images as data, {@code [hard labels, cached teacher logits]} as labels, shuffled
 * batches of 128 drawn from the same seed), with Adam at a fixed learning rate of 1e-3. The teacher
 * logits are precomputed (seeded N(0, 2²) logits with +4 on the hard label; their values do not change the
 * cost). The paths:
 * <ul>
 *   <li>{@link PathKind#HAND}: for each batch an {@code NDScope} and a {@code GradientCollector}, forward,
 *       loss, backward, the loss value read for the epoch's mean; the optimizer step outside the scope
 *       ({@code ParameterStore.updateAllParameters}, what {@code Trainer.step} calls); the batch closed;</li>
 *   <li>{@link PathKind#EASYTRAIN}: {@code EasyTrain.fit(trainer, 1, dataset, null)} with the training
 *       configuration of {@link TeacherStudentTrainer} (the loss wrapped by a {@link TrainingLossMeter},
 *       which reads the value the step computed);</li>
 *   <li>{@link PathKind#EASYTRAIN_REEVALUATE}: the same with a listener that evaluates the loss again
 *       for every batch to get the training loss, as {@code TeacherStudentTrainer} did before and as
 *       DJL's own {@code EvaluatorTrainingListener} (in {@code TrainingListener.Defaults}) does.</li>
 * </ul>
 * One repetition times one epoch of every variant, in an order rotated by one place per repetition; the
 * first {@code --warmup} repetitions are not reported. Per variant it prints the median wall time, the
 * CPU time of the calling thread (with one libtorch thread, {@code -Dai.djl.pytorch.num_threads=1}, that
 * is all of the tensor work, and a loaded machine distorts it less than wall time) and the CPU time of the
 * whole process; then the CPU time of each loss alone (value and gradient on {@code [128 × 10]} and
 * {@code [1024 × 10]} logits, {@link #lossMicrosPerBatch}); then the ratios EasyTrain / hand and KD / CE
 * as medians of the ratios within each repetition.
 *
 * <pre>
 *   EasyTrainVsLoopBenchmark [--train-fraction F] [--hidden H] [--repetitions R] [--warmup W]
 *                            [--losses none,hinton,dkd] [--seed S] [--data-dir DIR]
 * </pre>
 * Defaults: F = 0.1 (6,000 Fashion-MNIST training images), H = 256, R = 5, W = 1, seed 1, the data
 * directory of {@link DataDirectory} (generated 28×28 images of the same size when it holds no data).
 *
 * <p>The same comparison as a JMH benchmark ({@code kl4j bench EasyTrainVsLoop}, wall time only): one
 * operation is one epoch of a fresh student on {@code images} images (3,000 by default) through
 * {@code path} with {@code loss}; the set-up runs before each operation, outside the timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EasyTrainVsLoopBenchmark {
    private static final int CLASSES = 10;
    private static final int FASHION_MNIST_TRAIN = 60_000;
    private static final int SIDE = 28;

    /** JMH: the path, {@code hand}, {@code easytrain} or {@code easytrain+reeval}. */
    @Param({"hand", "easytrain", "easytrain+reeval"})
    public String path;

    /** JMH: the loss, {@code none}, {@code hinton} or {@code dkd}. */
    @Param({"none", "hinton", "dkd"})
    public String loss;

    /** JMH: training images (the first ones of Fashion-MNIST, or generated ones when it is absent). */
    @Param("3000")
    public int images;

    /** JMH: the student's hidden units. */
    @Param("256")
    public int hidden;

    private StudentData data;
    private StudentRun run;

    /** For JMH; use {@link #main} or the static methods otherwise. */
    public EasyTrainVsLoopBenchmark() {
    }

    /**
     * JMH: loads (or generates) the images and the teacher logits once per trial.
     *
     * @throws IOException if the Fashion-MNIST files cannot be read
     */
    @Setup(Level.Trial)
    public void loadData() throws IOException {
        ImageSet set = loadImages(DataDirectory.choose(null).dir(), images, 1);
        data = new StudentData(set, teacherLogits(set.labels(), CLASSES, 2));
    }

    /** JMH: a fresh student (seed 1) before each operation, outside the timing (an epoch is ≥ 10 ms). */
    @Setup(Level.Invocation)
    public void openRun() {
        PathKind kind = Arrays.stream(PathKind.values()).filter(k -> k.label().equals(path)).findFirst()
                .orElseThrow(() -> new InvalidArgumentException("path", "path must be hand, easytrain or easytrain+reeval"));
        run = StudentRun.open(kind, loss(loss), data, hidden, TrainSettings.of(1, 1));
    }

    /** JMH: closes the operation's student. */
    @TearDown(Level.Invocation)
    public void closeRun() {
        run.close();
    }

    /**
     * JMH, one operation: one epoch of a fresh student on {@link #images} images through {@link #path} with
     * {@link #loss}.
     *
     * @return the epoch's mean loss, so that the work cannot be skipped
     */
    @Benchmark
    public double epoch() {
        return run.epoch();
    }

    /** The first {@code count} training images of {@code dir}, or {@code count} generated ones if it has none. */
    static ImageSet loadImages(Path dir, int count, long seed) throws IOException {
        if (hasTrainImages(dir)) {
            ImageSet all = MnistFormat.load(dir).train();
            return all.head(Math.min(count, all.count()));
        }
        return generatedImages(count, SIDE, seed);
    }

    /** How the epoch is run. */
    public enum PathKind {
        /** A hand-written loop over the dataset's batches. */
        HAND("hand"),
        /** {@code EasyTrain.fit} as {@link TeacherStudentTrainer} calls it. */
        EASYTRAIN("easytrain"),
        /** {@code EasyTrain.fit} with a listener that evaluates the loss a second time per batch. */
        EASYTRAIN_REEVALUATE("easytrain+reeval");

        private final String label;

        PathKind(String label) {
            this.label = label;
        }

        /** {@return the name printed in the table} */
        public String label() {
            return label;
        }
    }

    /**
     * What one training run gives.
     *
     * @param wallSeconds       wall time of the epochs (training only: no set-up, no evaluation)
     * @param threadCpuSeconds  CPU time of the calling thread over the same span
     * @param processCpuSeconds CPU time of the whole process over the same span
     * @param meanLoss          mean training loss of the last epoch
     * @param parameters        the trained parameters, in the block's order, row-major
     */
    public record EpochRun(double wallSeconds, double threadCpuSeconds, double processCpuSeconds, double meanLoss,
            List<float[]> parameters) {
    }

    /**
     * The student's training data as both paths feed it.
     *
     * @param images        images {@code [N, 1, rows, cols]}
     * @param teacherLogits the teacher's cached logits, {@code [N × C]} row-major
     */
    public record StudentData(ImageSet images, float[] teacherLogits) {
        /**
         * Checks the sizes.
         *
         * @param images        images
         * @param teacherLogits {@code [N × C]} row-major
         */
        public StudentData {
            if (teacherLogits == null || images.count() == 0 || teacherLogits.length % images.count() != 0) {
                throw new InvalidArgumentException("teacherLogits", "teacherLogits must hold C logits per image");
            }
        }
    }

    /**
     * Trains a fresh student MLP through one of the paths and times the training epochs.
     *
     * @param path     hand-written loop or {@code EasyTrain.fit}
     * @param loss     the training loss (labels: hard labels, teacher logits)
     * @param data     images and cached teacher logits
     * @param hidden   the student's hidden units
     * @param settings epochs, batch size, learning rate, seed (as {@link TeacherStudentTrainer} takes them)
     * @return times, the last epoch's mean loss and the trained parameters
     */
    public static EpochRun train(PathKind path, Loss loss, StudentData data, int hidden, TrainSettings settings) {
        try (StudentRun run = StudentRun.open(path, loss, data, hidden, settings)) {
            Clock clock = Clock.start();
            double meanLoss = Double.NaN;
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                meanLoss = run.epoch();
            }
            clock.stop();
            return new EpochRun(clock.wall, clock.threadCpu, clock.processCpu, meanLoss, run.parameters());
        }
    }

    /**
     * A student ready to train through one path: model, data, and either a {@code Trainer} or a parameter
     * store with the optimizer. Opening does the set-up in {@link TeacherStudentTrainer}'s order (seed,
     * configuration, trainer, data, initialisation), so {@link #epoch()} times the training alone.
     */
    public static final class StudentRun implements AutoCloseable {
        private final PathKind path;
        private final Loss loss;
        private final Model model;
        private final NDManager dataManager;
        private final ArrayDataset dataset;
        private final TrainingLossMeter meter = new TrainingLossMeter();
        private final ReevaluatingLossMeter reevaluating = new ReevaluatingLossMeter();
        private Trainer trainer;
        private NDManager storeManager;
        private ParameterStore parameterStore;

        private StudentRun(PathKind path, Loss loss, StudentData data, int hidden, TrainSettings settings) {
            this.path = path;
            this.loss = loss;
            ImageSet train = data.images();
            long classes = data.teacherLogits().length / train.count();
            model = Model.newInstance("student");
            model.setBlock(TeacherStudentModels.studentMlp(hidden, (int) classes));
            Engine.getInstance().setRandomSeed((int) settings.seed());
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate())).build();
            DefaultTrainingConfig config = path == PathKind.EASYTRAIN
                    ? new DefaultTrainingConfig(meter.metered(loss)).optOptimizer(adam).addTrainingListeners(meter)
                    : new DefaultTrainingConfig(loss).optOptimizer(adam).addTrainingListeners(reevaluating);
            if (path != PathKind.HAND) {
                trainer = model.newTrainer(config);
            }
            dataManager = NDManager.newBaseManager();
            dataset = dataset(dataManager, data, classes, settings.batchSize());
            Shape inputShape = new Shape(settings.batchSize(), 1, train.rows(), train.cols());
            if (path == PathKind.HAND) {
                Block block = model.getBlock();
                block.initialize(model.getNDManager(), model.getDataType(), inputShape);
                storeManager = model.getNDManager().newSubManager();
                parameterStore = new ParameterStore(storeManager, false);
                Device device = storeManager.getDevice();
                parameterStore.setParameterServer(storeManager.getEngine().newParameterServer(adam), new Device[] {device});
                for (Parameter parameter : block.getParameters().values()) {
                    parameterStore.getValue(parameter, device, true);   // registers it for the updates
                }
            } else {
                trainer.initialize(inputShape);
            }
        }

        /**
         * Opens a run.
         *
         * @param path     hand-written loop or {@code EasyTrain.fit}
         * @param loss     the training loss (labels: hard labels, teacher logits)
         * @param data     images and cached teacher logits
         * @param hidden   the student's hidden units
         * @param settings batch size, learning rate, seed
         * @return the run, ready for {@link #epoch()}
         */
        public static StudentRun open(PathKind path, Loss loss, StudentData data, int hidden, TrainSettings settings) {
            return new StudentRun(path, loss, data, hidden, settings);
        }

        /** {@return the mean training loss of one more epoch} */
        public double epoch() {
            try {
                if (path == PathKind.HAND) {
                    return handWrittenEpoch(model.getBlock(), parameterStore, loss, dataset, storeManager);
                }
                meter.reset();
                reevaluating.reset();
                EasyTrain.fit(trainer, 1, dataset, null);
                return path == PathKind.EASYTRAIN ? meter.mean() : reevaluating.mean();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (TranslateException e) {
                throw new IllegalStateException("DJL could not batch the training data: " + e.getMessage(), e);
            }
        }

        /** {@return the current parameters, in the block's order, row-major} */
        public List<float[]> parameters() {
            List<float[]> out = new ArrayList<>();
            for (Parameter parameter : model.getBlock().getParameters().values()) {
                out.add(parameter.getArray().toFloatArray());
            }
            return List.copyOf(out);
        }

        @Override
        public void close() {
            if (trainer != null) {
                trainer.close();
            }
            if (storeManager != null) {
                storeManager.close();
            }
            dataManager.close();
            model.close();
        }
    }

    /**
     * One epoch by hand: per batch an {@code NDScope} around forward, loss and backward, then the optimizer
     * step outside it (so the optimizer's state survives the scope), then the batch closed.
     *
     * @return the mean loss over the batches
     */
    static double handWrittenEpoch(Block block, ParameterStore parameters, Loss loss, ArrayDataset dataset,
            NDManager manager) throws IOException, TranslateException {
        double sum = 0;
        long batches = 0;
        for (Batch batch : dataset.getData(manager)) {   // the same sampler and order as Trainer.iterateDataset
            try (batch) {
                try (NDScope step = new NDScope();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    step.suppressNotUsedWarning();
                    NDList predictions = block.forward(parameters, batch.getData(), true);
                    NDArray value = loss.evaluate(batch.getLabels(), predictions);
                    collector.backward(value);
                    sum += value.getFloat();
                    batches++;
                }
                parameters.updateAllParameters();
            }
        }
        return batches == 0 ? Double.NaN : sum / batches;
    }

    /**
     * CPU time of the calling thread for the loss alone: value and gradient with respect to seeded
     * {@code [batch × classes]} student logits, per batch, after as many warm-up rounds.
     *
     * @param loss       the loss
     * @param batch      rows
     * @param classes    classes
     * @param iterations timed rounds
     * @return microseconds of thread CPU per round
     */
    public static double lossMicrosPerBatch(Loss loss, int batch, int classes, int iterations) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            NDArray student = manager.randomNormal(0f, 2f, new Shape(batch, classes), DataType.FLOAT32);
            NDArray teacher = manager.randomNormal(0f, 2f, new Shape(batch, classes), DataType.FLOAT32);
            float[] labelValues = new float[batch];
            for (int i = 0; i < batch; i++) {
                labelValues[i] = i % classes;
            }
            NDList labels = new NDList(manager.create(labelValues), teacher);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long start = 0;
            for (int round = 0; round < 2 * iterations; round++) {
                if (round == iterations) {
                    start = threads.getCurrentThreadCpuTime();
                }
                try (NDScope step = new NDScope()) {
                    step.suppressNotUsedWarning();
                    NDArray s = student.stopGradient();   // a fresh leaf each round
                    s.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.backward(loss.evaluate(labels, new NDList(s)));
                    }
                }
            }
            return (threads.getCurrentThreadCpuTime() - start) / 1e3 / iterations;
        }
    }

    /** The dataset {@link TeacherStudentTrainer} builds: engine-owned copies, labels then teacher logits. */
    private static ArrayDataset dataset(NDManager manager, StudentData data, long classes, int batchSize) {
        ImageSet train = data.images();
        NDArray wrapped = manager.create(train.pixels(), new Shape(train.count(), 1, train.rows(), train.cols()));
        NDArray images = wrapped.duplicate();
        wrapped.close();
        float[] labels = new float[train.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = train.labels()[i];
        }
        return new ArrayDataset.Builder().setData(images).setSampling(batchSize, true)
                .optLabels(manager.create(labels),
                        manager.create(data.teacherLogits(), new Shape(train.count(), classes)).duplicate())
                .build();
    }

    /**
     * The training-loss listener that evaluates the loss again for every batch (what
     * {@code TeacherStudentTrainer} did before {@link TrainingLossMeter}; DJL's
     * {@code EvaluatorTrainingListener} does the same).
     */
    private static final class ReevaluatingLossMeter extends TrainingListenerAdapter {
        private double sum;
        private long batches;

        void reset() {
            sum = 0;
            batches = 0;
        }

        double mean() {
            return batches == 0 ? Double.NaN : sum / batches;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            batchData.getLabels().forEach((device, labels) -> {
                NDList predictions = batchData.getPredictions().get(device);
                try (NDScope step = new NDScope()) {
                    step.suppressNotUsedWarning();
                    NDArray value = trainer.getLoss().evaluate(labels, predictions);
                    sum += value.toType(DataType.FLOAT64, false).getDouble();
                    batches++;
                }
            });
        }
    }

    /** Wall, thread-CPU and process-CPU time between {@link #start()} and {@link #stop()}. */
    private static final class Clock {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final long wallStart = System.nanoTime();
        private final long threadStart = THREADS.getCurrentThreadCpuTime();
        private final long processStart = processCpuNanos();
        private double wall;
        private double threadCpu;
        private double processCpu;

        static Clock start() {
            return new Clock();
        }

        void stop() {
            wall = (System.nanoTime() - wallStart) / 1e9;
            threadCpu = (THREADS.getCurrentThreadCpuTime() - threadStart) / 1e9;
            processCpu = (processCpuNanos() - processStart) / 1e9;
        }

        private static long processCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : -1;
        }
    }

    /**
     * The loss of a {@code --losses} name.
     *
     * @param name {@code none}, {@code hinton} or {@code dkd}
     * @return the loss as {@code kl4j distill} builds it with its defaults (T = 4, α = 0.9)
     */
    public static DistillationLoss loss(String name) {
        return switch (name) {
            case "none" -> DistillationLosses.hardLabels();
            case "hinton" -> DistillationLosses.hinton(4f, 0.9f);
            case "dkd" -> DistillationLosses.decoupledKd(1f, 8f, 4f);
            default -> throw new InvalidArgumentException("losses", "unknown loss '" + name + "'; use none, hinton or dkd");
        };
    }

    /**
     * Seeded teacher logits, N(0, 2²) with +4 on each image's label.
     *
     * @param labels  hard labels
     * @param classes C
     * @param seed    seed
     * @return {@code [N × C]} row-major
     */
    public static float[] teacherLogits(int[] labels, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            for (int c = 0; c < classes; c++) {
                out[i * classes + c] = (float) (2 * gaussian(random) + (c == labels[i] ? 4 : 0));
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; one of the pair is enough here.
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * Seeded uniform images with uniform labels (when no Fashion-MNIST is installed).
     *
     * @param count images
     * @param side  rows = cols
     * @param seed  seed
     * @return the images
     */
    public static ImageSet generatedImages(int count, int side, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[count * side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        return new ImageSet(pixels, labels, count, side, side);
    }

    /**
     * Runs the comparison and prints the table; see the class comment for the flags.
     *
     * @param args flags
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> flags = flags(args);
        double fraction = Double.parseDouble(flags.getOrDefault("--train-fraction", "0.1"));
        int hidden = Integer.parseInt(flags.getOrDefault("--hidden", "256"));
        int repetitions = Integer.parseInt(flags.getOrDefault("--repetitions", "5"));
        int warmup = Integer.parseInt(flags.getOrDefault("--warmup", "1"));
        long seed = Long.parseLong(flags.getOrDefault("--seed", "1"));
        List<String> losses = Arrays.asList(flags.getOrDefault("--losses", "none,hinton,dkd").split(","));
        if (!(fraction > 0 && fraction <= 1)) {
            throw new InvalidArgumentException("train-fraction", "train-fraction must be in (0, 1], got " + fraction);
        }
        if (repetitions < 1 || warmup < 0 || hidden < 1) {
            throw new InvalidArgumentException("repetitions", "repetitions >= 1, warmup >= 0 and hidden >= 1 are needed");
        }
        Path dir = DataDirectory.choose(flags.get("--data-dir")).dir();
        ImageSet images = loadImages(dir, (int) Math.max(1, Math.round(fraction * FASHION_MNIST_TRAIN)), seed);
        String source = hasTrainImages(dir) ? dir.toString() : "generated (no data in " + dir + ")";
        StudentData data = new StudentData(images, teacherLogits(images.labels(), CLASSES, seed + 1));
        TrainSettings settings = TrainSettings.of(1, seed);
        String cpu = cpuModel();
        System.out.printf(Locale.ROOT, "data: %s, %d images (%d batches); student 784-%d-10, batch %d, Adam lr %.0e, "
                + "seed %d%n", source, images.count(), (images.count() + settings.batchSize() - 1) / settings.batchSize(),
                hidden, settings.batchSize(), settings.learningRate(), seed);
        System.out.printf(Locale.ROOT, "machine: %s, %d cores; libtorch threads %s%n", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("ai.djl.pytorch.num_threads", "default"));

        List<String[]> variants = new ArrayList<>();
        for (String loss : losses) {
            loss(loss.trim());
            for (PathKind path : PathKind.values()) {
                variants.add(new String[] {loss.trim(), path.name()});
            }
        }
        Map<String, List<EpochRun>> runs = new LinkedHashMap<>();
        for (String[] v : variants) {
            runs.put(key(v[0], PathKind.valueOf(v[1])), new ArrayList<>());
        }
        for (int r = 0; r < warmup + repetitions; r++) {
            for (int i = 0; i < variants.size(); i++) {
                String[] v = variants.get((i + r) % variants.size());   // rotated: no variant always first
                EpochRun run = train(PathKind.valueOf(v[1]), loss(v[0]), data, hidden, settings);
                if (r >= warmup) {
                    runs.get(key(v[0], PathKind.valueOf(v[1]))).add(run);
                }
            }
            System.out.printf(Locale.ROOT, "%s repetition %d of %d done%n", r < warmup ? "warm-up" : "measured",
                    r < warmup ? r + 1 : r - warmup + 1, r < warmup ? warmup : repetitions);
        }

        System.out.printf(Locale.ROOT, "%n%-8s %-17s %10s %12s %13s %10s%n", "loss", "path", "wall ms", "thread CPU ms",
                "process CPU ms", "mean loss");
        for (Map.Entry<String, List<EpochRun>> e : runs.entrySet()) {
            List<EpochRun> list = e.getValue();
            String[] parts = e.getKey().split("/");
            System.out.printf(Locale.ROOT, "%-8s %-17s %10.1f %12.1f %13.1f %10.4f%n", parts[0], parts[1],
                    1e3 * median(list, EpochRun::wallSeconds), 1e3 * median(list, EpochRun::threadCpuSeconds),
                    1e3 * median(list, EpochRun::processCpuSeconds), list.get(0).meanLoss());
        }
        // The same at 8 times the rows: a cost that barely grows is the per-operation overhead, not arithmetic.
        System.out.printf(Locale.ROOT, "%nthe loss alone, value + gradient (thread CPU per call): [%d x %d]  [%d x %d]%n",
                settings.batchSize(), CLASSES, 8 * settings.batchSize(), CLASSES);
        for (String loss : losses) {
            System.out.printf(Locale.ROOT, "  %-8s %8.0f us %8.0f us%n", loss.trim(),
                    lossMicrosPerBatch(loss(loss.trim()), settings.batchSize(), CLASSES, 300),
                    lossMicrosPerBatch(loss(loss.trim()), 8 * settings.batchSize(), CLASSES, 300));
        }
        System.out.printf(Locale.ROOT, "%nratios (median over repetitions of the ratio within a repetition): wall, thread CPU%n");
        for (String loss : losses) {
            for (PathKind path : List.of(PathKind.EASYTRAIN, PathKind.EASYTRAIN_REEVALUATE)) {
                printRatio(loss.trim() + ": " + path.label() + " / hand", runs.get(key(loss.trim(), path)),
                        runs.get(key(loss.trim(), PathKind.HAND)));
            }
        }
        if (losses.contains("none")) {
            for (String loss : losses) {
                if (!loss.trim().equals("none")) {
                    for (PathKind path : PathKind.values()) {
                        printRatio(path.label() + ": " + loss.trim() + " / none", runs.get(key(loss.trim(), path)),
                                runs.get(key("none", path)));
                    }
                }
            }
        }
    }

    private static void printRatio(String label, List<EpochRun> a, List<EpochRun> b) {
        double[] wall = new double[a.size()];
        double[] cpu = new double[a.size()];
        for (int i = 0; i < a.size(); i++) {
            wall[i] = a.get(i).wallSeconds() / b.get(i).wallSeconds();
            cpu[i] = a.get(i).threadCpuSeconds() / b.get(i).threadCpuSeconds();
        }
        System.out.printf(Locale.ROOT, "  %-34s %6.3f x  %6.3f x%n", label, median(wall), median(cpu));
    }

    private static String key(String loss, PathKind path) {
        return loss + "/" + path.label();
    }

    private static double median(List<EpochRun> runs, java.util.function.ToDoubleFunction<EpochRun> value) {
        return median(runs.stream().mapToDouble(value).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static boolean hasTrainImages(Path dir) {
        return Files.isDirectory(dir) && (Files.exists(dir.resolve(MnistFormat.TRAIN_IMAGES))
                || Files.exists(dir.resolve(MnistFormat.TRAIN_IMAGES + ".gz")));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> known = List.of("--train-fraction", "--hidden", "--repetitions", "--warmup", "--losses", "--seed",
                "--data-dir");
        for (int i = 0; i < args.length; i++) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                throw new InvalidArgumentException("args", "unknown flag or missing value: " + args[i]
                        + "; flags: " + String.join(" ", known));
            }
            out.put(args[i], args[++i]);
        }
        return out;
    }
}
