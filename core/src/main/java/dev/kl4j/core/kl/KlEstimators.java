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
     * @param logRatio ln p(x) − ln q(x) for samples x ~ q
     * @return mean of −ln r
     */
    public static Estimate k1(double[] logRatio) {
        return mean(logRatio, lr -> -lr);
    }

    /**
     * @param logRatio ln p(x) − ln q(x) for samples x ~ q
     * @return mean of ½ (ln r)²
     */
    public static Estimate k2(double[] logRatio) {
        return mean(logRatio, lr -> 0.5 * lr * lr);
    }

    /**
     * @param logRatio ln p(x) − ln q(x) for samples x ~ q
     * @return mean of (r − 1) − ln r
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
