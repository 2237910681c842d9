package dev.kl4j.vae.train;

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
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a {@link VaeModel} on whole-array mini-batches with {@link Adam}.
 *
 * <p>One step: copy the batch's rows (a seeded Fisher–Yates permutation per epoch) into one reused
 * direct buffer, then inside one {@code NDScope}: a libtorch copy of it, noise ε, forward pass, loss
 * ({@link Elbo#loss}), backward, Adam update in place; everything the step created is closed with the scope, so memory stays flat.
 * The last batch of an epoch may be smaller (all images are used, as PyTorch's default loader does).
 *
 * <p>Randomness: the initial weights come from {@code SplittableRandom(seed)}; epoch e shuffles with
 * {@code SplittableRandom(mix(seed, e))} and reseeds libtorch (the noise ε) with another value derived
 * from (seed, e), and the test evaluation after epoch e with a third. Nothing random is carried from one
 * epoch to the next, which is what makes {@link Checkpoint} resumption exact.
 *
 * <p>After every epoch the state is written to the checkpoint directory (if one is given). A non-finite
 * loss throws {@link NonFiniteLossException} without writing a checkpoint.
 */
public final class VaeTrainer implements AutoCloseable {
    private final NDManager manager;
    private final VaeModel model;
    private final Adam adam;
    private final TrainConfig config;
    private final ImageSet train;
    private final ImageSet test;
    private final Path checkpointDir;
    private final List<EpochMetrics> history;
    private int epoch;
    private long step;

    private VaeTrainer(VaeConfig modelConfig, TrainConfig config, ImageSet train, ImageSet test, Path checkpointDir,
            Checkpoint.State resumeFrom) {
        if (train.imageSize() != modelConfig.inputSize() || test.imageSize() != modelConfig.inputSize()) {
            throw new InvalidArgumentException("data", "images have " + train.imageSize() + " pixels but the model"
                    + " expects " + modelConfig.inputSize());
        }
        if (train.count() == 0 || test.count() == 0) {
            throw new InvalidArgumentException("data", "the training and test sets must not be empty");
        }
        this.config = config;
        this.train = train;
        this.test = test;
        this.checkpointDir = checkpointDir;
        this.manager = NDManager.newBaseManager();
        if (resumeFrom == null) {
            model = VaeModel.create(manager, modelConfig, new SplittableRandom(config.seed()));
            adam = new Adam(model.parameters(), config.learningRate(), manager);
            history = new ArrayList<>();
        } else {
            model = VaeModel.fromValues(manager, modelConfig, resumeFrom.params());
            adam = new Adam(model.parameters(), config.learningRate(), manager);
            adam.restore(resumeFrom.step(), resumeFrom.adamM(), resumeFrom.adamV());
            history = new ArrayList<>(resumeFrom.history());
            epoch = resumeFrom.epoch();
            step = resumeFrom.step();
        }
    }

    /**
     * A fresh trainer.
     *
     * @param modelConfig   model shape ({@code inputSize} must match the images)
     * @param config        training settings
     * @param train         training images
     * @param test          test images (evaluated after every epoch)
     * @param checkpointDir where to write the checkpoint every epoch, or {@code null} for none
     * @return the trainer
     */
    public static VaeTrainer create(VaeConfig modelConfig, TrainConfig config, ImageSet train, ImageSet test,
            Path checkpointDir) {
        return new VaeTrainer(modelConfig, config, train, test, checkpointDir, null);
    }

    /**
     * A trainer continuing from a checkpoint. The model shape and every setting that changes the
     * trajectory must match the checkpoint's; only the number of epochs may grow.
     *
     * @param config        training settings (epochs may exceed the checkpoint's)
     * @param train         training images
     * @param test          test images
     * @param checkpointDir the checkpoint directory, also written to from now on
     * @param expectedModel model shape asked for on the command line, checked against the checkpoint
     * @return the trainer
     * @throws IOException when the checkpoint cannot be read
     */
    public static VaeTrainer resume(VaeConfig expectedModel, TrainConfig config, ImageSet train, ImageSet test,
            Path checkpointDir) throws IOException {
        Checkpoint.State state = Checkpoint.load(checkpointDir);
        if (!state.model().equals(expectedModel)) {
            throw new InvalidArgumentException("resume", "the checkpoint in " + checkpointDir + " is for model "
                    + state.model() + ", not " + expectedModel);
        }
        TrainConfig saved = state.train().withEpochs(config.epochs());
        if (!saved.equals(config)) {
            throw new InvalidArgumentException("resume", "the checkpoint in " + checkpointDir
                    + " was trained with " + state.train() + "; resume with the same settings (only --epochs may change)");
        }
        return new VaeTrainer(state.model(), config, train, test, checkpointDir, state);
    }

    /** @return optimiser steps per epoch, ⌈N / batch⌉ */
    public int stepsPerEpoch() {
        return (train.count() + config.batchSize() - 1) / config.batchSize();
    }

    /**
     * Trains until {@code config.epochs()} epochs are finished (none if a resumed run already is).
     *
     * @param listener progress hooks
     * @return metrics of all finished epochs, including those before a resume
     */
    public List<EpochMetrics> train(TrainingListener listener) {
        KlSchedule schedule = config.schedule(stepsPerEpoch());
        while (epoch < config.epochs()) {
            runEpoch(epoch + 1, schedule, listener);
        }
        return history();
    }

    /**
     * Trains exactly one more epoch (even beyond {@code config.epochs()}).
     *
     * @param listener progress hooks
     * @return its metrics
     */
    public EpochMetrics trainOneEpoch(TrainingListener listener) {
        runEpoch(epoch + 1, config.schedule(stepsPerEpoch()), listener);
        return history.get(history.size() - 1);
    }

    private void runEpoch(int e, KlSchedule schedule, TrainingListener listener) {
        int steps = stepsPerEpoch();
        listener.epochStarted(e, steps);
        int n = train.count();
        int in = train.imageSize();
        int latent = model.config().latent();
        int[] order = permutation(n, new SplittableRandom(mix(config.seed(), e)));
        Engine.getInstance().setRandomSeed(seedInt(config.seed(), e, 1));
        float freeBits = (float) config.freeBits();
        // One direct buffer for every batch: DJL would otherwise allocate a fresh direct buffer per step,
        // released only when Java's GC runs, which makes resident memory drift by hundreds of MiB.
        ByteBuffer direct = ByteBuffer.allocateDirect(config.batchSize() * in * Float.BYTES).order(ByteOrder.nativeOrder());
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
            beta = schedule.beta(step);
            float[] stats;
            try (NDScope ignored = new NDScope()) {
                // create() wraps a direct buffer without copying; duplicate() gives the step its own tensor
                NDArray x = model.manager().create(direct, new Shape(m, in), DataType.FLOAT32).duplicate();
                NDArray eps = model.manager().randomNormal(new Shape(m, latent));
                Elbo.Terms terms;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    terms = Elbo.terms(model, x, eps);
                    gc.backward(Elbo.loss(terms, (float) beta, freeBits));
                }
                stats = NDArrays.stack(new NDList(terms.recon().mean(), terms.kl().mean())).toFloatArray();
                if (Float.isFinite(stats[0]) && Float.isFinite(stats[1])) {
                    adam.step();
                }
            }
            if (!Float.isFinite(stats[0]) || !Float.isFinite(stats[1])) {
                throw new NonFiniteLossException("non-finite loss at epoch " + e + ", step " + (b + 1) + " (recon "
                        + stats[0] + ", KL " + stats[1] + "); training stopped"
                        + (checkpointDir == null ? "" : epoch > 0
                                ? ", the last good checkpoint (epoch " + epoch + ") is kept in " + checkpointDir
                                : ", no checkpoint was written yet")
                        + "; try a smaller --lr");
            }
            step++;
            sumRecon += (double) stats[0] * m;
            sumKl += (double) stats[1] * m;
            listener.stepFinished(e, b + 1, stats[0] + stats[1]);
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

    /** @return the current state (what a checkpoint holds) */
    public Checkpoint.State state() {
        return new Checkpoint.State(model.config(), config, epoch, step, model.parameterValues(),
                adam.firstMoments(), adam.secondMoments(), List.copyOf(history));
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

    /** @return the model being trained */
    public VaeModel model() {
        return model;
    }

    /** @return epochs finished */
    public int epoch() {
        return epoch;
    }

    /** @return optimiser steps taken */
    public long steps() {
        return step;
    }

    /** @return the training settings */
    public TrainConfig config() {
        return config;
    }

    /** @return metrics of the finished epochs */
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
