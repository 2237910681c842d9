package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * Cauchy distribution with location μ and scale γ &gt; 0 on the reals (PyTorch's {@code Cauchy(loc, scale)}).
 * <pre>
 *   ln p(x) = −ln(πγ) − ln(1 + ((x − μ)/γ)²)        H = ln(4πγ)
 * </pre>
 * The mean does not exist ({@link #mean()} is NaN, as in PyTorch) and the variance is +∞. Sampling by
 * inversion: μ + γ tan(π(U − ½)).
 */
public final class Cauchy implements Distribution {
    private final double loc;
    private final double scale;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param loc   μ, finite (the median and mode)
     * @param scale γ &gt; 0, finite (the half width at half maximum)
     */
    public Cauchy(double loc, double scale) {
        this.loc = Checks.finite("loc", loc);
        this.scale = Checks.positive("scale", scale);
    }

    /**
     * Returns Cauchy(loc, scale).
     *
     * @param loc μ, finite (the median and mode)
     * @param scale γ &gt; 0, finite (the half width at half maximum)
     * @return Cauchy(loc, scale)
     */
    public static Cauchy of(double loc, double scale) {
        return new Cauchy(loc, scale);
    }

    /** {@return the location μ (median), in the units of x} */
    public double loc() {
        return loc;
    }

    /** {@return the scale γ &gt; 0 (half width at half maximum), in the units of x} */
    public double scale() {
        return scale;
    }

    @Override
    public String name() {
        return "cauchy";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        double z = (x[0] - loc) / scale;
        return -Math.log(Math.PI * scale) - Math.log1p(z * z);
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        return new double[] {loc + scale * Math.tan(Math.PI * (rng.nextDouble() - 0.5))};
    }

    @Override
    public double entropy() {
        return Math.log(4 * Math.PI * scale);
    }

    /** {@return NaN: the Cauchy distribution has no mean} */
    @Override
    public double[] mean() {
        return new double[] {Double.NaN};
    }

    /** {@return +∞} */
    @Override
    public double[] variance() {
        return new double[] {Double.POSITIVE_INFINITY};
    }

    @Override
    public String toString() {
        return "Cauchy(loc=" + loc + ", scale=" + scale + ")";
    }
}
