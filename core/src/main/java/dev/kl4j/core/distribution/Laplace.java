package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * Laplace distribution with location μ and scale b &gt; 0 on ℝ.
 * <pre>
 *   ln p(x) = −|x − μ| / b − ln(2b)        H = 1 + ln(2b)        mean μ, variance 2b²
 * </pre>
 * Sampling: μ + b (E₁ − E₂) with E₁, E₂ independent standard exponentials. Source: PyTorch's
 * {@code torch.distributions.Laplace(loc, scale)} (b is the scale, not the standard deviation √2·b).
 */
public final class Laplace implements Distribution {
    private final double loc;
    private final double scale;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param loc   μ, finite
     * @param scale b &gt; 0, finite
     */
    public Laplace(double loc, double scale) {
        this.loc = Checks.finite("loc", loc);
        this.scale = Checks.positive("scale", scale);
    }

    /**
     * Returns Laplace(loc, scale).
     *
     * @param loc μ, finite
     * @param scale b &gt; 0, finite
     * @return Laplace(loc, scale)
     */
    public static Laplace of(double loc, double scale) {
        return new Laplace(loc, scale);
    }

    /** {@return the location m (the mean and median), in the units of x} */
    public double loc() {
        return loc;
    }

    /** {@return the scale b &gt; 0, in the units of x: E|X − m| = b and the standard deviation is √2 b} */
    public double scale() {
        return scale;
    }

    @Override
    public String name() {
        return "laplace";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        return -Math.abs(x[0] - loc) / scale - Math.log(2 * scale);
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        return new double[] {loc + scale * (rng.nextExponential() - rng.nextExponential())};
    }

    @Override
    public double entropy() {
        return 1 + Math.log(2 * scale);
    }

    @Override
    public double[] mean() {
        return new double[] {loc};
    }

    @Override
    public double[] variance() {
        return new double[] {2 * scale * scale};
    }

    @Override
    public String toString() {
        return "Laplace(loc=" + loc + ", scale=" + scale + ")";
    }
}
