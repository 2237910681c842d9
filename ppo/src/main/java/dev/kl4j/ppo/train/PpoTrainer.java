package dev.kl4j.ppo.train;

import dev.kl4j.core.djl.DjlOwnedArrays;
import dev.kl4j.core.djl.DjlAdam;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlDistribution;
import dev.kl4j.core.djl.DjlScopes;
import dev.kl4j.ppo.algo.AdaptiveKlController;
import dev.kl4j.ppo.algo.GradientClipping;
import dev.kl4j.ppo.algo.PolicyObjective;
import dev.kl4j.ppo.algo.PpoClip;
import dev.kl4j.ppo.algo.PpoKlPenalty;
import dev.kl4j.ppo.algo.PpoUpdate;
import dev.kl4j.ppo.algo.ReferenceKlPenalty;
import dev.kl4j.ppo.algo.RolloutTensors;
import dev.kl4j.ppo.algo.Trpo;
import dev.kl4j.ppo.env.Box;
import dev.kl4j.ppo.env.Discrete;
import dev.kl4j.ppo.env.Environment;
import dev.kl4j.ppo.env.Environments;
import dev.kl4j.ppo.env.Space;
import dev.kl4j.ppo.env.VectorEnvironment;
import dev.kl4j.ppo.env.VectorStep;
import dev.kl4j.ppo.policy.MlpPolicy;
import dev.kl4j.ppo.policy.MlpValueFunction;
import dev.kl4j.ppo.policy.Policy;
import dev.kl4j.ppo.policy.ValueFunction;
import dev.kl4j.ppo.rollout.RolloutBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a policy with PPO-clip, PPO-KL or TRPO on a vectorised environment; each call of
 * {@link #trainOneUpdate()} is one iteration of CleanRL's ppo.py loop:
 * <ol>
 *   <li>anneal the learning rate (and clip range) linearly: lr_k = lr·(1 − (k − 1)/K);</li>
 *   <li>collect T steps from each of N environments with π_old, sampling actions, storing log π_old,
 *       V(s_t), rewards and the terminated/truncated flags; at a truncation V(final observation) is
 *       stored for the bootstrap; with a reference policy the reward is r_t − β·KL̂(π ‖ π_ref);</li>
 *   <li>GAE(γ, λ) ({@link dev.kl4j.ppo.rollout.Gae});</li>
 *   <li>the policy update ({@link PpoUpdate} with {@link PpoClip} or {@link PpoKlPenalty}; or
 *       {@link Trpo} followed by minibatch regression of the value function with its own Adam);</li>
 *   <li>diagnostics: KL(π_old ‖ π_new) exact and as k1 and k3, explained variance, β updates.</li>
 * </ol>
 *
 * <p><b>One seed.</b> Every random source derives from {@code config.seed()}: environment copy i is reset
 * with seed + i; the network initialisation, the action sampling of update k and the minibatch shuffles of
 * update k use their own {@link SplittableRandom} streams seeded from (seed, purpose, k), so that an
 * update's randomness does not depend on what ran before it and a resumed run draws the same numbers;
 * the engine is seeded too ({@code Engine.setRandomSeed}).
 *
 * <p><b>Memory.</b> Each rollout step and each minibatch step runs in its own {@code NDScope}; the rollout
 * tensors of an update have their own manager, closed when the update ends; optimiser steps run outside
 * the step scopes.
 *
 * <p><b>Checkpoints.</b> {@link #checkpoint()} captures everything needed to continue exactly: parameters,
 * Adam moments, β's, the update counter, recent returns, the metrics so far and, per environment copy, the
 * number of resets and the actions of the episode in progress. Classic-control environments draw random
 * numbers only when they reset and step deterministically, so {@link #restore} rebuilds each copy's state by
 * replaying: the seeded reset, the same number of further resets, then the recorded actions.
 */
public final class PpoTrainer implements AutoCloseable {
    private static final int RECENT_EPISODES = 100;
    private static final int CHECKPOINT_VERSION = 1;
    private static final long STREAM_INIT = 1;
    private static final long STREAM_ROLLOUT = 2;
    private static final long STREAM_MINIBATCH = 3;

    private final PpoConfig config;
    private final NDManager manager;
    private final Policy policy;
    private final ValueFunction valueFunction;
    private final ParameterList trainable;
    private final DjlAdam optimizer;
    private final PpoKlPenalty klPenalty;
    private final ReferenceKlPenalty reference;
    private final boolean discrete;
    private final int observationSize;
    private final int actionSize;
    private VectorEnvironment envs;
    private double[][] observations;
    private final RolloutBuffer buffer;
    private final List<UpdateMetrics> history = new ArrayList<>();
    private final ArrayDeque<Double> recentReturns = new ArrayDeque<>();
    private final double[] episodeReturn;
    private final int[] resets;
    private final List<List<double[]>> episodeActions = new ArrayList<>();
    private long steps;
    private long episodes;
    private int update;
    private long firstSolvedStep = -1;
    private EvalResult lastEval;

    private PpoTrainer(PpoConfig config, NDManager manager, Policy policy, ValueFunction valueFunction,
            Policy referencePolicy) {
        this.config = config;
        this.manager = manager;
        this.policy = policy;
        this.valueFunction = valueFunction;
        Environment probe = Environments.make(config.env());
        this.observationSize = ((Box) probe.observationSpace()).dimension();
        Space actions = probe.actionSpace();
        this.discrete = actions instanceof Discrete;
        this.actionSize = actions instanceof Box box ? box.dimension() : 1;
        // one Adam over actor and critic (CleanRL), or over the critic alone (TRPO steps the actor itself)
        this.trainable = new ParameterList();
        if (config.algorithm() != Algorithm.TRPO) {
            policy.parameters().forEach(p -> trainable.add(p.getKey(), p.getValue()));
        }
        valueFunction.parameters().forEach(p -> trainable.add("value." + p.getKey(), p.getValue()));
        this.optimizer = DjlAdam.create(trainable.values().stream().map(Parameter::getArray).toList(),
                config.adamEpsilon(), manager);
        this.klPenalty = config.algorithm() == Algorithm.PPO_KL
                ? PpoKlPenalty.of(config.klTarget(), config.klBetaInit()) : null;
        if (config.hasReferencePenalty()) {
            if (referencePolicy == null) {
                throw new InvalidArgumentException("reference", "refKlCoefficient > 0 needs a reference policy");
            }
            AdaptiveKlController controller = Double.isNaN(config.refKlTarget())
                    ? AdaptiveKlController.fixed(config.refKlCoefficient())
                    : AdaptiveKlController.adaptive(config.refKlCoefficient(), config.refKlTarget(), config.refKlHorizon());
            this.reference = ReferenceKlPenalty.of(referencePolicy, config.refKlEstimator(), controller);
        } else {
            this.reference = null;
        }
        int n = config.envs();
        this.buffer = RolloutBuffer.create(config.rolloutSteps(), n, observationSize, actionSize);
        this.episodeReturn = new double[n];
        this.resets = new int[n];
        for (int i = 0; i < n; i++) {
            episodeActions.add(new ArrayList<>());
        }
        this.envs = VectorEnvironment.of(config.env(), n, config.seed());
        this.observations = envs.reset();
        java.util.Arrays.fill(resets, 1);
    }

    /**
     * A trainer with the default 64-64 tanh actor and critic ({@link MlpPolicy}, {@link MlpValueFunction}).
     *
     * @param config          the settings
     * @param referencePolicy π_ref for the reference KL penalty, or null (needed iff
     *                        {@code config.refKlCoefficient() > 0})
     * @return the trainer, at update 0
     */
    public static PpoTrainer create(PpoConfig config, Policy referencePolicy) {
        return create(config, referencePolicy, null);
    }

    /**
     * As {@link #create(PpoConfig, Policy)}, with the networks and arrays on a device.
     *
     * @param config          the settings
     * @param referencePolicy π_ref or null
     * @param device          where the arrays live (null: the engine's default, the CPU here)
     * @return the trainer, at update 0
     */
    public static PpoTrainer create(PpoConfig config, Policy referencePolicy, ai.djl.Device device) {
        Engine.getInstance().setRandomSeed((int) config.seed());
        NDManager manager = device == null ? NDManager.newBaseManager() : NDManager.newBaseManager(device);
        try {
            Policy policy = defaultPolicy(config, manager);
            SplittableRandom init = stream(config.seed(), STREAM_INIT, 1);
            int[] hidden = {config.hiddenSize(), config.hiddenSize()};
            ValueFunction value = MlpValueFunction.create(manager, observationSizeOf(config.env()), hidden, DataType.FLOAT32, init);
            return new PpoTrainer(config, manager, policy, value, referencePolicy);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A trainer around a user's own actor and critic (for example {@code BlockPolicy} over a DJL
     * {@code Block}); their parameters must live in {@code manager}'s tree. The trainer does not close
     * {@code manager}.
     *
     * @param config          the settings ({@code hiddenSize} is ignored)
     * @param manager         manager for the trainer's own arrays
     * @param policy          the actor
     * @param valueFunction   the critic
     * @param referencePolicy π_ref or null
     * @return the trainer
     */
    public static PpoTrainer create(PpoConfig config, NDManager manager, Policy policy, ValueFunction valueFunction,
            Policy referencePolicy) {
        Engine.getInstance().setRandomSeed((int) config.seed());
        return new PpoTrainer(config, manager.newSubManager(), policy, valueFunction, referencePolicy);
    }

    /**
     * The default actor for an environment, seeded from the run's seed (the same one {@link #create}
     * builds); used to rebuild a policy from a checkpoint, e.g. a reference policy.
     *
     * @param config  settings (env, hidden size, seed)
     * @param manager owner of the parameters
     * @return the policy
     */
    public static MlpPolicy defaultPolicy(PpoConfig config, NDManager manager) {
        Environment probe = Environments.make(config.env());
        int obs = ((Box) probe.observationSpace()).dimension();
        MlpPolicy.Builder b = MlpPolicy.builder(obs).hiddenSizes(config.hiddenSize(), config.hiddenSize());
        if (probe.actionSpace() instanceof Discrete d) {
            b.categorical(d.n());
        } else {
            b.gaussian(((Box) probe.actionSpace()).dimension());
        }
        return b.build(manager, stream(config.seed(), STREAM_INIT, 0));
    }

    private static int observationSizeOf(String env) {
        return ((Box) Environments.make(env).observationSpace()).dimension();
    }

    /** {@return whether all updates of the run are done} */
    public boolean finished() {
        return update >= config.updates();
    }

    /**
     * One rollout and one policy update: the five steps of the class comment (lr annealing, rollout with
     * the truncation bootstrap and the optional reference penalty, GAE, the PPO or TRPO update, the KL
     * diagnostics).
     *
     * @return the update's metrics (also kept in {@link #history()})
     */
    public UpdateMetrics trainOneUpdate() {
        if (finished()) {
            throw new IllegalStateException("all " + config.updates() + " updates are done");
        }
        long start = System.nanoTime();
        update++;
        // CleanRL ppo.py: frac = 1 − (iteration − 1) / num_iterations
        double remaining = 1.0 - (update - 1.0) / config.updates();
        double lr = config.annealLearningRate() ? config.learningRate() * remaining : config.learningRate();
        double clip = config.annealClipRange() ? config.clipRange() * remaining : config.clipRange();
        double refBeta = reference == null ? Double.NaN : reference.controller().beta();
        double refKl = collectRollout(stream(config.seed(), STREAM_ROLLOUT, update), refBeta);
        if (reference != null) {
            reference.controller().update(refKl, config.stepsPerUpdate());
        }
        double beta = klPenalty == null ? Double.NaN : klPenalty.beta();
        SplittableRandom shuffles = stream(config.seed(), STREAM_MINIBATCH, update);
        double policyLoss;
        double valueLoss;
        double entropy;
        double clipFraction;
        int gradientSteps;
        boolean stoppedEarly;
        double[] kl;
        try (RolloutTensors rollout = RolloutTensors.of(buffer, discrete, policy, manager)) {
            if (config.algorithm() == Algorithm.TRPO) {
                Trpo.Diagnostics d = trpoStep(rollout);
                PpoUpdate.Statistics v = fitValueFunction(rollout, lr, shuffles);
                policyLoss = -d.surrogateImprovement();
                valueLoss = v.valueLoss();
                gradientSteps = v.gradientSteps();
                stoppedEarly = !d.accepted();
                clipFraction = Double.NaN;
                entropy = Double.NaN;
            } else {
                PolicyObjective objective = klPenalty != null ? klPenalty : PpoClip.of(Math.max(clip, 1e-8));
                PpoUpdate.Statistics s = PpoUpdate.run(policy, valueFunction, trainable, optimizer, rollout, objective,
                        updateSettings(), lr, shuffles);
                policyLoss = s.policyLoss();
                valueLoss = s.valueLoss();
                entropy = s.entropy();
                clipFraction = s.clipFraction();
                gradientSteps = s.gradientSteps();
                stoppedEarly = s.stoppedEarly();
            }
            kl = rollout.klFromOld(policy);
            if (Double.isNaN(entropy)) {
                entropy = meanEntropy(rollout);
            }
        }
        if (klPenalty != null) {
            klPenalty.adapt(kl[0]); // section 4: d = Ê[KL(π_old ‖ π)], exact
        }
        double explained = explainedVariance(buffer.returns(), buffer.values());
        double evalReturn = Double.NaN;
        if ((config.evalInterval() > 0 && crossed(config.evalInterval())) || finished()) {
            lastEval = evaluate(finished() ? config.evalEpisodes() : config.evalEpisodesDuringTraining());
            evalReturn = lastEval.mean();
            double threshold = PpoConfig.solvedThreshold(config.env());
            if (firstSolvedStep < 0 && evalReturn >= threshold) {
                firstSolvedStep = steps;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        UpdateMetrics m = new UpdateMetrics(update, steps, episodes, recentReturn(), kl[0], kl[1], kl[2],
                clipFraction, entropy, beta, reference == null ? Double.NaN : refKl, refBeta, explained, policyLoss,
                valueLoss, lr, gradientSteps, stoppedEarly, config.stepsPerUpdate() / seconds, seconds,
                residentMib(), evalReturn);
        history.add(m);
        return m;
    }

    private boolean crossed(long interval) {
        long before = steps - config.stepsPerUpdate();
        return steps / interval > before / interval;
    }

    private PpoUpdate.Settings updateSettings() {
        return new PpoUpdate.Settings(config.epochs(), config.minibatchSize(), config.valueCoefficient(),
                config.entropyCoefficient(), config.valueClipRange(), config.maxGradNorm(),
                config.normalizeAdvantages(), config.targetKl(), config.targetKlPlacement());
    }

    /** Step 2: T steps of N environments; returns the mean per-step reference KL (NaN without one). */
    private double collectRollout(SplittableRandom rng, double refBeta) {
        buffer.clear();
        int n = config.envs();
        double refKlSum = 0;
        for (int t = 0; t < config.rolloutSteps(); t++) {
            float[] actionsFlat;
            float[] logProbs;
            float[] values;
            double[] refKl = null;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray obs = observationArray(observations);
                DjlDistribution dist = policy.distribution(obs);
                NDArray actions = dist.sample(rng);
                actionsFlat = actions.toType(DataType.FLOAT32, false).toFloatArray();
                // log π(a_t|s_t) and V(s_t), read back in one transfer
                float[] both = NDArrays.concat(new NDList(dist.logProb(actions), valueFunction.value(obs)))
                        .toFloatArray();
                logProbs = java.util.Arrays.copyOfRange(both, 0, n);
                values = java.util.Arrays.copyOfRange(both, n, 2 * n);
                if (reference != null) {
                    refKl = reference.perStepKl(dist, obs, actions);
                }
            }
            double[][] envActions = new double[n][actionSize];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < actionSize; j++) {
                    envActions[i][j] = actionsFlat[i * actionSize + j];
                }
                episodeActions.get(i).add(envActions[i]);
            }
            VectorStep step = envs.step(envActions);
            double[] rewards = step.rewards().clone();
            double[] truncationValues = truncationValues(step);
            for (int i = 0; i < n; i++) {
                episodeReturn[i] += step.rewards()[i];
                if (refKl != null) {
                    rewards[i] -= refBeta * refKl[i];     // Ziegler et al. 2019, eq. 2
                    refKlSum += refKl[i];
                }
                if (step.terminated()[i] || step.truncated()[i]) {
                    addReturn(episodeReturn[i]);
                    episodeReturn[i] = 0;
                    episodes++;
                    resets[i]++;
                    episodeActions.get(i).clear();
                }
            }
            buffer.record(t, observations, actionsFlat, logProbs, values, rewards, step.terminated(), step.truncated(),
                    truncationValues);
            observations = step.observations();
            steps += n;
        }
        float[] lastValues;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            lastValues = valueFunction.value(observationArray(observations)).toFloatArray();
        }
        buffer.finish(lastValues, config.gamma(), config.gaeLambda());
        return reference == null ? Double.NaN : refKlSum / config.stepsPerUpdate();
    }

    /** V(final observation) of the copies that were truncated (and did not terminate) at this step. */
    private double[] truncationValues(VectorStep step) {
        int n = step.rewards().length;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (step.truncated()[i] && !step.terminated()[i]) {
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        double[][] finals = new double[count][];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (step.truncated()[i] && !step.terminated()[i]) {
                finals[k++] = step.finalObservations()[i];
            }
        }
        float[] v;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            v = valueFunction.value(observationArray(finals)).toFloatArray();
        }
        double[] out = new double[n];
        k = 0;
        for (int i = 0; i < n; i++) {
            out[i] = step.truncated()[i] && !step.terminated()[i] ? v[k++] : Double.NaN;
        }
        return out;
    }

    /** TRPO's policy step on the whole rollout, advantages normalised as sb3-contrib does. */
    private Trpo.Diagnostics trpoStep(RolloutTensors rollout) {
        Trpo.Config trpo = Trpo.Config.defaults().withMaxKl(config.trpoMaxKl()).withDamping(config.trpoDamping())
                .withCgIterations(config.trpoCgIterations())
                .withBacktrackFactor(config.trpoBacktrackCoefficient())
                .withMaxBacktracks(config.trpoBacktrackSteps());
        int[] all = new int[rollout.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            RolloutTensors.Minibatch batch = rollout.minibatch(all, config.normalizeAdvantages());
            return Trpo.update(policy, batch.observations(), batch.actions(), batch.advantages(),
                    batch.oldDistribution(), trpo);
        }
    }

    /** TRPO's critic: {@code valueEpochs} passes of minibatch regression onto R_t with its own Adam. */
    private PpoUpdate.Statistics fitValueFunction(RolloutTensors rollout, double lr, SplittableRandom rng) {
        int rows = rollout.rows();
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        double lossSum = 0;
        int count = 0;
        for (int epoch = 0; epoch < config.valueEpochs(); epoch++) {
            PpoUpdate.shuffle(order, rng);
            for (int s = 0; s < rows; s += config.minibatchSize()) {
                int[] index = java.util.Arrays.copyOfRange(order, s, Math.min(rows, s + config.minibatchSize()));
                try (NDScope scope = new NDScope();
                        ai.djl.training.GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    RolloutTensors.Minibatch mb = rollout.minibatch(index, false);
                    NDArray loss = PpoUpdate.valueLoss(valueFunction.value(mb.observations()), mb.returns(),
                            mb.oldValues(), config.valueClipRange());
                    collector.backward(loss);
                    lossSum += loss.getFloat();
                }
                GradientClipping.clipByGlobalNorm(trainable, config.maxGradNorm());
                optimizer.step(lr);
                count++;
            }
        }
        return new PpoUpdate.Statistics(Double.NaN, lossSum / count, Double.NaN, Double.NaN, Double.NaN, count,
                config.valueEpochs(), false);
    }

    private double meanEntropy(RolloutTensors rollout) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return policy.distribution(rollout.observations()).entropy().mean().getFloat();
        }
    }

    /**
     * Deterministic evaluation: the mode of the policy on fresh copies of the environment, seeded with
     * (seed + 1,000,000 + j) so that every evaluation of a run sees the same initial states.
     *
     * @param episodes the number of episodes
     * @return returns and lengths
     */
    public EvalResult evaluate(int episodes) {
        return evaluate(policy, config.env(), episodes, config.seed() + 1_000_000L);
    }

    /**
     * Runs {@code episodes} deterministic episodes of {@code policy} on up to 16 copies at once.
     *
     * @param policy   the policy (its mode is taken)
     * @param env      Gymnasium id
     * @param episodes episodes (&gt;= 1)
     * @param seed     copy j is reset with seed + j first; later episodes continue its stream
     * @return the returns in the order episodes finished
     */
    public static EvalResult evaluate(Policy policy, String env, int episodes, long seed) {
        if (episodes < 1) {
            throw new InvalidArgumentException("episodes", "episodes = " + episodes + " must be >= 1");
        }
        int k = Math.min(episodes, 16);
        Environment[] copies = new Environment[k];
        double[][] obs = new double[k][];
        double[] ret = new double[k];
        int[] len = new int[k];
        boolean[] active = new boolean[k];
        for (int j = 0; j < k; j++) {
            copies[j] = Environments.make(env);
            obs[j] = copies[j].reset(seed + j);
            active[j] = true;
        }
        int started = k;
        List<Double> returns = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        int activeCount = k;
        try (NDManager local = NDManager.newBaseManager()) {
            while (activeCount > 0) {
                int[] rows = new int[activeCount];
                double[][] batch = new double[activeCount][];
                int r = 0;
                for (int j = 0; j < k; j++) {
                    if (active[j]) {
                        rows[r] = j;
                        batch[r++] = obs[j];
                    }
                }
                float[] actions;
                int width;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray o = observationArray(local, batch);
                    NDArray mode = policy.distribution(o).mode();
                    width = mode.getShape().dimension() == 1 ? 1 : (int) mode.getShape().get(1);
                    actions = mode.toType(DataType.FLOAT32, false).toFloatArray();
                }
                for (int i = 0; i < rows.length; i++) {
                    int j = rows[i];
                    double[] a = new double[width];
                    for (int d = 0; d < width; d++) {
                        a[d] = actions[i * width + d];
                    }
                    var result = copies[j].step(a);
                    ret[j] += result.reward();
                    len[j]++;
                    obs[j] = result.observation();
                    if (result.terminated() || result.truncated()) {
                        returns.add(ret[j]);
                        lengths.add(len[j]);
                        ret[j] = 0;
                        len[j] = 0;
                        if (started < episodes) {
                            obs[j] = copies[j].reset();
                            started++;
                        } else {
                            active[j] = false;
                            activeCount--;
                        }
                    }
                }
            }
        }
        double[] rs = returns.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = java.util.Arrays.stream(rs).average().orElse(Double.NaN);
        double var = 0;
        for (double x : rs) {
            var += (x - mean) * (x - mean);
        }
        return new EvalResult(mean, Math.sqrt(var / rs.length), rs, lengths.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Explained variance 1 − Var(y − ŷ)/Var(y) (CleanRL's {@code explained_var}), y = R_t, ŷ = V_old(s_t);
     * NaN when Var(y) = 0.
     *
     * @param returns y
     * @param values  ŷ
     * @return the explained variance
     */
    public static double explainedVariance(double[] returns, double[] values) {
        int n = returns.length;
        double my = 0;
        double md = 0;
        for (int i = 0; i < n; i++) {
            my += returns[i];
            md += returns[i] - values[i];
        }
        my /= n;
        md /= n;
        double vy = 0;
        double vd = 0;
        for (int i = 0; i < n; i++) {
            vy += (returns[i] - my) * (returns[i] - my);
            double d = returns[i] - values[i] - md;
            vd += d * d;
        }
        return vy == 0 ? Double.NaN : 1 - vd / vy;
    }

    private void addReturn(double r) {
        recentReturns.addLast(r);
        if (recentReturns.size() > RECENT_EPISODES) {
            recentReturns.removeFirst();
        }
    }

    private double recentReturn() {
        return recentReturns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private NDArray observationArray(double[][] rows) {
        return observationArray(manager, rows);
    }

    private static NDArray observationArray(NDManager manager, double[][] rows) {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                flat[i * width + j] = (float) rows[i][j];
            }
        }
        return DjlOwnedArrays.create(manager, flat, new Shape(rows.length, width));
    }

    /** A stream seeded by SplitMix64 over (seed, purpose, index): independent per update and purpose. */
    static SplittableRandom stream(long seed, long purpose, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + purpose * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    private static double residentMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** {@return the settings} */
    public PpoConfig config() {
        return config;
    }

    /** {@return the actor being trained} */
    public Policy policy() {
        return policy;
    }

    /** {@return the critic being trained} */
    public ValueFunction valueFunction() {
        return valueFunction;
    }

    /** {@return metrics of every update so far (including those before a resume)} */
    public List<UpdateMetrics> history() {
        return List.copyOf(history);
    }

    /** {@return updates done} */
    public int update() {
        return update;
    }

    /** {@return environment steps done} */
    public long steps() {
        return steps;
    }

    /** {@return the environment steps at the first evaluation whose mean reached the solved threshold, or -1} */
    public long firstSolvedStep() {
        return firstSolvedStep;
    }

    /** {@return the last evaluation, or null} */
    public EvalResult lastEvaluation() {
        return lastEval;
    }

    // ---------------------------------------------------------------- checkpoints

    /** {@return the trainer's state as bytes (see the class comment)} */
    public byte[] checkpoint() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(CHECKPOINT_VERSION);
            out.writeInt(update);
            out.writeLong(steps);
            out.writeLong(episodes);
            out.writeLong(firstSolvedStep);
            out.writeDouble(klPenalty == null ? Double.NaN : klPenalty.beta());
            out.writeDouble(reference == null ? Double.NaN : reference.controller().beta());
            writeParameters(out, policy.parameters());
            writeParameters(out, valueFunction.parameters());
            out.writeLong(optimizer.steps());
            float[][] first = optimizer.firstMoments();
            float[][] second = optimizer.secondMoments();
            out.writeInt(2 * first.length);      // m then v of each parameter
            for (int i = 0; i < first.length; i++) {
                writeFloats(out, first[i]);
                writeFloats(out, second[i]);
            }
            out.writeInt(config.envs());
            for (int i = 0; i < config.envs(); i++) {
                out.writeInt(resets[i]);
                out.writeDouble(episodeReturn[i]);
                List<double[]> actions = episodeActions.get(i);
                out.writeInt(actions.size());
                for (double[] a : actions) {
                    for (double x : a) {
                        out.writeDouble(x);
                    }
                }
            }
            out.writeInt(recentReturns.size());
            for (double r : recentReturns) {
                out.writeDouble(r);
            }
            out.writeInt(history.size());
            for (UpdateMetrics m : history) {
                double[] v = m.values();
                out.writeInt(v.length);
                for (double x : v) {
                    out.writeDouble(x);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A trainer continuing from {@link #checkpoint()} bytes written by a run with the same settings.
     *
     * @param config          the settings (must match the checkpoint's; the caller checks the header)
     * @param payload         the bytes
     * @param referencePolicy π_ref or null
     * @return the trainer, at the checkpoint's update
     */
    public static PpoTrainer restore(PpoConfig config, byte[] payload, Policy referencePolicy) {
        return restore(config, payload, referencePolicy, null);
    }

    /**
     * As {@link #restore(PpoConfig, byte[], Policy)}, on a device.
     *
     * @param config          the settings
     * @param payload         the bytes
     * @param referencePolicy π_ref or null
     * @param device          where the arrays live (null: the default)
     * @return the trainer, at the checkpoint's update
     */
    public static PpoTrainer restore(PpoConfig config, byte[] payload, Policy referencePolicy, ai.djl.Device device) {
        PpoTrainer t = create(config, referencePolicy, device);
        try {
            t.read(new DataInputStream(new ByteArrayInputStream(payload)));
            return t;
        } catch (IOException | RuntimeException e) {
            t.close();
            throw new InvalidArgumentException("checkpoint", "the checkpoint's contents do not fit this run ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    /**
     * The policy saved in a checkpoint, rebuilt as the default {@link MlpPolicy} of its settings.
     *
     * @param config  the checkpoint's settings ({@link PpoConfig#fromSettings})
     * @param payload the checkpoint's bytes
     * @param manager owner of the parameters
     * @return the policy at the checkpoint
     */
    public static MlpPolicy policyFromCheckpoint(PpoConfig config, byte[] payload, NDManager manager) {
        MlpPolicy policy = defaultPolicy(config, manager);
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            if (in.readInt() != CHECKPOINT_VERSION) {
                throw new IOException("unknown PPO checkpoint version");
            }
            in.readInt();
            in.readLong();
            in.readLong();
            in.readLong();
            in.readDouble();
            in.readDouble();
            readParameters(in, policy.parameters());
            return policy;
        } catch (IOException e) {
            throw new InvalidArgumentException("checkpoint", "the PPO checkpoint's policy is unreadable ("
                    + e.getMessage() + ")");
        }
    }

    private void read(DataInputStream in) throws IOException {
        int version = in.readInt();
        if (version != CHECKPOINT_VERSION) {
            throw new IOException("unknown PPO checkpoint version " + version);
        }
        update = in.readInt();
        steps = in.readLong();
        episodes = in.readLong();
        firstSolvedStep = in.readLong();
        double beta = in.readDouble();
        double refBeta = in.readDouble();
        if (klPenalty != null) {
            klPenalty.setBeta(beta);
        }
        if (reference != null) {
            reference.controller().setBeta(refBeta);
        }
        readParameters(in, policy.parameters());
        readParameters(in, valueFunction.parameters());
        long adamSteps = in.readLong();
        int momentArrays = in.readInt();
        if (momentArrays % 2 != 0) {
            throw new IOException("the checkpoint holds " + momentArrays + " Adam moment arrays, not pairs");
        }
        float[][] first = new float[momentArrays / 2][];
        float[][] second = new float[momentArrays / 2][];
        for (int i = 0; i < first.length; i++) {
            first[i] = readFloats(in);
            second[i] = readFloats(in);
        }
        optimizer.restore(adamSteps, first, second);
        int n = in.readInt();
        if (n != config.envs()) {
            throw new IOException("the checkpoint has " + n + " environments, the run " + config.envs());
        }
        // replay each copy: seeded reset, further resets, then the actions of the episode in progress
        envs = VectorEnvironment.of(config.env(), n, config.seed());
        observations = envs.reset();
        for (int i = 0; i < n; i++) {
            resets[i] = in.readInt();
            episodeReturn[i] = in.readDouble();
            Environment copy = envs.copy(i);
            for (int r = 1; r < resets[i]; r++) {
                observations[i] = copy.reset();
            }
            int count = in.readInt();
            List<double[]> actions = episodeActions.get(i);
            actions.clear();
            for (int s = 0; s < count; s++) {
                double[] a = new double[actionSize];
                for (int j = 0; j < actionSize; j++) {
                    a[j] = in.readDouble();
                }
                actions.add(a);
                observations[i] = copy.step(a).observation();
            }
        }
        recentReturns.clear();
        int recent = in.readInt();
        for (int i = 0; i < recent; i++) {
            recentReturns.addLast(in.readDouble());
        }
        history.clear();
        int rows = in.readInt();
        for (int r = 0; r < rows; r++) {
            double[] v = new double[in.readInt()];
            for (int j = 0; j < v.length; j++) {
                v[j] = in.readDouble();
            }
            history.add(UpdateMetrics.fromValues(v));
        }
        if (in.read() != -1) {
            throw new IOException("trailing bytes after the PPO state");
        }
    }

    /**
     * Writes parameters (name, values) in the list's order.
     *
     * @param out        stream
     * @param parameters the parameters
     * @throws IOException on write errors
     */
    public static void writeParameters(DataOutputStream out, ParameterList parameters) throws IOException {
        out.writeInt(parameters.size());
        for (Pair<String, Parameter> p : parameters) {
            out.writeUTF(p.getKey());
            writeFloats(out, p.getValue().getArray().toType(DataType.FLOAT32, false).toFloatArray());
        }
    }

    /**
     * Reads parameters written by {@link #writeParameters} into arrays of the same names and sizes.
     *
     * @param in         stream
     * @param parameters the parameters to overwrite
     * @throws IOException on read errors or a mismatch
     */
    public static void readParameters(DataInputStream in, ParameterList parameters) throws IOException {
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new IOException("expected " + parameters.size() + " parameter arrays, found " + count);
        }
        for (Pair<String, Parameter> p : parameters) {
            String name = in.readUTF();
            float[] values = readFloats(in);
            NDArray array = p.getValue().getArray();
            if (!name.equals(p.getKey()) || values.length != array.size()) {
                throw new IOException("parameter " + name + " (" + values.length + " values) does not match "
                        + p.getKey() + " (" + array.size() + " values)");
            }
            array.set(values);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000_000) {
            throw new IOException("bad array length " + n);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
