package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * Pareto (type I) distribution with scale x_m &gt; 0 and shape α &gt; 0 on [x_m, ∞) (PyTorch's
 * {@code Pareto(scale, alpha)}, SciPy's {@code pareto(b=α, scale=x_m)}).
 * <pre>
 *   ln p(x) = ln α + α ln x_m − (α + 1) ln x   (x ≥ x_m)        H = ln(x_m/α) + 1/α + 1
 *   mean α x_m/(α − 1) for α &gt; 1 (else +∞),  variance x_m² α/((α − 1)²(α − 2)) for α &gt; 2 (else +∞)
 * </pre>
 * {@code logProb} below x_m is −∞. Sampling by inversion: x_m e^(E/α) with E standard exponential.
 */
public final class Pareto implements Distribution {
    private final double scale;
    private final double alpha;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param scale x_m &gt; 0, finite: the lower end of the support
     * @param alpha α &gt; 0, finite: the tail index
     */
    public Pareto(double scale, double alpha) {
        this.scale = Checks.positive("scale", scale);
        this.alpha = Checks.positive("alpha", alpha);
    }

    /**
     * Returns Pareto(scale, alpha).
     *
     * @param scale x_m &gt; 0, finite: the lower end of the support
     * @param alpha α &gt; 0, finite: the tail index
     * @return Pareto(scale, alpha)
     */
    public static Pareto of(double scale, double alpha) {
        return new Pareto(scale, alpha);
    }

    /** {@return x_m &gt; 0, the lower end of the support, in the units of x} */
    public double scale() {
        return scale;
    }

    /** {@return the tail index α &gt; 0 (dimensionless): P(X &gt; x) = (x_m/x)^α} */
    public double alpha() {
        return alpha;
    }

    @Override
    public String name() {
        return "pareto";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        if (x[0] < scale) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log(alpha) + alpha * Math.log(scale) - (alpha + 1) * Math.log(x[0]);
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        return new double[] {scale * Math.exp(rng.nextExponential() / alpha)};
    }

    @Override
    public double entropy() {
        return Math.log(scale / alpha) + 1 / alpha + 1;
    }

    @Override
    public double[] mean() {
        return new double[] {alpha > 1 ? alpha * scale / (alpha - 1) : Double.POSITIVE_INFINITY};
    }

    @Override
    public double[] variance() {
        if (alpha <= 2) {
            return new double[] {Double.POSITIVE_INFINITY};
        }
        double r = scale / (alpha - 1);
        return new double[] {r * r * alpha / (alpha - 2)};
    }

    @Override
    public String toString() {
        return "Pareto(scale=" + scale + ", alpha=" + alpha + ")";
    }
}
