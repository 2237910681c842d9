package dev.kl4j.ppo.algo;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlDistribution;
import dev.kl4j.core.djl.DjlScalars;
import dev.kl4j.core.djl.DjlScopes;

/**
 * PPO with an adaptive KL penalty (Schulman et al. 2017, "Proximal Policy Optimization Algorithms",
 * section 4), as a loss to minimise:
 * <pre>
 *   L^KLPEN(θ) = −Ê_t[ r_t(θ)·Â_t − β · KL(π_old(·|s_t) ‖ π_θ(·|s_t)) ]
 * </pre>
 * with the KL in closed form (the old and new policy are of one family, {@code DjlDistribution.kl}), not
 * an estimate from the sampled actions. After each update the mean KL d = Ê_t[KL(π_old ‖ π_θ)] moves β
 * ({@link #nextBeta}):
 * <pre>
 *   d &lt; d_targ / 1.5  →  β ← β / 2        d &gt; d_targ · 1.5  →  β ← β · 2
 * </pre>
 * The paper notes that 1.5 and 2 are heuristic and the algorithm is not very sensitive to them, nor to
 * the initial β. This object holds β between updates.
 */
public final class PpoKlPenalty implements PolicyObjective {
    /** Clip range at which the clip-fraction diagnostic is reported (nothing is clipped). */
    private static final double REPORTED_CLIP_RANGE = 0.2;

    private final double klTarget;
    private double beta;

    private PpoKlPenalty(double klTarget, double beta) {
        this.klTarget = klTarget;
        this.beta = beta;
    }

    /**
     * {@return the objective}
     *
     * @param klTarget d_targ &gt; 0 (the paper tries 0.003, 0.01, 0.03)
     * @param initialBeta β at the first update &gt; 0
     */
    public static PpoKlPenalty of(double klTarget, double initialBeta) {
        if (!(klTarget > 0) || Double.isInfinite(klTarget)) {
            throw new InvalidArgumentException("klTarget", "klTarget = " + klTarget + " must be finite and > 0");
        }
        if (!(initialBeta > 0) || Double.isInfinite(initialBeta)) {
            throw new InvalidArgumentException("beta", "beta = " + initialBeta + " must be finite and > 0");
        }
        return new PpoKlPenalty(klTarget, initialBeta);
    }

    @Override
    public NDArray loss(RolloutTensors.Minibatch minibatch, DjlDistribution current, NDArray ratio) {
        float b = (float) beta;
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray surrogate = ratio.mul(minibatch.advantages()).mean();
            NDArray kl = minibatch.oldDistribution().kl(current).mean();       // exact KL(π_old ‖ π_θ)
            return kl.mul(DjlScalars.of(kl, b)).sub(surrogate);
        });
    }

    @Override
    public double clipRange() {
        return REPORTED_CLIP_RANGE;
    }

    /** {@return the current β} */
    public double beta() {
        return beta;
    }

    /** {@return d_targ} */
    public double klTarget() {
        return klTarget;
    }

    /**
     * Applies the rule of {@link #nextBeta} after an update whose mean KL was {@code d}; the new β is kept and
     * returned.
     *
     * @param d mean KL(π_old ‖ π_θ) of the update just made
     * @return the β for the next update
     */
    public double adapt(double d) {
        beta = nextBeta(beta, d, klTarget);
        return beta;
    }

    /**
     * Restores β (from a checkpoint).
     *
     * @param value β &gt; 0
     */
    public void setBeta(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidArgumentException("beta", "beta = " + value + " must be finite and > 0");
        }
        beta = value;
    }

    /**
     * The paper's rule (section 4): halve β when d &lt; d_targ/1.5, double it when d &gt; 1.5·d_targ,
     * else keep it.
     *
     * @param beta     β
     * @param d        measured mean KL
     * @param klTarget d_targ
     * @return the next β
     */
    public static double nextBeta(double beta, double d, double klTarget) {
        if (Double.isNaN(d)) {
            throw new InvalidArgumentException("d", "the measured KL is NaN");
        }
        if (d < klTarget / 1.5) {
            return beta / 2;
        }
        if (d > klTarget * 1.5) {
            return beta * 2;
        }
        return beta;
    }
}
