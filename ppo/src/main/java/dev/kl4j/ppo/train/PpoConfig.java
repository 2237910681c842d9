package dev.kl4j.ppo.train;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.ppo.algo.ReferenceKlEstimator;
import dev.kl4j.ppo.algo.TargetKlPlacement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of a PPO / TRPO run, typed, with per-environment defaults ({@link #defaults}). Built with
 * {@link Builder}; {@link Builder#build()} checks every value and names the offending field.
 *
 * <p>Defaults follow rl-baselines3-zoo's tuned hyper-parameters where they exist (for CartPole-v1 PPO:
 * 8 environments × 32 steps, one minibatch of 256, γ = 0.98, λ = 0.8, 20 epochs, learning rate 1e-3 and
 * clip range 0.2 both annealed linearly to 0, no entropy bonus), and Stable-Baselines3's PPO defaults
 * otherwise (value coefficient 0.5, global gradient norm 0.5, Adam ε = 1e-5, per-minibatch advantage
 * normalisation). {@link #settings()} lists every value as text, as stored in checkpoints.
 *
 * @param env                     Gymnasium id, e.g. {@code CartPole-v1}
 * @param algorithm               the policy update
 * @param totalSteps              environment steps to train for (over all copies)
 * @param envs                    N, environment copies stepped together
 * @param rolloutSteps            T, steps per copy per update (rollout of N·T steps)
 * @param gamma                   discount γ
 * @param gaeLambda               GAE λ
 * @param epochs                  passes over each rollout (PPO)
 * @param minibatchSize           rows per gradient step (PPO; TRPO's critic)
 * @param learningRate            Adam learning rate (PPO: actor and critic; TRPO: critic)
 * @param annealLearningRate      whether lr falls linearly to 0 over the run (CleanRL's {@code anneal_lr})
 * @param clipRange               PPO-clip ε
 * @param annealClipRange         whether ε falls linearly to 0 over the run (rl-zoo's {@code lin_0.2})
 * @param valueClipRange          value clipping range, or NaN for none (CleanRL's {@code clip_vloss} uses ε)
 * @param entropyCoefficient      entropy bonus weight
 * @param valueCoefficient        value loss weight (PPO)
 * @param maxGradNorm             global gradient norm limit (+∞: none)
 * @param normalizeAdvantages     per-minibatch advantage normalisation
 * @param targetKl                early-stop threshold on k3 (PPO-clip), NaN for none
 * @param targetKlPlacement       where the early stop looks
 * @param adamEpsilon             Adam ε
 * @param hiddenSize              units in each of the two hidden layers of actor and critic
 * @param klTarget                PPO-KL's d_targ
 * @param klBetaInit              PPO-KL's initial β
 * @param trpoMaxKl               TRPO's δ (mean KL bound of a step)
 * @param trpoCgIterations        conjugate-gradient iterations
 * @param trpoDamping             damping λ added to the Fisher matrix (F + λI)
 * @param trpoBacktrackCoefficient line-search shrink factor
 * @param trpoBacktrackSteps      line-search attempts
 * @param valueEpochs             TRPO critic: epochs of minibatch regression per update
 * @param refKlCoefficient        β of the KL penalty to a reference policy (0: none)
 * @param refKlTarget             target per-step KL of the adaptive controller, NaN for a fixed β
 * @param refKlHorizon            horizon of the adaptive controller (TRL: 10000)
 * @param refKlEstimator          how the per-step penalty KL is measured
 * @param evalEpisodes            deterministic episodes of the final evaluation
 * @param evalInterval            environment steps between evaluations during training (0: none)
 * @param evalEpisodesDuringTraining episodes of each evaluation during training
 * @param seed                    the one seed of the run
 */
public record PpoConfig(String env, Algorithm algorithm, long totalSteps, int envs, int rolloutSteps, double gamma,
        double gaeLambda, int epochs, int minibatchSize, double learningRate, boolean annealLearningRate,
        double clipRange, boolean annealClipRange, double valueClipRange, double entropyCoefficient,
        double valueCoefficient, double maxGradNorm, boolean normalizeAdvantages, double targetKl,
        TargetKlPlacement targetKlPlacement, double adamEpsilon, int hiddenSize, double klTarget,
        double klBetaInit, double trpoMaxKl, int trpoCgIterations, double trpoDamping,
        double trpoBacktrackCoefficient, int trpoBacktrackSteps, int valueEpochs, double refKlCoefficient,
        double refKlTarget, double refKlHorizon, ReferenceKlEstimator refKlEstimator, int evalEpisodes,
        long evalInterval, int evalEpisodesDuringTraining, long seed) {

    /** {@return N·T, environment steps per update} */
    public int stepsPerUpdate() {
        return envs * rolloutSteps;
    }

    /**
     * {@return updates in the run: ⌈totalSteps / (N·T)⌉, rounded up so that at least totalSteps steps are
     * taken (CleanRL's {@code num_iterations} rounds down)}
     */
    public int updates() {
        return (int) ((totalSteps + stepsPerUpdate() - 1) / stepsPerUpdate());
    }

    /** {@return whether a KL penalty to a reference policy is on} */
    public boolean hasReferencePenalty() {
        return refKlCoefficient > 0;
    }

    /**
     * The mean evaluation return at which an environment counts as solved: Gymnasium's
     * {@code reward_threshold} for CartPole-v1 (475), Acrobot-v1 (−100) and MountainCarContinuous-v0 (90);
     * −250 for Pendulum-v1 (which has none; the figure rl-zoo's tuned agents pass).
     *
     * @param env a Gymnasium id
     * @return the threshold, or NaN when none is known
     */
    public static double solvedThreshold(String env) {
        return switch (env) {
            case "CartPole-v1" -> 475;
            case "Pendulum-v1" -> -250;
            case "Acrobot-v1" -> -100;
            case "MountainCarContinuous-v0" -> 90;
            default -> Double.NaN;
        };
    }

    /**
     * Defaults for an environment and algorithm (see the class comment for their sources).
     *
     * @param env       Gymnasium id
     * @param algorithm the update
     * @return a builder holding the defaults
     */
    public static Builder defaults(String env, Algorithm algorithm) {
        Builder b = new Builder(env, algorithm);
        switch (env) {
            case "CartPole-v1" -> {
                // rl-zoo hyperparams/ppo.yml CartPole-v1
                b.totalSteps(100_000).envs(8).rolloutSteps(32).minibatchSize(256).gamma(0.98).gaeLambda(0.8)
                        .epochs(20).learningRate(1e-3).annealLearningRate(true).clipRange(0.2).annealClipRange(true)
                        .evalInterval(10_000);
                if (algorithm == Algorithm.TRPO) {
                    b.envs(8).rolloutSteps(128).gamma(0.99).gaeLambda(0.95).minibatchSize(128).valueEpochs(10)
                            .annealLearningRate(false);
                }
            }
            case "Pendulum-v1" -> {
                // rl-zoo hyperparams/ppo.yml Pendulum-v1 (without gSDE)
                b.totalSteps(300_000).envs(4).rolloutSteps(1024).minibatchSize(64).gamma(0.9).gaeLambda(0.95)
                        .epochs(10).learningRate(1e-3).evalInterval(30_000);
                if (algorithm == Algorithm.TRPO) {
                    b.valueEpochs(10).minibatchSize(128);
                }
            }
            case "Acrobot-v1" -> {
                // rl-zoo hyperparams/ppo.yml Acrobot-v1 (without observation normalisation)
                b.totalSteps(500_000).envs(16).rolloutSteps(256).minibatchSize(64).gamma(0.99).gaeLambda(0.94)
                        .epochs(4).learningRate(3e-4).evalInterval(50_000);
            }
            default -> b.totalSteps(200_000).evalInterval(20_000);
        }
        return b;
    }

    /** {@return every setting as text, in a fixed order (what a checkpoint records)} */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("env", env);
        s.put("algo", algorithm.cliName());
        s.put("total_steps", Long.toString(totalSteps));
        s.put("envs", Integer.toString(envs));
        s.put("rollout_steps", Integer.toString(rolloutSteps));
        s.put("gamma", num(gamma));
        s.put("gae_lambda", num(gaeLambda));
        s.put("epochs", Integer.toString(epochs));
        s.put("minibatch_size", Integer.toString(minibatchSize));
        s.put("learning_rate", num(learningRate));
        s.put("anneal_learning_rate", Boolean.toString(annealLearningRate));
        s.put("clip_range", num(clipRange));
        s.put("anneal_clip_range", Boolean.toString(annealClipRange));
        s.put("value_clip_range", num(valueClipRange));
        s.put("entropy_coefficient", num(entropyCoefficient));
        s.put("value_coefficient", num(valueCoefficient));
        s.put("max_grad_norm", num(maxGradNorm));
        s.put("normalize_advantages", Boolean.toString(normalizeAdvantages));
        s.put("target_kl", num(targetKl));
        s.put("target_kl_placement", targetKlPlacement.name().toLowerCase(Locale.ROOT));
        s.put("adam_epsilon", num(adamEpsilon));
        s.put("hidden_size", Integer.toString(hiddenSize));
        s.put("kl_target", num(klTarget));
        s.put("kl_beta_init", num(klBetaInit));
        s.put("trpo_max_kl", num(trpoMaxKl));
        s.put("trpo_cg_iterations", Integer.toString(trpoCgIterations));
        s.put("trpo_damping", num(trpoDamping));
        s.put("trpo_backtrack_coefficient", num(trpoBacktrackCoefficient));
        s.put("trpo_backtrack_steps", Integer.toString(trpoBacktrackSteps));
        s.put("value_epochs", Integer.toString(valueEpochs));
        s.put("ref_kl_coefficient", num(refKlCoefficient));
        s.put("ref_kl_target", num(refKlTarget));
        s.put("ref_kl_horizon", num(refKlHorizon));
        s.put("ref_kl_estimator", refKlEstimator.name().toLowerCase(Locale.ROOT));
        s.put("eval_episodes", Integer.toString(evalEpisodes));
        s.put("eval_interval", Long.toString(evalInterval));
        s.put("eval_episodes_during_training", Integer.toString(evalEpisodesDuringTraining));
        s.put("seed", Long.toString(seed));
        return s;
    }

    /**
     * The configuration a checkpoint's {@link #settings()} describe.
     *
     * @param s settings as written by {@link #settings()}
     * @return the configuration
     */
    public static PpoConfig fromSettings(Map<String, String> s) {
        try {
            return new Builder(s.get("env"), Algorithm.parse(s.get("algo")))
                    .totalSteps(Long.parseLong(s.get("total_steps"))).envs(Integer.parseInt(s.get("envs")))
                    .rolloutSteps(Integer.parseInt(s.get("rollout_steps"))).gamma(d(s, "gamma"))
                    .gaeLambda(d(s, "gae_lambda")).epochs(Integer.parseInt(s.get("epochs")))
                    .minibatchSize(Integer.parseInt(s.get("minibatch_size"))).learningRate(d(s, "learning_rate"))
                    .annealLearningRate(Boolean.parseBoolean(s.get("anneal_learning_rate"))).clipRange(d(s, "clip_range"))
                    .annealClipRange(Boolean.parseBoolean(s.get("anneal_clip_range")))
                    .valueClipRange(d(s, "value_clip_range")).entropyCoefficient(d(s, "entropy_coefficient"))
                    .valueCoefficient(d(s, "value_coefficient")).maxGradNorm(d(s, "max_grad_norm"))
                    .normalizeAdvantages(Boolean.parseBoolean(s.get("normalize_advantages")))
                    .targetKl(d(s, "target_kl"))
                    .targetKlPlacement(TargetKlPlacement.valueOf(s.get("target_kl_placement").toUpperCase(Locale.ROOT)))
                    .adamEpsilon(d(s, "adam_epsilon")).hiddenSize(Integer.parseInt(s.get("hidden_size")))
                    .klTarget(d(s, "kl_target")).klBetaInit(d(s, "kl_beta_init")).trpoMaxKl(d(s, "trpo_max_kl"))
                    .trpoCgIterations(Integer.parseInt(s.get("trpo_cg_iterations"))).trpoDamping(d(s, "trpo_damping"))
                    .trpoBacktrackCoefficient(d(s, "trpo_backtrack_coefficient"))
                    .trpoBacktrackSteps(Integer.parseInt(s.get("trpo_backtrack_steps")))
                    .valueEpochs(Integer.parseInt(s.get("value_epochs"))).refKlCoefficient(d(s, "ref_kl_coefficient"))
                    .refKlTarget(d(s, "ref_kl_target")).refKlHorizon(d(s, "ref_kl_horizon"))
                    .refKlEstimator(ReferenceKlEstimator.parse(s.get("ref_kl_estimator")))
                    .evalEpisodes(Integer.parseInt(s.get("eval_episodes")))
                    .evalInterval(Long.parseLong(s.get("eval_interval")))
                    .evalEpisodesDuringTraining(Integer.parseInt(s.get("eval_episodes_during_training")))
                    .seed(Long.parseLong(s.get("seed"))).build();
        } catch (NullPointerException | IllegalArgumentException e) {
            if (e instanceof InvalidArgumentException) {
                throw e;
            }
            throw new InvalidArgumentException("checkpoint", "the PPO checkpoint's settings are incomplete or"
                    + " unreadable (" + e.getMessage() + ")");
        }
    }

    private static double d(Map<String, String> s, String key) {
        return Double.parseDouble(s.get(key));
    }

    private static String num(double x) {
        return Double.toString(x);
    }

    /** {@return a builder starting from this configuration} */
    public Builder toBuilder() {
        Builder b = new Builder(env, algorithm);
        b.totalSteps = totalSteps; b.envs = envs; b.rolloutSteps = rolloutSteps; b.gamma = gamma;
        b.gaeLambda = gaeLambda; b.epochs = epochs; b.minibatchSize = minibatchSize; b.learningRate = learningRate;
        b.annealLearningRate = annealLearningRate; b.clipRange = clipRange; b.annealClipRange = annealClipRange;
        b.valueClipRange = valueClipRange; b.entropyCoefficient = entropyCoefficient;
        b.valueCoefficient = valueCoefficient; b.maxGradNorm = maxGradNorm;
        b.normalizeAdvantages = normalizeAdvantages; b.targetKl = targetKl; b.targetKlPlacement = targetKlPlacement;
        b.adamEpsilon = adamEpsilon; b.hiddenSize = hiddenSize; b.klTarget = klTarget; b.klBetaInit = klBetaInit;
        b.trpoMaxKl = trpoMaxKl; b.trpoCgIterations = trpoCgIterations; b.trpoDamping = trpoDamping;
        b.trpoBacktrackCoefficient = trpoBacktrackCoefficient; b.trpoBacktrackSteps = trpoBacktrackSteps;
        b.valueEpochs = valueEpochs; b.refKlCoefficient = refKlCoefficient; b.refKlTarget = refKlTarget;
        b.refKlHorizon = refKlHorizon; b.refKlEstimator = refKlEstimator; b.evalEpisodes = evalEpisodes;
        b.evalInterval = evalInterval; b.evalEpisodesDuringTraining = evalEpisodesDuringTraining; b.seed = seed;
        return b;
    }

    /** Mutable builder; {@link #build()} validates. Setters are named as the record's fields. */
    public static final class Builder {
        private final String env;
        private Algorithm algorithm;
        private long totalSteps = 100_000;
        private int envs = 8;
        private int rolloutSteps = 128;
        private double gamma = 0.99;
        private double gaeLambda = 0.95;
        private int epochs = 10;
        private int minibatchSize = 256;
        private double learningRate = 3e-4;
        private boolean annealLearningRate;
        private double clipRange = 0.2;
        private boolean annealClipRange;
        private double valueClipRange = Double.NaN;
        private double entropyCoefficient;
        private double valueCoefficient = 0.5;
        private double maxGradNorm = 0.5;
        private boolean normalizeAdvantages = true;
        private double targetKl = Double.NaN;
        private TargetKlPlacement targetKlPlacement = TargetKlPlacement.MINIBATCH;
        private double adamEpsilon = 1e-5;
        private int hiddenSize = 64;
        private double klTarget = 0.01;
        private double klBetaInit = 1.0;
        private double trpoMaxKl = 0.01;
        private int trpoCgIterations = 15;
        private double trpoDamping = 0.1;
        private double trpoBacktrackCoefficient = 0.8;
        private int trpoBacktrackSteps = 10;
        private int valueEpochs = 10;
        private double refKlCoefficient;
        private double refKlTarget = Double.NaN;
        private double refKlHorizon = 10_000;
        private ReferenceKlEstimator refKlEstimator = ReferenceKlEstimator.K1;
        private int evalEpisodes = 100;
        private long evalInterval;
        private int evalEpisodesDuringTraining = 10;
        private long seed = 1;

        private Builder(String env, Algorithm algorithm) {
            this.env = env;
            this.algorithm = algorithm;
        }

        /**
         * Sets {@code algorithm}: the policy update.
         * Without this call: the algorithm given to {@link PpoConfig#defaults}.
         *
         * @param v the new value of {@code algorithm}
         * @return this builder
         */
        public Builder algorithm(Algorithm v) { algorithm = v; return this; }
        /**
         * Sets {@code totalSteps}: environment steps to train for (over all copies).
         * Without this call: 100000, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code totalSteps}
         * @return this builder
         */
        public Builder totalSteps(long v) { totalSteps = v; return this; }
        /**
         * Sets {@code envs}: N, environment copies stepped together.
         * Without this call: 8, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code envs}
         * @return this builder
         */
        public Builder envs(int v) { envs = v; return this; }
        /**
         * Sets {@code rolloutSteps}: T, steps per copy per update (rollout of N·T steps).
         * Without this call: 128, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code rolloutSteps}
         * @return this builder
         */
        public Builder rolloutSteps(int v) { rolloutSteps = v; return this; }
        /**
         * Sets {@code gamma}: discount γ.
         * Without this call: 0.99, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code gamma}
         * @return this builder
         */
        public Builder gamma(double v) { gamma = v; return this; }
        /**
         * Sets {@code gaeLambda}: GAE λ.
         * Without this call: 0.95, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code gaeLambda}
         * @return this builder
         */
        public Builder gaeLambda(double v) { gaeLambda = v; return this; }
        /**
         * Sets {@code epochs}: passes over each rollout (PPO).
         * Without this call: 10, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code epochs}
         * @return this builder
         */
        public Builder epochs(int v) { epochs = v; return this; }
        /**
         * Sets {@code minibatchSize}: rows per gradient step (PPO; TRPO's critic).
         * Without this call: 256, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code minibatchSize}
         * @return this builder
         */
        public Builder minibatchSize(int v) { minibatchSize = v; return this; }
        /**
         * Sets {@code learningRate}: Adam learning rate (PPO: actor and critic; TRPO: critic).
         * Without this call: 3e-4, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code learningRate}
         * @return this builder
         */
        public Builder learningRate(double v) { learningRate = v; return this; }
        /**
         * Sets {@code annealLearningRate}: whether lr falls linearly to 0 over the run (CleanRL's {@code anneal_lr}).
         * Without this call: false, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code annealLearningRate}
         * @return this builder
         */
        public Builder annealLearningRate(boolean v) { annealLearningRate = v; return this; }
        /**
         * Sets {@code clipRange}: PPO-clip ε.
         * Without this call: 0.2, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code clipRange}
         * @return this builder
         */
        public Builder clipRange(double v) { clipRange = v; return this; }
        /**
         * Sets {@code annealClipRange}: whether ε falls linearly to 0 over the run (rl-zoo's {@code lin_0.2}).
         * Without this call: false, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code annealClipRange}
         * @return this builder
         */
        public Builder annealClipRange(boolean v) { annealClipRange = v; return this; }
        /**
         * Sets {@code valueClipRange}: value clipping range, or NaN for none (CleanRL's {@code clip_vloss} uses ε).
         * Without this call: NaN, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code valueClipRange}
         * @return this builder
         */
        public Builder valueClipRange(double v) { valueClipRange = v; return this; }
        /**
         * Sets {@code entropyCoefficient}: entropy bonus weight.
         * Without this call: 0, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code entropyCoefficient}
         * @return this builder
         */
        public Builder entropyCoefficient(double v) { entropyCoefficient = v; return this; }
        /**
         * Sets {@code valueCoefficient}: value loss weight (PPO).
         * Without this call: 0.5, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code valueCoefficient}
         * @return this builder
         */
        public Builder valueCoefficient(double v) { valueCoefficient = v; return this; }
        /**
         * Sets {@code maxGradNorm}: global gradient norm limit (+∞: none).
         * Without this call: 0.5, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code maxGradNorm}
         * @return this builder
         */
        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }
        /**
         * Sets {@code normalizeAdvantages}: per-minibatch advantage normalisation.
         * Without this call: true, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code normalizeAdvantages}
         * @return this builder
         */
        public Builder normalizeAdvantages(boolean v) { normalizeAdvantages = v; return this; }
        /**
         * Sets {@code targetKl}: early-stop threshold on k3 (PPO-clip), NaN for none.
         * Without this call: NaN, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code targetKl}
         * @return this builder
         */
        public Builder targetKl(double v) { targetKl = v; return this; }
        /**
         * Sets {@code targetKlPlacement}: where the early stop looks.
         * Without this call: {@code TargetKlPlacement.MINIBATCH}, unless {@link PpoConfig#defaults} chose another
         * value for the environment.
         *
         * @param v the new value of {@code targetKlPlacement}
         * @return this builder
         */
        public Builder targetKlPlacement(TargetKlPlacement v) { targetKlPlacement = v; return this; }
        /**
         * Sets {@code adamEpsilon}: Adam ε.
         * Without this call: 1e-5, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code adamEpsilon}
         * @return this builder
         */
        public Builder adamEpsilon(double v) { adamEpsilon = v; return this; }
        /**
         * Sets {@code hiddenSize}: units in each of the two hidden layers of actor and critic.
         * Without this call: 64, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code hiddenSize}
         * @return this builder
         */
        public Builder hiddenSize(int v) { hiddenSize = v; return this; }
        /**
         * Sets {@code klTarget}: PPO-KL's d_targ.
         * Without this call: 0.01, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code klTarget}
         * @return this builder
         */
        public Builder klTarget(double v) { klTarget = v; return this; }
        /**
         * Sets {@code klBetaInit}: PPO-KL's initial β.
         * Without this call: 1.0, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code klBetaInit}
         * @return this builder
         */
        public Builder klBetaInit(double v) { klBetaInit = v; return this; }
        /**
         * Sets {@code trpoMaxKl}: TRPO's δ (mean KL bound of a step).
         * Without this call: 0.01, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code trpoMaxKl}
         * @return this builder
         */
        public Builder trpoMaxKl(double v) { trpoMaxKl = v; return this; }
        /**
         * Sets {@code trpoCgIterations}: conjugate-gradient iterations.
         * Without this call: 15, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code trpoCgIterations}
         * @return this builder
         */
        public Builder trpoCgIterations(int v) { trpoCgIterations = v; return this; }
        /**
         * Sets {@code trpoDamping}: damping λ added to the Fisher matrix (F + λI).
         * Without this call: 0.1, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code trpoDamping}
         * @return this builder
         */
        public Builder trpoDamping(double v) { trpoDamping = v; return this; }
        /**
         * Sets {@code trpoBacktrackCoefficient}: line-search shrink factor.
         * Without this call: 0.8, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code trpoBacktrackCoefficient}
         * @return this builder
         */
        public Builder trpoBacktrackCoefficient(double v) { trpoBacktrackCoefficient = v; return this; }
        /**
         * Sets {@code trpoBacktrackSteps}: line-search attempts.
         * Without this call: 10, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code trpoBacktrackSteps}
         * @return this builder
         */
        public Builder trpoBacktrackSteps(int v) { trpoBacktrackSteps = v; return this; }
        /**
         * Sets {@code valueEpochs}: TRPO critic: epochs of minibatch regression per update.
         * Without this call: 10, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code valueEpochs}
         * @return this builder
         */
        public Builder valueEpochs(int v) { valueEpochs = v; return this; }
        /**
         * Sets {@code refKlCoefficient}: β of the KL penalty to a reference policy (0: none).
         * Without this call: 0, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code refKlCoefficient}
         * @return this builder
         */
        public Builder refKlCoefficient(double v) { refKlCoefficient = v; return this; }
        /**
         * Sets {@code refKlTarget}: target per-step KL of the adaptive controller, NaN for a fixed β.
         * Without this call: NaN, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code refKlTarget}
         * @return this builder
         */
        public Builder refKlTarget(double v) { refKlTarget = v; return this; }
        /**
         * Sets {@code refKlHorizon}: horizon of the adaptive controller (TRL: 10000).
         * Without this call: 10000, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code refKlHorizon}
         * @return this builder
         */
        public Builder refKlHorizon(double v) { refKlHorizon = v; return this; }
        /**
         * Sets {@code refKlEstimator}: how the per-step penalty KL is measured.
         * Without this call: {@code ReferenceKlEstimator.K1}, unless {@link PpoConfig#defaults} chose another value
         * for the environment.
         *
         * @param v the new value of {@code refKlEstimator}
         * @return this builder
         */
        public Builder refKlEstimator(ReferenceKlEstimator v) { refKlEstimator = v; return this; }
        /**
         * Sets {@code evalEpisodes}: deterministic episodes of the final evaluation.
         * Without this call: 100, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code evalEpisodes}
         * @return this builder
         */
        public Builder evalEpisodes(int v) { evalEpisodes = v; return this; }
        /**
         * Sets {@code evalInterval}: environment steps between evaluations during training (0: none).
         * Without this call: 0, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code evalInterval}
         * @return this builder
         */
        public Builder evalInterval(long v) { evalInterval = v; return this; }
        /**
         * Sets {@code evalEpisodesDuringTraining}: episodes of each evaluation during training.
         * Without this call: 10, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code evalEpisodesDuringTraining}
         * @return this builder
         */
        public Builder evalEpisodesDuringTraining(int v) { evalEpisodesDuringTraining = v; return this; }
        /**
         * Sets {@code seed}: the one seed of the run.
         * Without this call: 1, unless {@link PpoConfig#defaults} chose another value for the environment.
         *
         * @param v the new value of {@code seed}
         * @return this builder
         */
        public Builder seed(long v) { seed = v; return this; }

        /** {@return the checked configuration} */
        public PpoConfig build() {
            atLeast("totalSteps", totalSteps, 1);
            atLeast("envs", envs, 1);
            atLeast("rolloutSteps", rolloutSteps, 1);
            if ((long) envs * rolloutSteps > 10_000_000) {
                throw new InvalidArgumentException("rolloutSteps", "envs x rolloutSteps = " + (long) envs * rolloutSteps
                        + " is more than the 10,000,000 rows a rollout may hold");
            }
            unit("gamma", gamma);
            unit("gaeLambda", gaeLambda);
            atLeast("epochs", epochs, 1);
            atLeast("minibatchSize", minibatchSize, 1);
            if (minibatchSize > envs * rolloutSteps) {
                throw new InvalidArgumentException("minibatchSize", "minibatchSize = " + minibatchSize
                        + " is more than the " + envs * rolloutSteps + " steps of a rollout (envs x rolloutSteps)");
            }
            positive("learningRate", learningRate);
            positive("clipRange", clipRange);
            if (!Double.isNaN(valueClipRange)) {
                positive("valueClipRange", valueClipRange);
            }
            nonNegative("entropyCoefficient", entropyCoefficient);
            nonNegative("valueCoefficient", valueCoefficient);
            if (!(maxGradNorm > 0)) {
                throw new InvalidArgumentException("maxGradNorm", "maxGradNorm = " + maxGradNorm
                        + " must be > 0 (Infinity: no clipping)");
            }
            if (!Double.isNaN(targetKl)) {
                positive("targetKl", targetKl);
            }
            positive("adamEpsilon", adamEpsilon);
            atLeast("hiddenSize", hiddenSize, 1);
            positive("klTarget", klTarget);
            positive("klBetaInit", klBetaInit);
            positive("trpoMaxKl", trpoMaxKl);
            atLeast("trpoCgIterations", trpoCgIterations, 1);
            nonNegative("trpoDamping", trpoDamping);
            if (!(trpoBacktrackCoefficient > 0 && trpoBacktrackCoefficient < 1)) {
                throw new InvalidArgumentException("trpoBacktrackCoefficient", "trpoBacktrackCoefficient = "
                        + trpoBacktrackCoefficient + " must be in (0, 1)");
            }
            atLeast("trpoBacktrackSteps", trpoBacktrackSteps, 1);
            atLeast("valueEpochs", valueEpochs, 1);
            nonNegative("refKlCoefficient", refKlCoefficient);
            if (!Double.isNaN(refKlTarget)) {
                positive("refKlTarget", refKlTarget);
            }
            positive("refKlHorizon", refKlHorizon);
            atLeast("evalEpisodes", evalEpisodes, 1);
            atLeast("evalInterval", evalInterval, 0);
            atLeast("evalEpisodesDuringTraining", evalEpisodesDuringTraining, 1);
            return new PpoConfig(env, algorithm, totalSteps, envs, rolloutSteps, gamma, gaeLambda, epochs,
                    minibatchSize, learningRate, annealLearningRate, clipRange, annealClipRange, valueClipRange,
                    entropyCoefficient, valueCoefficient, maxGradNorm, normalizeAdvantages, targetKl,
                    targetKlPlacement, adamEpsilon, hiddenSize, klTarget, klBetaInit, trpoMaxKl, trpoCgIterations,
                    trpoDamping, trpoBacktrackCoefficient, trpoBacktrackSteps, valueEpochs, refKlCoefficient,
                    refKlTarget, refKlHorizon, refKlEstimator, evalEpisodes, evalInterval,
                    evalEpisodesDuringTraining, seed);
        }

        private static void atLeast(String name, long v, long min) {
            if (v < min) {
                throw new InvalidArgumentException(name, name + " = " + v + " must be >= " + min);
            }
        }

        private static void positive(String name, double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new InvalidArgumentException(name, name + " = " + v + " must be finite and > 0");
            }
        }

        private static void nonNegative(String name, double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new InvalidArgumentException(name, name + " = " + v + " must be finite and >= 0");
            }
        }

        private static void unit(String name, double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new InvalidArgumentException(name, name + " = " + v + " must be in [0, 1]");
            }
        }
    }
}
