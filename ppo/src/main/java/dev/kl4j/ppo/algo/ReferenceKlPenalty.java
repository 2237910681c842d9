package dev.kl4j.ppo.algo;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlDistribution;
import dev.kl4j.core.djl.DjlKlEstimators;
import dev.kl4j.core.djl.DjlScopes;
import dev.kl4j.ppo.policy.Policy;

/**
 * A KL penalty to a frozen reference policy π_ref, applied to the reward of every step as in RLHF
 * (Ziegler et al. 2019, eq. 2; Stiennon et al. 2020; TRL's PPO trainer):
 * <pre>
 *   r'_t = r_t − β · KL̂_t,      KL̂_t ≈ KL(π(·|s_t) ‖ π_ref(·|s_t))
 * </pre>
 * with KL̂_t from the action a_t ~ π taken ({@link ReferenceKlEstimator#K1} = ln π(a_t|s_t) − ln
 * π_ref(a_t|s_t), {@link ReferenceKlEstimator#K3} = (ρ − 1) − ln ρ with ρ = π_ref(a_t|s_t)/π(a_t|s_t)) or
 * in closed form over all actions ({@link ReferenceKlEstimator#EXACT}). β is fixed or follows
 * {@link AdaptiveKlController}. Because the penalty is part of the reward, it works with any of the
 * policy updates (PPO-clip, PPO-KL, TRPO): the advantages see it, the update itself is unchanged.
 */
public final class ReferenceKlPenalty {
    private final Policy reference;
    private final ReferenceKlEstimator estimator;
    private final AdaptiveKlController controller;

    private ReferenceKlPenalty(Policy reference, ReferenceKlEstimator estimator, AdaptiveKlController controller) {
        this.reference = reference;
        this.estimator = estimator;
        this.controller = controller;
    }

    /**
     * {@return the penalty}
     *
     * @param reference  π_ref (never updated; its parameters get no optimiser)
     * @param estimator  how the per-step KL is measured
     * @param controller β's rule
     */
    public static ReferenceKlPenalty of(Policy reference, ReferenceKlEstimator estimator,
            AdaptiveKlController controller) {
        if (reference == null || estimator == null || controller == null) {
            throw new InvalidArgumentException("reference", "reference policy, estimator and controller are required");
        }
        return new ReferenceKlPenalty(reference, estimator, controller);
    }

    /**
     * The per-step KL estimates KL̂_t of one vector step (no gradient), estimating KL(π ‖ π_ref) at s_t:
     * K1 = ln π(a_t|s_t) − ln π_ref(a_t|s_t), K3 = (ρ − 1) − ln ρ with ρ = π_ref(a_t|s_t)/π(a_t|s_t)
     * (Schulman 2020's k1, k3 with samples from π), EXACT = the closed form {@code current.kl(ref)}.
     *
     * @param current      π(·|s_t) for the batch (as used to sample)
     * @param observations s_t, {@code [N, O]}
     * @param actions      a_t, as sampled from {@code current}
     * @return KL̂_t per environment
     */
    public double[] perStepKl(DjlDistribution current, NDArray observations, NDArray actions) {
        NDArray kl = DjlScopes.withIntermediatesClosed(() -> {
            DjlDistribution ref = reference.distribution(observations);
            return switch (estimator) {
                case EXACT -> current.kl(ref);
                case K1 -> current.logProb(actions).sub(ref.logProb(actions));
                // the estimators' convention: logRatio = ln π_ref(a) − ln π(a) for a ~ π estimates KL(π ‖ π_ref)
                case K3 -> DjlKlEstimators.k3(ref.logProb(actions).sub(current.logProb(actions)));
            };
        });
        try (kl) {
            float[] f = kl.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
    }

    /** {@return the controller holding β} */
    public AdaptiveKlController controller() {
        return controller;
    }

    /** {@return the estimator} */
    public ReferenceKlEstimator estimator() {
        return estimator;
    }
}
