package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * Log-normal distribution: X = e^Y with Y ~ N(μ, σ²), on (0, ∞) (PyTorch's {@code LogNormal(loc, scale)},
 * the parameters of ln X; SciPy's {@code lognorm(s=σ, scale=e^μ)}).
 * <pre>
 *   ln p(x) = −ln x − ln σ − ½ ln 2π − (ln x − μ)²/(2σ²)        H = μ + ½ + ln σ + ½ ln 2π
 *   mean e^(μ + σ²/2),  variance (e^(σ²) − 1) e^(2μ + σ²)
 * </pre>
 * {@code logProb} of a point ≤ 0 is −∞. A {@link Transformed} distribution: exp of {@link #base()}.
 */
public final class LogNormal implements Transformed {
    private final Normal base;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param loc   μ, the mean of ln X, finite
     * @param scale σ &gt; 0, the standard deviation of ln X
     */
    public LogNormal(double loc, double scale) {
        this.base = new Normal(loc, scale);
    }

    /**
     * Returns LogNormal(loc, scale).
     *
     * @param loc μ, the mean of ln X, finite
     * @param scale σ &gt; 0, the standard deviation of ln X
     * @return LogNormal(loc, scale)
     */
    public static LogNormal of(double loc, double scale) {
        return new LogNormal(loc, scale);
    }

    /** {@return μ, the mean of ln X (ln of the median), in log units of x} */
    public double loc() {
        return base.loc();
    }

    /** {@return σ &gt; 0, the standard deviation of ln X (dimensionless)} */
    public double scale() {
        return base.scale();
    }

    @Override
    public Normal base() {
        return base;
    }

    @Override
    public Bijection bijection() {
        return Bijection.EXP;
    }

    @Override
    public String name() {
        return "log_normal";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        if (x[0] <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double y = Math.log(x[0]);
        return base.logProb(new double[] {y}) - y;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        return new double[] {Math.exp(base.sample(rng)[0])};
    }

    @Override
    public double entropy() {
        return base.entropy() + base.loc();
    }

    @Override
    public double[] mean() {
        double s = base.scale();
        return new double[] {Math.exp(base.loc() + 0.5 * s * s)};
    }

    @Override
    public double[] variance() {
        double s2 = base.scale() * base.scale();
        return new double[] {Math.expm1(s2) * Math.exp(2 * base.loc() + s2)};
    }

    @Override
    public String toString() {
        return "LogNormal(loc=" + base.loc() + ", scale=" + base.scale() + ")";
    }
}
