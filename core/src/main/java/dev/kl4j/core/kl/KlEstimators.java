package dev.kl4j.core.kl;

import dev.kl4j.core.ArgumentChecks;
import dev.kl4j.core.StableMath;
import java.util.function.DoubleUnaryOperator;

/**
 * Schulman's Monte Carlo estimators of KL(q ‖ p) ("Approximating KL Divergence", 2020) from log-ratios
 * {@code logRatio[i] = ln p(x_i) − ln q(x_i)} with x_i ~ q. With r = p(x)/q(x):
 * <pre>
 *   k1 = −ln r            unbiased; high variance; single samples can be negative
 *   k2 = ½ (ln r)²        biased (its mean is an f-divergence that agrees with KL to second order as
 *                         p → q); low variance; always ≥ 0
 *   k3 = (r − 1) − ln r   unbiased (E_q[r − 1] = 0); always ≥ 0; low variance when p ≈ q
 * </pre>
 * PPO implementations log k1 as {@code old_approx_kl} and k3 as {@code approx_kl} (CleanRL); GRPO
 * penalises with k3. Each estimate is the sample mean with standard error = sample sd (n − 1) / √n.
 * k3 is computed as e^{ln r} − 1 − ln r by {@link StableMath#expm1MinusX} (a series for |ln r| &lt; 0.1),
 * which keeps its relative precision when r ≈ 1, where {@code expm1(ln r) − ln r} cancels.
 * A log-ratio of −∞ (p(x) = 0) gives k1 = k3 = +∞; NaN is rejected.
 */
public final class KlEstimators {
    private KlEstimators() {
    }

    /**
     * {@return the k1 estimate (1/n) Σ_i −ln r_i of KL(q ‖ p), unbiased, with its standard error (class
     * comment; Schulman 2020); +∞ if some ln r_i = −∞}
     *
     * @param logRatio ln p(x) − ln q(x) for samples x ~ q
     */
    public static Estimate k1(double[] logRatio) {
        return mean(logRatio, lr -> -lr);
    }

    /**
     * {@return the k2 estimate (1/n) Σ_i ½ (ln r_i)² of KL(q ‖ p), biased but ≥ 0, with its standard error
     * (class comment; Schulman 2020); +∞ if some ln r_i = −∞}
     *
     * @param logRatio ln p(x) − ln q(x) for samples x ~ q
     */
    public static Estimate k2(double[] logRatio) {
        return mean(logRatio, lr -> 0.5 * lr * lr);
    }

    /**
     * {@return the k3 estimate (1/n) Σ_i [(r_i − 1) − ln r_i] of KL(q ‖ p), unbiased and ≥ 0, with its
     * standard error (class comment; Schulman 2020); +∞ if some ln r_i = −∞}
     *
     * @param logRatio ln p(x) − ln q(x) for samples x ~ q
     */
    public static Estimate k3(double[] logRatio) {
        return mean(logRatio, StableMath::expm1MinusX);
    }

    /** Sample mean and standard error of f(logRatio[i]) (Welford's one-pass update). */
    static Estimate mean(double[] logRatio, DoubleUnaryOperator f) {
        ArgumentChecks.nonEmpty("logRatio", logRatio, "a sample of log-ratios");
        int n = logRatio.length;
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < n; i++) {
            ArgumentChecks.notNaN(ArgumentChecks.entry("logRatio", i), logRatio[i]);
            double v = f.applyAsDouble(logRatio[i]);
            if (Double.isInfinite(v)) {
                return new Estimate(v, 0, n);
            }
            double delta = v - mean;
            mean += delta / (i + 1);
            m2 += delta * (v - mean);
        }
        double se = n > 1 ? Math.sqrt(m2 / (n - 1) / n) : Double.NaN;
        return new Estimate(mean, se, n);
    }
}
