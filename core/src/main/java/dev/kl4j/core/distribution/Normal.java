package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * Univariate normal N(loc, scale²).
 * <pre>
 *   ln p(x) = −(x − μ)² / (2σ²) − ln σ − ½ ln 2π        H = ½ ln(2πe σ²)
 * </pre>
 * Support: all reals; mean μ, variance σ². Sampling: μ + σ·Z with Z from
 * {@link RandomGenerator#nextGaussian()}. Source: PyTorch's {@code torch.distributions.Normal(loc, scale)}
 * (σ is the standard deviation, as in SciPy's {@code norm(loc, scale)}).
 */
public final class Normal implements Distribution {
    static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final double loc;
    private final double scale;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param loc   the mean μ, finite
     * @param scale the standard deviation σ &gt; 0, finite
     */
    public Normal(double loc, double scale) {
        this.loc = Checks.finite("loc", loc);
        this.scale = Checks.positive("scale", scale);
    }

    /**
     * Returns N(loc, scale²).
     *
     * @param loc the mean μ, finite
     * @param scale the standard deviation σ &gt; 0, finite
     * @return N(loc, scale²)
     */
    public static Normal of(double loc, double scale) {
        return new Normal(loc, scale);
    }

    /** {@return the standard normal N(0, 1)} */
    public static Normal standard() {
        return new Normal(0, 1);
    }

    /** {@return the mean μ, in the units of x} */
    public double loc() {
        return loc;
    }

    /** {@return the standard deviation σ &gt; 0 (not the variance σ²), in the units of x} */
    public double scale() {
        return scale;
    }

    @Override
    public String name() {
        return "normal";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        double z = (x[0] - loc) / scale;
        return -0.5 * z * z - Math.log(scale) - HALF_LOG_TWO_PI;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        return new double[] {loc + scale * rng.nextGaussian()};
    }

    @Override
    public double entropy() {
        return 0.5 + HALF_LOG_TWO_PI + Math.log(scale);
    }

    @Override
    public double[] mean() {
        return new double[] {loc};
    }

    @Override
    public double[] variance() {
        return new double[] {scale * scale};
    }

    @Override
    public String toString() {
        return "Normal(loc=" + loc + ", scale=" + scale + ")";
    }
}
