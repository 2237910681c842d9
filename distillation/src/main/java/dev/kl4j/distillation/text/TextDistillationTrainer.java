package dev.kl4j.distillation.text;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.distillation.loss.DistillationLoss;
import dev.kl4j.distillation.loss.DistillationLosses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Trains a character-level language model ({@link CharLanguageModel}) on padded batches of records, alone or
 * distilled from a teacher, and measures it in bits per character on held-out records. One training step,
 * top to bottom:
 * <ol>
 *   <li>Choose the step's sequences. Off-policy (supervised KD, Kim &amp; Rush 2016): a minibatch of training
 *       records. On-policy (GKD, Agarwal et al. 2024, "On-Policy Distillation of Language Models: Learning from
 *       Self-Generated Mistakes", Algorithm 1): with probability λ ({@link Objective#onPolicyFraction}, the
 *       paper's student-data fraction), B sequences sampled from the current student at temperature 1
 *       ({@link #sample}) instead.</li>
 *   <li>Score them with the teacher (inference mode, no gradient): teacher logits {@code [B, T, V]}.</li>
 *   <li>The loss, mean over unmasked positions (padding dropped by the mask, {@link PaddedBatch}):
 *       data alone: CE(s, y); on data: α·D(teacher, student) + (1 − α)·CE(s, y); on student samples: D alone
 *       (there is no data target), as in GKD.</li>
 *   <li>Backward inside the step's {@code NDScope}; the Adam update ({@code Trainer.step}) after it is closed,
 *       so that the optimizer's state is not owned by the scope. The optimiser is DJL's {@code Optimizer.adam()}
 *       (β1 0.9, β2 0.999, ε 1e-8), which applies ε unscaled after its bias correction: PyTorch's Adam with
 *       ε/√(1 − β2^t) in place of ε (see {@code dev.kl4j.core.djl.DjlAdam}), a difference that fades as t
 *       grows.</li>
 * </ol>
 * The {@code seed} fixes the parameters' initialisation ({@code Engine.setRandomSeed}), the batch order, the
 * on-policy coin and the sampling (Java {@link SplittableRandom}s): same seed, same numbers on the CPU.
 */
public final class TextDistillationTrainer {
    private TextDistillationTrainer() {
    }

    /**
     * Training settings.
     *
     * @param epochs       passes over the training records, ≥ 1
     * @param batchSize    records per step, ≥ 1 (default {@value #DEFAULT_BATCH_SIZE})
     * @param maxLength    the largest T of a batch, ≥ 2 (default {@value #DEFAULT_MAX_LENGTH}); longer records are cut
     * @param learningRate Adam's step size (default 2e-3)
     * @param seed         the run's seed
     */
    public record Settings(int epochs, int batchSize, int maxLength, float learningRate, long seed) {
        /** Default records per step. */
        public static final int DEFAULT_BATCH_SIZE = 32;
        /** Default largest T. */
        public static final int DEFAULT_MAX_LENGTH = 128;
        /** Default Adam step size. */
        public static final float DEFAULT_LEARNING_RATE = 2e-3f;

        /**
         * Checks the ranges.
         *
         * @param epochs passes over the training records, ≥ 1
         * @param batchSize records per step, ≥ 1 (default {@value #DEFAULT_BATCH_SIZE})
         * @param maxLength the largest T of a batch, ≥ 2 (default {@value #DEFAULT_MAX_LENGTH}); longer records are cut
         * @param learningRate Adam's step size (default 2e-3)
         * @param seed the run's seed
         */
        public Settings {
            if (epochs < 1) {
                throw new InvalidArgumentException("epochs", "epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new InvalidArgumentException("batchSize", "batchSize must be >= 1, got " + batchSize);
            }
            if (maxLength < 2) {
                throw new InvalidArgumentException("maxLength", "maxLength must be >= 2, got " + maxLength);
            }
            if (!(learningRate > 0f) || Float.isInfinite(learningRate)) {
                throw new InvalidArgumentException("learningRate", "learningRate must be a finite number > 0, got " + learningRate);
            }
        }

        /**
         * Returns settings with the defaults.
         *
         * @param epochs epochs
         * @param seed   seed
         * @return settings with the defaults
         */
        public static Settings of(int epochs, long seed) {
            return new Settings(epochs, DEFAULT_BATCH_SIZE, DEFAULT_MAX_LENGTH, DEFAULT_LEARNING_RATE, seed);
        }
    }

    /**
     * What the model is trained to do.
     *
     * @param divergence       D, a loss of {@code dev.kl4j.distillation.loss} without hard labels, or null for the
     *                         data alone (no teacher)
     * @param alpha            weight of D against the data's cross-entropy on data batches, in [0, 1]
     * @param onPolicyFraction λ, the probability that a step trains on student samples (0 = off-policy), in [0, 1]
     */
    public record Objective(DistillationLoss divergence, float alpha, float onPolicyFraction) {
        /**
         * Checks the ranges.
         *
         * @param divergence D, a loss of {@code dev.kl4j.distillation.loss} without hard labels, or null for the data
         *                   alone (no teacher)
         * @param alpha weight of D against the data's cross-entropy on data batches, in [0, 1]
         * @param onPolicyFraction λ, the probability that a step trains on student samples (0 = off-policy), in [0, 1]
         */
        public Objective {
            if (!(alpha >= 0f && alpha <= 1f)) {
                throw new InvalidArgumentException("alpha", "alpha must be in [0, 1], got " + alpha);
            }
            if (!(onPolicyFraction >= 0f && onPolicyFraction <= 1f)) {
                throw new InvalidArgumentException("onPolicyFraction", "onPolicyFraction must be in [0, 1], got " + onPolicyFraction);
            }
            if (divergence == null && onPolicyFraction > 0f) {
                throw new InvalidArgumentException("onPolicyFraction", "on-policy steps need a divergence to a teacher");
            }
        }

        /** {@return the data alone: CE(s, y), no teacher (α and λ unused)} */
        public static Objective dataOnly() {
            return new Objective(null, 0f, 0f);
        }

        /**
         * Returns off-policy distillation, α·D + (1 − α)·CE on the training records.
         *
         * @param divergence D
         * @param alpha      weight of D on data batches
         * @return off-policy distillation, α·D + (1 − α)·CE on the training records
         */
        public static Objective offPolicy(DistillationLoss divergence, float alpha) {
            return new Objective(divergence, alpha, 0f);
        }

        /**
         * Returns GKD: with probability λ a step uses D on student samples, else α·D + (1 − α)·CE on data.
         *
         * @param divergence       D
         * @param alpha            weight of D on data batches
         * @param onPolicyFraction λ
         * @return GKD: with probability λ a step uses D on student samples, else α·D + (1 − α)·CE on data
         */
        public static Objective onPolicy(DistillationLoss divergence, float alpha, float onPolicyFraction) {
            return new Objective(divergence, alpha, onPolicyFraction);
        }
    }

    /**
     * One epoch.
     *
     * @param epoch      1-based
     * @param trainLoss  mean training loss of the epoch's steps (nats per position)
     * @param heldOutBpc bits per character on the held-out records after the epoch
     * @param seconds    wall time of the epoch's training (without the evaluation)
     */
    public record EpochMetrics(int epoch, double trainLoss, double heldOutBpc, double seconds) {
    }

    /**
     * A run.
     *
     * @param startBpc held-out bits per character before training
     * @param epochs   one entry per epoch
     */
    public record RunResult(double startBpc, List<EpochMetrics> epochs) {
        /** {@return the last epoch's metrics} */
        public EpochMetrics last() {
            return epochs.get(epochs.size() - 1);
        }

        /** {@return mean seconds per epoch (training only)} */
        public double meanEpochSeconds() {
            return epochs.stream().mapToDouble(EpochMetrics::seconds).average().orElse(Double.NaN);
        }
    }

    /**
     * Trains {@code model} (its block a {@link CharLanguageModel}, not yet initialised) by the step of the class
     * comment: per step the objective's loss (CE, α·D + (1 − α)·CE, or D on student samples with probability λ),
     * mean over unmasked positions, then one Adam step.
     *
     * @param model     the model to train
     * @param teacher   the teacher (trained), or null with {@link Objective#dataOnly()}
     * @param objective what to minimise
     * @param train     training records (character indices)
     * @param heldOut   held-out records
     * @param s         settings
     * @param afterStep called after every step (progress bars), may be null
     * @return held-out bits per character before and after each epoch
     */
    public static RunResult train(Model model, Model teacher, Objective objective, List<int[]> train,
            List<int[]> heldOut, Settings s, Runnable afterStep) {
        if (objective.divergence() != null && teacher == null) {
            throw new InvalidArgumentException("teacher", "a distillation objective needs a teacher");
        }
        if (train.isEmpty() || heldOut.isEmpty()) {
            throw new InvalidArgumentException(train.isEmpty() ? "train" : "heldOut", "needs at least one record");
        }
        DistillationLoss dataLoss = objective.divergence() == null ? DistillationLosses.hardLabels()
                : DistillationLosses.withHardLabels(objective.divergence(), objective.alpha());
        Engine.getInstance().setRandomSeed((int) s.seed());
        DefaultTrainingConfig config = new DefaultTrainingConfig(dataLoss)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(s.learningRate())).build());
        SplittableRandom order = new SplittableRandom(s.seed());
        SplittableRandom coin = new SplittableRandom(s.seed() ^ 0x6A09E667F3BCC909L);
        SplittableRandom sampling = new SplittableRandom(s.seed() ^ 0xBB67AE8584CAA73BL);
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(s.batchSize(), s.maxLength()));
            NDManager manager = trainer.getManager();
            double startBpc = bitsPerCharacter(model, manager, heldOut, s.batchSize(), s.maxLength());
            List<EpochMetrics> epochs = new ArrayList<>();
            int[] indices = new int[train.size()];
            Arrays.setAll(indices, i -> i);
            for (int epoch = 1; epoch <= s.epochs(); epoch++) {
                shuffle(indices, order);
                long start = System.nanoTime();
                double lossSum = 0;
                int steps = 0;
                for (int from = 0; from < indices.length; from += s.batchSize()) {
                    int to = Math.min(indices.length, from + s.batchSize());
                    boolean onPolicyStep = objective.onPolicyFraction() > 0f
                            && coin.nextDouble() < objective.onPolicyFraction();
                    try (NDScope ignored = new NDScope()) {
                        List<int[]> records;
                        if (onPolicyStep) {                      // GKD: the student's own sequences
                            records = sample(model.getBlock(), manager, to - from, s.maxLength(), sampling);
                        } else {
                            records = new ArrayList<>(to - from);
                            for (int i = from; i < to; i++) {
                                records.add(train.get(indices[i]));
                            }
                        }
                        NDList arrays = PaddedBatch.of(records, s.maxLength()).toArrays(manager);
                        NDArray tokens = arrays.get(0);
                        NDArray targets = arrays.get(1);
                        NDArray mask = arrays.get(2);
                        // The teacher scores the sequences before gradients are recorded: no graph through it.
                        NDArray teacherLogits = teacher == null ? null : logits(teacher.getBlock(), manager, tokens).stopGradient();
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray studentLogits = trainer.forward(new NDList(tokens)).get(0);
                            NDArray loss = onPolicyStep
                                    ? objective.divergence().compute(studentLogits, teacherLogits, null, mask)
                                    : dataLoss.compute(studentLogits, teacherLogits == null ? studentLogits.stopGradient()
                                            : teacherLogits, targets, mask);
                            collector.backward(loss);
                            lossSum += loss.getFloat();
                        }
                    }
                    trainer.step();                              // outside the scope: Adam's state outlives it
                    steps++;
                    if (afterStep != null) {
                        afterStep.run();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double bpc = bitsPerCharacter(model, manager, heldOut, s.batchSize(), s.maxLength());
                epochs.add(new EpochMetrics(epoch, lossSum / steps, bpc, seconds));
            }
            return new RunResult(startBpc, List.copyOf(epochs));
        }
    }

    /**
     * Held-out bits per character of a trained model, −(1/N) Σ log₂ p(y | x) over the unmasked positions, as
     * {@link #bitsPerCharacter(Function, NDManager, List, int, int)} computes it.
     *
     * @param model     a model whose block is an initialised {@link CharLanguageModel}
     * @param manager   owner of the temporary arrays
     * @param records   the records
     * @param batchSize records per forward pass
     * @param maxLength the largest T (as in training)
     * @return bits per character
     */
    public static double bitsPerCharacter(Model model, NDManager manager, List<int[]> records, int batchSize, int maxLength) {
        Block block = model.getBlock();
        return bitsPerCharacter(tokens -> logits(block, manager, tokens), manager, records, batchSize, maxLength);
    }

    /**
     * Bits per character: −(1/N) Σ log₂ p(y_{b,t} | x_{b,≤t}) over the N unmasked positions of the records'
     * padded batches (every character and each record's end, {@link PaddedBatch}): the mean cross-entropy in nats
     * divided by ln 2, the unit of character-level language modelling (Graves 2013). The log-softmax is formed in
     * double precision from the float32 logits, so a model whose logits are all equal gives log₂ V.
     *
     * @param logits    tokens {@code [B, T]} → logits {@code [B, T, V]}
     * @param manager   owner of the temporary arrays
     * @param records   the records
     * @param batchSize records per forward pass
     * @param maxLength the largest T
     * @return bits per character
     */
    public static double bitsPerCharacter(Function<NDArray, NDArray> logits, NDManager manager, List<int[]> records,
            int batchSize, int maxLength) {
        double nats = 0;
        long positions = 0;
        for (int from = 0; from < records.size(); from += batchSize) {
            PaddedBatch batch = PaddedBatch.of(records.subList(from, Math.min(records.size(), from + batchSize)), maxLength);
            try (NDScope ignored = new NDScope()) {
                NDArray out = logits.apply(batch.toArrays(manager).get(0));
                int vocabulary = (int) out.getShape().get(2);
                float[] values = out.toFloatArray();
                for (int at = 0; at < batch.mask().length; at++) {
                    if (!batch.mask()[at]) {
                        continue;
                    }
                    int base = at * vocabulary;
                    nats += logSumExp(values, base, vocabulary) - values[base + batch.targets()[at]];
                    positions++;
                }
            }
        }
        return nats / positions / Math.log(2);
    }

    /**
     * Samples records from a language model, one character at a time at temperature 1, carrying the LSTM state:
     * each starts after the boundary and ends when the model emits the boundary or after {@code maxLength − 1}
     * characters. Inference mode, no gradient.
     *
     * @param block     an initialised {@link CharLanguageModel}
     * @param manager   owner of the temporary arrays
     * @param count     records to sample
     * @param maxLength the largest T of the batch they will form
     * @param random    the sampling's random source (its state advances)
     * @return the records' character indices, without boundaries
     */
    public static List<int[]> sample(Block block, NDManager manager, int count, int maxLength, SplittableRandom random) {
        int[][] chars = new int[count][maxLength - 1];
        int[] lengths = new int[count];
        boolean[] done = new boolean[count];
        long[] current = new long[count];                           // all start at the boundary
        try (NDScope ignored = new NDScope()) {
            ParameterStore store = new ParameterStore(manager, false);
            NDList state = null;
            int open = count;
            for (int t = 0; t < maxLength - 1 && open > 0; t++) {
                NDArray tokens = manager.create(current, new Shape(count, 1));
                NDList in = state == null ? new NDList(tokens) : new NDList(tokens, state.get(1), state.get(2));
                state = block.forward(store, in, false);
                float[] logits = state.get(0).toFloatArray();       // [count, 1, V]
                int vocabulary = logits.length / count;
                for (int b = 0; b < count; b++) {
                    if (done[b]) {
                        continue;
                    }
                    int c = sampleSoftmax(logits, b * vocabulary, vocabulary, random.nextDouble());
                    if (c == CharVocabulary.BOUNDARY) {
                        done[b] = true;
                        open--;
                    } else {
                        chars[b][lengths[b]++] = c;
                    }
                    current[b] = c;
                }
            }
        }
        List<int[]> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            out.add(Arrays.copyOf(chars[b], lengths[b]));
        }
        return out;
    }

    /** The smallest index whose cumulative softmax probability exceeds u (inverse CDF), in double precision. */
    static int sampleSoftmax(float[] logits, int offset, int vocabulary, double u) {
        double logNormaliser = logSumExp(logits, offset, vocabulary);
        double cumulative = 0;
        for (int v = 0; v < vocabulary; v++) {
            cumulative += Math.exp(logits[offset + v] - logNormaliser);
            if (cumulative > u) {
                return v;
            }
        }
        return vocabulary - 1;
    }

    /** ln Σ_v exp(x[offset + v]) over {@code n} values, in double precision, shifted by the maximum. */
    static double logSumExp(float[] x, int offset, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < n; v++) {
            max = Math.max(max, x[offset + v]);
        }
        double sum = 0;
        for (int v = 0; v < n; v++) {
            sum += Math.exp(x[offset + v] - max);
        }
        return max + Math.log(sum);
    }

    private static NDArray logits(Block block, NDManager manager, NDArray tokens) {
        return block.forward(new ParameterStore(manager, false), new NDList(tokens), false).get(0);
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
