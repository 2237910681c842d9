package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;

/**
 * Beta distribution on [0, 1] with {@code concentration1} = α &gt; 0 and {@code concentration0} = β &gt; 0
 * (PyTorch's {@code torch.distributions.Beta(concentration1, concentration0)}; SciPy's {@code beta(a=α, b=β)}).
 * <pre>
 *   ln p(x) = (α − 1) ln x + (β − 1) ln(1 − x) − ln B(α, β)
 *   H = ln B(α, β) − (α − 1) ψ(α) − (β − 1) ψ(β) + (α + β − 2) ψ(α + β)
 *   mean α/(α+β), variance αβ / ((α+β)²(α+β+1))
 * </pre>
 * {@code logProb} outside [0, 1] is −∞ (at the end points it is the limit, possibly ±∞).
 * Sampling: Commons RNG {@link ChengBetaSampler}.
 */
public final class Beta implements Distribution {
    private final double alpha;
    private final double beta;
    private final double logBeta;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param concentration1 α &gt; 0, finite
     * @param concentration0 β &gt; 0, finite
     */
    public Beta(double concentration1, double concentration0) {
        this.alpha = Checks.positive("concentration1", concentration1);
        this.beta = Checks.positive("concentration0", concentration0);
        this.logBeta = LogBeta.value(alpha, beta);
    }

    /**
     * Returns Beta(concentration1, concentration0).
     *
     * @param concentration1 α &gt; 0, finite
     * @param concentration0 β &gt; 0, finite
     * @return Beta(concentration1, concentration0)
     */
    public static Beta of(double concentration1, double concentration0) {
        return new Beta(concentration1, concentration0);
    }

    /** {@return the concentration α &gt; 0 on x (dimensionless; density ∝ x^(α−1) (1−x)^(β−1))} */
    public double concentration1() {
        return alpha;
    }

    /** {@return the concentration β &gt; 0 on 1 − x (dimensionless; density ∝ x^(α−1) (1−x)^(β−1))} */
    public double concentration0() {
        return beta;
    }

    /** {@return E[ln X] = ψ(α) − ψ(α + β)} */
    public double meanLog() {
        return Digamma.value(alpha) - Digamma.value(alpha + beta);
    }

    /** {@return E[ln(1 − X)] = ψ(β) − ψ(α + β)} */
    public double meanLog1m() {
        return Digamma.value(beta) - Digamma.value(alpha + beta);
    }

    @Override
    public String name() {
        return "beta";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        double v = x[0];
        if (v < 0 || v > 1) {
            return Double.NEGATIVE_INFINITY;
        }
        double a = alpha == 1 ? 0 : (alpha - 1) * Math.log(v);
        double b = beta == 1 ? 0 : (beta - 1) * Math.log1p(-v);
        return a + b - logBeta;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        UniformRandomProvider provider = rng::nextLong;
        return new double[] {ChengBetaSampler.of(provider, alpha, beta).sample()};
    }

    @Override
    public double entropy() {
        return logBeta - (alpha - 1) * Digamma.value(alpha) - (beta - 1) * Digamma.value(beta)
                + (alpha + beta - 2) * Digamma.value(alpha + beta);
    }

    @Override
    public double[] mean() {
        return new double[] {alpha / (alpha + beta)};
    }

    @Override
    public double[] variance() {
        double s = alpha + beta;
        return new double[] {alpha * beta / (s * s * (s + 1))};
    }

    @Override
    public String toString() {
        return "Beta(concentration1=" + alpha + ", concentration0=" + beta + ")";
    }
}
