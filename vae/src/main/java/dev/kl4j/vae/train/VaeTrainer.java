package dev.kl4j.vae.train;

import dev.kl4j.core.djl.DjlAdam;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.data.ImageSet;
import dev.kl4j.core.io.CheckpointFile;
import dev.kl4j.vae.eval.VaeEvaluator;
import dev.kl4j.vae.model.VaeConfig;
import dev.kl4j.vae.model.VaeModel;
import dev.kl4j.vae.objective.Elbo;
import dev.kl4j.vae.objective.KlSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Trains a {@link VaeModel} with {@link DjlAdam} on the β-weighted negative ELBO ({@link Elbo}).
 *
 * <p>The algorithm is {@link #step}: forward pass, loss, backward pass, Adam update, for one batch and
 * its noise. Around it, {@link #runEpoch} does the plumbing: a seeded Fisher–Yates permutation per epoch,
 * the batch's rows copied into one reused direct buffer, one {@code NDScope} per step (everything a step
 * creates is closed with it, so memory stays flat), the stop on a non-finite loss, the test evaluation
 * and the checkpoint. The last batch of an epoch may be smaller (all images are used, as PyTorch's
 * default loader does).
 *
 * <p>Randomness: the default model's initial weights come from {@code SplittableRandom(seed)}; epoch e
 * shuffles with {@code SplittableRandom(mix(seed, e))} and reseeds libtorch (the noise ε) with another
 * value derived from (seed, e), and the test evaluation after epoch e with a third. Nothing random is
 * carried from one epoch to the next, which is what makes {@link Checkpoint} resumption exact.
 *
 * <p>After every epoch the state is written to the checkpoint folder (if one is given). A non-finite
 * loss throws {@link NonFiniteLossException} without updating the parameters or writing a checkpoint.
 */
public final class VaeTrainer implements AutoCloseable {
    private final NDManager manager;
    private final VaeModel model;
    /** PyTorch's default Adam ε. */
    private static final double ADAM_EPSILON = 1e-8;
    private final DjlAdam adam;
    /**
     * The learning rate as Adam uses it: rounded to float32 first, as the reference runs (and PyTorch's
     * float32 parameter groups) do, so that same-seed runs keep their numbers to the last digit.
     */
    private final double adamLearningRate;
    private final TrainConfig config;
    private final ImageSet train;
    private final ImageSet test;
    private final Path checkpointDir;
    private final List<EpochMetrics> history;
    private final Map<String, String> settings;
    private int epoch;
    private long step;

    private VaeTrainer(VaeModel model, TrainConfig config, ImageSet train, ImageSet test, Path checkpointDir) {
        this.manager = NDManager.newBaseManager(model.manager().getDevice()); // Adam's state beside the parameters
        try {
            requireUsable(model, config, train, test);
        } catch (RuntimeException e) {
            manager.close();
            model.close();
            throw e;
        }
        this.model = model;
        this.config = config;
        this.train = train;
        this.test = test;
        this.checkpointDir = checkpointDir;
        this.adam = DjlAdam.create(model.parameterList(), ADAM_EPSILON, manager);
        this.adamLearningRate = (float) config.learningRate();
        this.history = new ArrayList<>();
        this.settings = settings(model, config, train, test);
    }

    private static void requireUsable(VaeModel model, TrainConfig config, ImageSet train, ImageSet test) {
        if (train.imageSize() != model.inputSize() || test.imageSize() != model.inputSize()) {
            throw new InvalidArgumentException("data", "images have " + train.imageSize() + " pixels but the model"
                    + " expects " + model.inputSize());
        }
        if (train.count() == 0 || test.count() == 0) {
            throw new InvalidArgumentException("data", "the training and test sets must not be empty");
        }
        if (config.batchSize() > train.count()) {
            throw new InvalidArgumentException("batchSize", "batchSize = " + config.batchSize() + " is larger than"
                    + " the " + train.count() + " training images (at most " + train.count() + ": one step per epoch)");
        }
        if (config.klSchedule() instanceof KlSchedule.Cyclical c) {
            c.requireFits(stepsPerEpoch(train.count(), config.batchSize()) * (long) config.epochs());
        }
    }

    /**
     * A fresh trainer of the default MLP model.
     *
     * @param modelConfig   model shape ({@code inputSize} must match the images); initial weights from
     *                      {@code SplittableRandom(config.seed())}
     * @param config        training settings
     * @param train         training images
     * @param test          test images (evaluated after every epoch)
     * @param checkpointDir where to write the checkpoint every epoch, or {@code null} for none
     * @return the trainer
     */
    public static VaeTrainer create(VaeConfig modelConfig, TrainConfig config, ImageSet train, ImageSet test,
            Path checkpointDir) {
        return create(defaultModel(modelConfig, config), config, train, test, checkpointDir);
    }

    /**
     * A fresh trainer of any model (for example one with a {@link dev.kl4j.vae.model.BlockEncoder}). The
     * trainer owns the model from now on and closes it.
     *
     * @param model         the model, initialised
     * @param config        training settings
     * @param train         training images
     * @param test          test images
     * @param checkpointDir where to write the checkpoint every epoch, or {@code null} for none
     * @return the trainer
     */
    public static VaeTrainer create(VaeModel model, TrainConfig config, ImageSet train, ImageSet test,
            Path checkpointDir) {
        return new VaeTrainer(model, config, train, test, checkpointDir);
    }

    /**
     * A trainer of the default MLP model continuing from a checkpoint; see
     * {@link #resume(VaeModel, TrainConfig, ImageSet, ImageSet, Path)}.
     *
     * @param modelConfig   model shape asked for, checked against the checkpoint
     * @param config        training settings (epochs may exceed the checkpoint's)
     * @param train         training images
     * @param test          test images
     * @param checkpointDir the checkpoint folder, also written to from now on
     * @return the trainer
     * @throws IOException when the checkpoint cannot be read or is damaged
     */
    public static VaeTrainer resume(VaeConfig modelConfig, TrainConfig config, ImageSet train, ImageSet test,
            Path checkpointDir) throws IOException {
        return resume(defaultModel(modelConfig, config), config, train, test, checkpointDir);
    }

    /**
     * A trainer continuing from a checkpoint. Every setting that shaped the run (the model's parameter
     * names and shapes, batch size, learning rate, β schedule, free bits, seed, the training and test
     * data) must equal the checkpoint's; only {@code epochs} may grow. The model's parameters and Adam's
     * state are overwritten with the checkpoint's. The trainer owns the model and closes it (also when
     * this method throws).
     *
     * @param model         a model of the same shape (its initial values are replaced)
     * @param config        training settings
     * @param train         training images
     * @param test          test images
     * @param checkpointDir the checkpoint folder, also written to from now on
     * @return the trainer
     * @throws IOException              when the checkpoint cannot be read or is damaged
     * @throws InvalidArgumentException ({@code resume}) listing the settings that differ, or
     *                                  ({@code epochs}) when fewer epochs are asked for than are done
     */
    public static VaeTrainer resume(VaeModel model, TrainConfig config, ImageSet train, ImageSet test,
            Path checkpointDir) throws IOException {
        VaeTrainer trainer = new VaeTrainer(model, config, train, test, checkpointDir);
        try {
            Checkpoint.State state = Checkpoint.load(checkpointDir);
            new CheckpointFile.Header(Checkpoint.KIND, Checkpoint.FORMAT_VERSION, state.settings())
                    .requireMatching(trainer.settings, trainer.settings.keySet());
            if (state.epoch() > config.epochs()) {
                throw new InvalidArgumentException("epochs", "the checkpoint in " + checkpointDir + " has "
                        + state.epoch() + " epochs done; epochs = " + config.epochs() + " must be at least that");
            }
            trainer.restore(state);
            return trainer;
        } catch (IOException | RuntimeException e) {
            trainer.close();
            throw e;
        }
    }

    private static VaeModel defaultModel(VaeConfig modelConfig, TrainConfig config) {
        return VaeModel.create(modelConfig, new SplittableRandom(config.seed()));
    }

    private void restore(Checkpoint.State state) {
        model.loadParameterValues(state.params());
        List<String> names = model.parameterNames();
        float[][] m = new float[names.size()][];
        float[][] v = new float[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            m[i] = state.adamM().get(names.get(i));
            v[i] = state.adamV().get(names.get(i));
        }
        adam.restore(state.step(), m, v);
        history.addAll(state.history());
        epoch = state.epoch();
        step = state.step();
    }

    /** {@return optimiser steps per epoch, ⌈N / batch⌉} */
    public int stepsPerEpoch() {
        return stepsPerEpoch(train.count(), config.batchSize());
    }

    private static int stepsPerEpoch(int images, int batchSize) {
        return (images + batchSize - 1) / batchSize;
    }

    /**
     * Trains until {@code config.epochs()} epochs are finished (none if a resumed run already is). Each epoch
     * is one pass over a fresh permutation with one Adam step per batch on the β-weighted −ELBO of
     * {@link Elbo#loss} (Kingma &amp; Welling 2014, Algorithm 1 with L = 1; β_t from the config's schedule).
     *
     * @param listener progress hooks
     * @return metrics of all finished epochs, including those before a resume
     */
    public List<EpochMetrics> train(TrainingListener listener) {
        while (epoch < config.epochs()) {
            runEpoch(epoch + 1, listener);
        }
        return history();
    }

    /**
     * Trains exactly one more epoch (even beyond {@code config.epochs()}; the β schedule's T stays
     * {@code epochs · stepsPerEpoch}).
     *
     * @param listener progress hooks
     * @return its metrics
     */
    public EpochMetrics trainOneEpoch(TrainingListener listener) {
        runEpoch(epoch + 1, listener);
        return history.get(history.size() - 1);
    }

    /** Batch means of the two ELBO terms of one step, nats per image. */
    record StepLoss(float recon, float kl) {
        boolean finite() {
            return Float.isFinite(recon) && Float.isFinite(kl);
        }
    }

    /**
     * One training step, Kingma &amp; Welling (2014), Algorithm 1 with L = 1, and Adam (Kingma &amp; Ba 2015):
     * <pre>
     *   (μ, ln σ²) = encoder(x);  z = μ + σ ⊙ ε                     reparameterisation, eq. 10
     *   loss = mean_b −log p(x_b|z_b) + β · KL term                  −ELBO, eq. 3 and 10, appendix B
     *   g = ∇_θ loss                                                  backward pass
     *   θ ← Adam(θ, g)                                                only if the loss is finite
     * </pre>
     * Call inside an {@code NDScope}: the step's arrays are closed with it.
     *
     * @param x    images {@code [B, inputSize]}
     * @param eps  standard-normal noise {@code [B, latent]}
     * @param beta KL weight β_t
     * @return the batch's mean reconstruction and KL terms (β = 1), for the metrics
     */
    StepLoss step(NDArray x, NDArray eps, float beta) {
        Elbo.Terms terms;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            terms = Elbo.terms(model.encoder(), model.decoder(), model.likelihood(), x, eps);
            gc.backward(Elbo.loss(terms, beta, (float) config.freeBits()));
        }
        float[] means = NDArrays.stack(new NDList(terms.recon().mean(), terms.kl().mean())).toFloatArray();
        StepLoss loss = new StepLoss(means[0], means[1]);
        if (loss.finite()) {
            adam.step(adamLearningRate);
        }
        return loss;
    }

    private void runEpoch(int e, TrainingListener listener) {
        int steps = stepsPerEpoch();
        long totalSteps = (long) steps * config.epochs();
        listener.epochStarted(e, steps);
        int n = train.count();
        int in = train.imageSize();
        int[] order = permutation(n, new SplittableRandom(mix(config.seed(), e)));
        Engine.getInstance().setRandomSeed(seedInt(config.seed(), e, 1));
        // One direct buffer for every batch: DJL would otherwise allocate a fresh direct buffer per step,
        // released only when Java's GC runs, which makes resident memory drift by hundreds of MiB.
        ByteBuffer direct = ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(config.batchSize(), in),
                Float.BYTES)).order(ByteOrder.nativeOrder());
        double sumRecon = 0;
        double sumKl = 0;
        double beta = 0;
        long start = System.nanoTime();
        for (int b = 0; b < steps; b++) {
            int from = b * config.batchSize();
            int m = Math.min(config.batchSize(), n - from);
            direct.clear();
            FloatBuffer batch = direct.asFloatBuffer();
            for (int i = 0; i < m; i++) {
                batch.put(train.pixels(), order[from + i] * in, in);
            }
            direct.limit(m * in * Float.BYTES);
            beta = config.klSchedule().betaAt(step, totalSteps);
            StepLoss loss;
            try (NDScope ignored = new NDScope()) {
                // create() wraps a direct buffer without copying; duplicate() gives the step its own tensor
                NDArray x = model.manager().create(direct, new Shape(m, in), DataType.FLOAT32).duplicate();
                NDArray eps = model.manager().randomNormal(new Shape(m, model.latent()));
                loss = step(x, eps, (float) beta);
            }
            if (!loss.finite()) {
                throw new NonFiniteLossException("non-finite loss at epoch " + e + ", step " + (b + 1) + " (recon "
                        + loss.recon() + ", KL " + loss.kl() + "); training stopped"
                        + (checkpointDir == null ? "" : epoch > 0
                                ? ", the last good checkpoint (epoch " + epoch + ") is kept in " + checkpointDir
                                : ", no checkpoint was written yet")
                        + "; try a smaller learning rate");
            }
            step++;
            sumRecon += (double) loss.recon() * m;
            sumKl += (double) loss.kl() * m;
            listener.stepFinished(e, b + 1, loss.recon() + loss.kl());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Engine.getInstance().setRandomSeed(seedInt(config.seed(), e, 2));
        VaeEvaluator.ElboResult t = VaeEvaluator.elbo(model, test, test.count());
        double recon = sumRecon / n;
        double kl = sumKl / n;
        EpochMetrics metrics = new EpochMetrics(e, recon + kl, kl, recon, t.loss(), t.kl(), t.recon(), beta, seconds,
                ResidentMemory.mebibytes());
        history.add(metrics);
        epoch = e;
        if (checkpointDir != null) {
            try {
                Checkpoint.save(checkpointDir, state());
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write checkpoint to " + checkpointDir + ": " + ex.getMessage(), ex);
            }
        }
        listener.epochFinished(metrics);
    }

    /** {@return the current state (what a checkpoint holds)} */
    public Checkpoint.State state() {
        List<String> names = model.parameterNames();
        float[][] m = adam.firstMoments();
        float[][] v = adam.secondMoments();
        Map<String, float[]> mm = new LinkedHashMap<>();
        Map<String, float[]> vv = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            mm.put(names.get(i), m[i]);
            vv.put(names.get(i), v[i]);
        }
        return new Checkpoint.State(settings, epoch, step, model.parameterValues(), mm, vv, List.copyOf(history));
    }

    /**
     * The settings that shape this run's trajectory, as checkpoints store them and {@code resume}
     * compares them: {@code model} (parameter names and shapes), the training settings of
     * {@link TrainConfig#trajectorySettings()}, and {@code data.train}, {@code data.test} (image count,
     * size and a CRC-32C of the pixels and labels, so that other data is recognised wherever it is stored).
     *
     * @return ordered keys and values
     */
    public Map<String, String> settings() {
        return settings;
    }

    private static Map<String, String> settings(VaeModel model, TrainConfig config, ImageSet train, ImageSet test) {
        Map<String, String> s = new LinkedHashMap<>();
        List<String> shapes = new ArrayList<>();
        model.parameters().forEach((name, p) -> shapes.add(name + p.getShape()));
        s.put("model", String.join(" ", shapes));
        s.putAll(config.trajectorySettings());
        s.put("data.train", identity(train));
        s.put("data.test", identity(test));
        return s;
    }

    /** {@return {@code "N×R×C crc32c=…"} of the pixels' float bits and the labels} */
    static String identity(ImageSet images) {
        CRC32C crc = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
        float[] px = images.pixels();
        for (int i = 0; i < px.length; ) {
            chunk.clear();
            while (i < px.length && chunk.remaining() >= Float.BYTES) {
                chunk.putFloat(px[i++]);
            }
            chunk.flip();
            crc.update(chunk);
        }
        for (int i = 0; i < images.labels().length; ) {
            chunk.clear();
            while (i < images.labels().length && chunk.remaining() >= Integer.BYTES) {
                chunk.putInt(images.labels()[i++]);
            }
            chunk.flip();
            crc.update(chunk);
        }
        return String.format(Locale.ROOT, "%dx%dx%d crc32c=%08x", images.count(), images.rows(), images.cols(),
                crc.getValue());
    }

    /**
     * Final evaluation on the test set: −ELBO and its parts, per-dimension KL, IWAE on the first images,
     * active units. Seeds libtorch from the run's seed first, so it is repeatable.
     *
     * @param iwaeSamples K
     * @param iwaeImages  N (capped at the test set size)
     * @return the figures
     */
    public Evaluation evaluate(int iwaeSamples, int iwaeImages) {
        Engine.getInstance().setRandomSeed(seedInt(config.seed(), epoch, 3));
        VaeEvaluator.ElboResult elbo = VaeEvaluator.elbo(model, test, test.count());
        int images = Math.min(iwaeImages, test.count());
        VaeEvaluator.ElboResult elboSubset = VaeEvaluator.elbo(model, test, images);
        VaeEvaluator.IwaeResult iwae = VaeEvaluator.iwae(model, test, images, iwaeSamples);
        double[] variance = VaeEvaluator.posteriorMeanVariance(model, test);
        return new Evaluation(elbo, elboSubset, iwae, variance, VaeEvaluator.activeUnits(variance));
    }

    /**
     * Final figures.
     *
     * @param test              −ELBO on the whole test set
     * @param testOnIwaeImages  −ELBO on the images the IWAE estimate used
     * @param iwae              IWAE estimate of −log p(x)
     * @param posteriorMeanVariance Var_x(E_q[z_j]) per dimension
     * @param activeUnits       dimensions with variance &gt; 0.01
     */
    public record Evaluation(VaeEvaluator.ElboResult test, VaeEvaluator.ElboResult testOnIwaeImages,
            VaeEvaluator.IwaeResult iwae, double[] posteriorMeanVariance, int activeUnits) {
    }

    /** {@return the model being trained} */
    public VaeModel model() {
        return model;
    }

    /** {@return epochs finished} */
    public int epoch() {
        return epoch;
    }

    /** {@return optimiser steps taken} */
    public long steps() {
        return step;
    }

    /** {@return the training settings} */
    public TrainConfig config() {
        return config;
    }

    /** {@return metrics of the finished epochs} */
    public List<EpochMetrics> history() {
        return Collections.unmodifiableList(new ArrayList<>(history));
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** SplitMix64 finaliser of seed and a salt: independent-looking streams per epoch. */
    static long mix(long seed, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int seedInt(long seed, int epoch, int purpose) {
        return (int) (mix(mix(seed, epoch), purpose) >>> 33); // non-negative int
    }

    @Override
    public void close() {
        adam.close();
        model.close();
        manager.close();
    }
}
