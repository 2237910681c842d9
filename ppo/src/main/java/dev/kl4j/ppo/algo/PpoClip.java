package dev.kl4j.ppo.algo;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlDistribution;
import dev.kl4j.core.djl.DjlScalars;
import dev.kl4j.core.djl.DjlScopes;

/**
 * PPO's clipped surrogate objective (Schulman et al. 2017, "Proximal Policy Optimization Algorithms",
 * eq. 7), as a loss to minimise:
 * <pre>
 *   L^CLIP(θ) = −Ê_t[ min( r_t(θ)·Â_t,  clip(r_t(θ), 1 − ε, 1 + ε)·Â_t ) ],   r_t = π_θ(a_t|s_t) / π_old(a_t|s_t)
 * </pre>
 * The minimum makes the objective a pessimistic bound: moving r_t outside [1 − ε, 1 + ε] in the
 * direction the advantage favours earns nothing, moving it the other way is still penalised. CleanRL
 * writes it as {@code max(−Â·r, −Â·clip(r))}, the same number.
 */
public final class PpoClip implements PolicyObjective {
    private final double clipRange;

    private PpoClip(double clipRange) {
        this.clipRange = clipRange;
    }

    /**
     * {@return the objective}
     *
     * @param clipRange ε &gt; 0 (the paper's best: 0.2)
     */
    public static PpoClip of(double clipRange) {
        if (!(clipRange > 0) || Double.isInfinite(clipRange)) {
            throw new InvalidArgumentException("clipRange", "clipRange = " + clipRange + " must be finite and > 0");
        }
        return new PpoClip(clipRange);
    }

    @Override
    public NDArray loss(RolloutTensors.Minibatch minibatch, DjlDistribution current, NDArray ratio) {
        return clippedSurrogateLoss(ratio, minibatch.advantages(), clipRange);
    }

    @Override
    public double clipRange() {
        return clipRange;
    }

    /**
     * −mean(min(r·Â, clip(r, 1 − ε, 1 + ε)·Â)), eq. 7 negated; Ê_t is the mean over the rows (CleanRL's
     * {@code pg_loss}, Stable-Baselines3's {@code policy_loss}).
     *
     * @param ratio      r, {@code [B]}
     * @param advantages Â, {@code [B]}
     * @param clipRange  ε
     * @return the scalar loss
     */
    public static NDArray clippedSurrogateLoss(NDArray ratio, NDArray advantages, double clipRange) {
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray unclipped = ratio.mul(advantages);
            // clip with bounds passed as Java numbers to torch.clamp (kept as c10::Scalar, not as a tensor)
            NDArray clipped = ratio.clip(1 - clipRange, 1 + clipRange).mul(advantages);
            return unclipped.minimum(clipped).mean().neg();
        });
    }

    /**
     * The fraction of rows with |r − 1| &gt; ε, i.e. whose ratio lies outside [1 − ε, 1 + ε] (CleanRL's
     * {@code clipfrac}), a diagnostic: no gradient flows through it.
     *
     * @param ratio     r, {@code [B]}
     * @param clipRange ε
     * @return the fraction in [0, 1]
     */
    public static double clipFraction(NDArray ratio, double clipRange) {
        try (NDArray outside = DjlScopes.withIntermediatesClosed(() -> {
            NDArray deviation = ratio.stopGradient().sub(DjlScalars.of(ratio, 1f)).abs();
            return deviation.gt(clipRange).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean();
        })) {
            return outside.getFloat();
        }
    }
}
