package dev.kl4j.ppo.algo;

import dev.kl4j.core.InvalidArgumentException;

/**
 * The coefficient β of a KL penalty to a reference policy, fixed or adapted towards a target KL by the
 * proportional controller of Ziegler et al. (2019, "Fine-Tuning Language Models from Human Preferences",
 * section 2.2; TRL's {@code AdaptiveKLController}):
 * <pre>
 *   e = clip(KL / KL_target − 1, −0.2, 0.2),     β ← β · (1 + e · n / horizon)
 * </pre>
 * where KL is the mean per-step KL(π ‖ π_ref) measured on the last rollout and n the number of steps in
 * it. The clip bounds how fast β moves (at most ±20% per horizon of steps).
 */
public final class AdaptiveKlController {
    private final double target;
    private final double horizon;
    private double beta;

    private AdaptiveKlController(double beta, double target, double horizon) {
        this.beta = beta;
        this.target = target;
        this.horizon = horizon;
    }

    /**
     * {@return a controller that never changes β}
     *
     * @param beta β (&gt;= 0)
     */
    public static AdaptiveKlController fixed(double beta) {
        requireBeta(beta);
        return new AdaptiveKlController(beta, Double.NaN, Double.NaN);
    }

    /**
     * {@return an adaptive controller}
     *
     * @param initialBeta β at the start (&gt; 0)
     * @param target      the KL the controller steers to (&gt; 0)
     * @param horizon     steps over which a full ±20% correction happens (TRL: 10000)
     */
    public static AdaptiveKlController adaptive(double initialBeta, double target, double horizon) {
        requireBeta(initialBeta);
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new InvalidArgumentException("target", "KL target = " + target + " must be finite and > 0");
        }
        if (!(horizon > 0) || Double.isInfinite(horizon)) {
            throw new InvalidArgumentException("horizon", "horizon = " + horizon + " must be finite and > 0");
        }
        return new AdaptiveKlController(initialBeta, target, horizon);
    }

    /** {@return whether β adapts} */
    public boolean isAdaptive() {
        return !Double.isNaN(target);
    }

    /** {@return the current β} */
    public double beta() {
        return beta;
    }

    /**
     * Moves β after a rollout (no change when fixed): e = clip(meanKl / target − 1, −0.2, 0.2),
     * β ← β · (1 + e · steps / horizon) (Ziegler et al. 2019; TRL's {@code AdaptiveKLController.update}).
     *
     * @param meanKl mean per-step KL(π ‖ π_ref) of the rollout
     * @param steps  n, steps in the rollout
     * @return the new β
     */
    public double update(double meanKl, long steps) {
        if (!isAdaptive()) {
            return beta;
        }
        if (Double.isNaN(meanKl)) {
            throw new InvalidArgumentException("meanKl", "the measured KL is NaN");
        }
        double error = Math.max(-0.2, Math.min(0.2, meanKl / target - 1));   // Ziegler et al. 2019, sec. 2.2
        beta *= 1 + error * steps / horizon;
        return beta;
    }

    /**
     * Restores β (from a checkpoint).
     *
     * @param value β
     */
    public void setBeta(double value) {
        requireBeta(value);
        beta = value;
    }

    private static void requireBeta(double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new InvalidArgumentException("beta", "beta = " + beta + " must be finite and >= 0");
        }
    }
}
