package dev.kl4j.ppo.algo;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Locale;

/**
 * How the per-step KL(π ‖ π_ref) of the reference penalty is measured at a visited state s_t with the
 * action a_t ~ π that was taken, ln r = ln π_ref(a_t|s_t) − ln π(a_t|s_t) (Schulman, "Approximating KL
 * Divergence", 2020; TRL's {@code kl_penalty} options "kl" and "full").
 */
public enum ReferenceKlEstimator {
    /** k1 = −ln r = ln π(a_t|s_t) − ln π_ref(a_t|s_t): unbiased, can be negative (TRL's default "kl"). */
    K1,
    /** k3 = (r − 1) − ln r: unbiased and ≥ 0. */
    K3,
    /** The closed form KL(π(·|s_t) ‖ π_ref(·|s_t)) over all actions (TRL's "full"). */
    EXACT;

    /**
     * @param name k1, k3 or exact
     * @return the estimator
     */
    public static ReferenceKlEstimator parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidArgumentException("ref-kl-estimator", "unknown estimator '" + name
                    + "'; known: k1, k3, exact");
        }
    }
}
