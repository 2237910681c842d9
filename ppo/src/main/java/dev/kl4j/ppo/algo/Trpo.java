package dev.kl4j.ppo.algo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlDistribution;
import dev.kl4j.ppo.policy.Policy;

/**
 * One Trust Region Policy Optimization update of the policy (Schulman, Levine, Moritz, Jordan &amp;
 * Abbeel 2015, "Trust Region Policy Optimization", section 6 and Appendix C; the step as in OpenAI
 * Spinning Up's {@code trpo} and sb3-contrib's {@code TRPO}):
 * <pre>
 *   maximise   L(θ) = (1/B) Σ_b  π_θ(a_b|s_b) / π_old(a_b|s_b) · Â_b          (surrogate, eq. 14)
 *   subject to D̄(θ) = (1/B) Σ_b  KL(π_old(·|s_b) ‖ π_θ(·|s_b)) ≤ δ            (trust region)
 *
 *   g = ∇L(θ_old)                               one backward pass
 *   s ≈ (F + λI)⁻¹ g                            conjugate gradient on Fisher-vector products
 *   Δ = √(2δ / sᵀ(F + λI)s) · s                 the step where the quadratic model of D̄ reaches δ
 *   θ = θ_old + αʲ Δ,  j = 0, 1, …, J−1         backtracking line search, α = 0.8
 *       accept the first j with D̄(θ) ≤ δ (exact, closed-form KL) and L(θ) − L(θ_old) &gt; 0;
 *       if none passes, θ stays θ_old
 * </pre>
 * Defaults ({@link Config#defaults()}): δ = 0.01, λ = 0.1, 10 CG iterations, α = 0.8, J = 10. The value
 * function is trained separately by its own optimiser (the trainer's business, not this class's).
 *
 * <p>Call outside any {@code GradientCollector}. Everything the update creates is closed before it
 * returns; the policy's parameter arrays are written in place.
 */
public final class Trpo {
    private Trpo() {
    }

    /**
     * The settings of a TRPO update (see the class comment for where each enters).
     *
     * @param maxKl             δ, the trust-region radius in nats (mean KL per state)
     * @param damping           λ added to the Fisher matrix
     * @param cgIterations      conjugate-gradient iterations
     * @param residualTolerance CG stops once rᵀr is below it
     * @param backtrackFactor   α ∈ (0, 1), the step shrink per line-search trial
     * @param maxBacktracks     J ≥ 1, line-search trials (the first is the full step)
     */
    public record Config(double maxKl, double damping, int cgIterations, double residualTolerance,
            double backtrackFactor, int maxBacktracks) {
        /**
         * Checks every field.
         *
         * @param maxKl δ, the trust-region radius in nats (mean KL per state)
         * @param damping λ added to the Fisher matrix
         * @param cgIterations conjugate-gradient iterations
         * @param residualTolerance CG stops once rᵀr is below it
         * @param backtrackFactor α ∈ (0, 1), the step shrink per line-search trial
         * @param maxBacktracks J ≥ 1, line-search trials (the first is the full step)
         */
        public Config {
            if (!(maxKl > 0) || Double.isInfinite(maxKl)) {
                throw new InvalidArgumentException("maxKl", "maxKl must be finite and positive, got " + maxKl);
            }
            if (!(damping >= 0) || Double.isInfinite(damping)) {
                throw new InvalidArgumentException("damping", "damping must be finite and non-negative, got " + damping);
            }
            if (cgIterations < 1) {
                throw new InvalidArgumentException("cgIterations", "cgIterations must be at least 1, got " + cgIterations);
            }
            if (!(residualTolerance >= 0)) {
                throw new InvalidArgumentException("residualTolerance", "residualTolerance must be non-negative, got " + residualTolerance);
            }
            if (!(backtrackFactor > 0 && backtrackFactor < 1)) {
                throw new InvalidArgumentException("backtrackFactor", "backtrackFactor must be in (0, 1), got " + backtrackFactor);
            }
            if (maxBacktracks < 1) {
                throw new InvalidArgumentException("maxBacktracks", "maxBacktracks must be at least 1, got " + maxBacktracks);
            }
        }

        /** {@return δ 0.01, damping 0.1, 10 CG iterations (rᵀr &lt; 1e-10), backtracking ×0.8 up to 10 times} */
        public static Config defaults() {
            return new Config(0.01, FisherVectorProduct.DEFAULT_DAMPING, ConjugateGradient.DEFAULT_MAX_ITERATIONS,
                    ConjugateGradient.DEFAULT_RESIDUAL_TOLERANCE, 0.8, 10);
        }

        /**
         * A copy with another trust-region radius δ (nats, mean KL per state); the other fields are kept.
         *
         * @param value δ
         * @return a copy with this trust-region radius
         */
        public Config withMaxKl(double value) {
            return new Config(value, damping, cgIterations, residualTolerance, backtrackFactor, maxBacktracks);
        }

        /**
         * A copy with another damping λ, the multiple of the identity added to the Fisher matrix (F + λI) before
         * conjugate gradient; the other fields are kept.
         *
         * @param value λ
         * @return a copy with this damping
         */
        public Config withDamping(double value) {
            return new Config(maxKl, value, cgIterations, residualTolerance, backtrackFactor, maxBacktracks);
        }

        /**
         * A copy with another cap on conjugate-gradient iterations; the other fields are kept.
         *
         * @param value CG iterations
         * @return a copy with this value
         */
        public Config withCgIterations(int value) {
            return new Config(maxKl, damping, value, residualTolerance, backtrackFactor, maxBacktracks);
        }

        /**
         * A copy with another conjugate-gradient stopping tolerance on the squared residual rᵀr; the other fields are
         * kept.
         *
         * @param value CG tolerance on rᵀr
         * @return a copy with this value
         */
        public Config withResidualTolerance(double value) {
            return new Config(maxKl, damping, cgIterations, value, backtrackFactor, maxBacktracks);
        }

        /**
         * A copy with another line-search shrink factor α ∈ (0, 1): trial j takes the step αʲ Δ; the other fields are
         * kept.
         *
         * @param value α
         * @return a copy with this value
         */
        public Config withBacktrackFactor(double value) {
            return new Config(maxKl, damping, cgIterations, residualTolerance, value, maxBacktracks);
        }

        /**
         * A copy with another number J ≥ 1 of line-search trials; the other fields are kept.
         *
         * @param value J
         * @return a copy with this value
         */
        public Config withMaxBacktracks(int value) {
            return new Config(maxKl, damping, cgIterations, residualTolerance, backtrackFactor, value);
        }
    }

    /**
     * What one update did.
     *
     * @param accepted             true if a step passed the line search (else the parameters are unchanged)
     * @param stepsTried           line-search trials evaluated (1 = the full step was accepted)
     * @param stepFraction         αʲ of the accepted step, 0 if none
     * @param kl                   exact mean KL(π_old ‖ π_new) after the update (0 if nothing was accepted)
     * @param surrogateImprovement L(θ_new) − L(θ_old) (0 if nothing was accepted)
     * @param expectedImprovement  gᵀΔ, the improvement the linear model predicts for the full step
     * @param fullStepKl           exact mean KL of the full step Δ (how far the quadratic model is off)
     * @param surrogateBefore      L(θ_old) (= mean advantage up to rounding)
     * @param gradientNorm         ‖g‖₂
     * @param cgIterations         Fisher-vector products used by the conjugate gradient
     * @param cgResidual           ‖g − (F + λI)s‖₂ at the end of CG
     */
    public record Diagnostics(boolean accepted, int stepsTried, double stepFraction, double kl,
            double surrogateImprovement, double expectedImprovement, double fullStepKl, double surrogateBefore,
            double gradientNorm, int cgIterations, double cgResidual) {
    }

    /**
     * One update of the class comment (surrogate eq. 14, CG step, line search) with the old policy taken
     * to be the current one (its distributions are computed here).
     *
     * @param policy       the policy, updated in place
     * @param observations s_b, {@code [B, observationSize]}
     * @param actions      a_b, {@code [B]} or {@code [B, A]}
     * @param advantages   Â_b, {@code [B]} (normalise them beforehand if wanted)
     * @param config       step settings
     * @return diagnostics
     */
    public static Diagnostics update(Policy policy, NDArray observations, NDArray actions, NDArray advantages,
            Config config) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return update(policy, observations, actions, advantages, policy.distribution(observations), config);
        }
    }

    /**
     * One update of the class comment: g = ∇L, s ≈ (F + λI)⁻¹ g by CG, Δ = √(2δ / sᵀ(F + λI)s) · s, then the
     * backtracking line search accepting the first αʲ Δ with D̄ ≤ δ and L improved (Schulman et al. 2015,
     * section 6 and Appendix C; Spinning Up's {@code trpo}).
     *
     * @param policy          the policy at θ_old, updated in place
     * @param observations    s_b, {@code [B, observationSize]}
     * @param actions         a_b, {@code [B]} or {@code [B, A]}
     * @param advantages      Â_b, {@code [B]}
     * @param oldDistribution π_old(·|s_b), usually the policy's own distribution at θ_old (the update treats
     *                        it as a constant)
     * @param config          step settings
     * @return diagnostics
     */
    public static Diagnostics update(Policy policy, NDArray observations, NDArray actions, NDArray advantages,
            DjlDistribution oldDistribution, Config config) {
        long batch = observations.getShape().get(0);
        if (advantages.getShape().dimension() != 1 || advantages.getShape().get(0) != batch) {
            throw new InvalidArgumentException("advantages", "advantages have shape " + advantages.getShape()
                    + "; expected [" + batch + "]");
        }
        requireFinite(advantages);
        ParameterVector parameters = ParameterVector.of(policy.parameters());
        double[] thetaOld = parameters.values();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray oldLogProb = oldDistribution.logProb(actions).stopGradient();

            // g = ∇L(θ_old): one backward pass of the surrogate.
            double surrogateBefore;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray surrogate = surrogate(policy.distribution(observations), actions, oldLogProb, advantages);
                surrogateBefore = scalar(surrogate);
                collector.backward(surrogate);
            }
            double[] g = parameters.gradient();
            parameters.zeroGradients();
            double gradientNorm = Math.sqrt(ConjugateGradient.dot(g, g));
            if (!(gradientNorm > 0) || Double.isInfinite(gradientNorm)) {
                return new Diagnostics(false, 0, 0, 0, 0, 0, 0, surrogateBefore, gradientNorm, 0, 0);
            }

            // s ≈ (F + λI)⁻¹ g and the maximal step Δ = √(2δ / sᵀ(F + λI)s) · s.
            FisherVectorProduct fisher = FisherVectorProduct.of(policy, observations, config.damping());
            ConjugateGradient.Result cg = ConjugateGradient.solve(fisher, g, config.cgIterations(),
                    config.residualTolerance());
            double[] s = cg.x();
            double sFs = ConjugateGradient.dot(s, fisher.apply(s));
            if (!(sFs > 0) || Double.isInfinite(sFs)) {
                return new Diagnostics(false, 0, 0, 0, 0, 0, 0, surrogateBefore, gradientNorm, cg.iterations(),
                        cg.residualNorm());
            }
            double scale = Math.sqrt(2 * config.maxKl() / sFs);
            double[] fullStep = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                fullStep[i] = scale * s[i];
            }
            double expectedImprovement = ConjugateGradient.dot(g, fullStep);

            // Backtracking line search on the exact KL and the surrogate.
            double fraction = 1;
            double fullStepKl = Double.NaN;
            for (int trial = 1; trial <= config.maxBacktracks(); trial++) {
                double[] candidate = new double[thetaOld.length];
                for (int i = 0; i < candidate.length; i++) {
                    candidate[i] = thetaOld[i] + fraction * fullStep[i];
                }
                parameters.set(candidate);
                double kl;
                double improvement;
                try (NDScope trialScope = new NDScope()) {
                    trialScope.suppressNotUsedWarning();
                    DjlDistribution candidateDistribution = policy.distribution(observations);
                    kl = scalar(oldDistribution.kl(candidateDistribution).mean());
                    improvement = scalar(surrogate(candidateDistribution, actions, oldLogProb, advantages))
                            - surrogateBefore;
                }
                if (trial == 1) {
                    fullStepKl = kl;
                }
                if (kl <= config.maxKl() && improvement > 0) {
                    return new Diagnostics(true, trial, fraction, kl, improvement, expectedImprovement, fullStepKl,
                            surrogateBefore, gradientNorm, cg.iterations(), cg.residualNorm());
                }
                fraction *= config.backtrackFactor();
            }
            parameters.set(thetaOld);
            return new Diagnostics(false, config.maxBacktracks(), 0, 0, 0, expectedImprovement, fullStepKl,
                    surrogateBefore, gradientNorm, cg.iterations(), cg.residualNorm());
        } catch (RuntimeException e) {
            parameters.set(thetaOld);   // never leave a half-updated policy behind
            throw e;
        }
    }

    private static void requireFinite(NDArray advantages) {
        double[] values;
        try (NDArray copy = advantages.toType(DataType.FLOAT64, true)) {
            values = copy.toDoubleArray();
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidArgumentException("advantages", "advantages[" + i + "] = " + values[i] + " is not finite");
            }
        }
    }

    /** L = mean_b exp(ln π(a_b|s_b) − ln π_old(a_b|s_b)) · Â_b. */
    static NDArray surrogate(DjlDistribution distribution, NDArray actions, NDArray oldLogProb, NDArray advantages) {
        NDArray ratio = distribution.logProb(actions).sub(oldLogProb).exp();
        return ratio.mul(advantages).mean();
    }

    private static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }
}
