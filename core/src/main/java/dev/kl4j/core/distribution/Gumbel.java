package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * Gumbel (type I extreme value, maximum) distribution with location μ and scale β &gt; 0 on the reals
 * (PyTorch's {@code Gumbel(loc, scale)}, SciPy's {@code gumbel_r}).
 * <pre>
 *   z = (x − μ)/β:   ln p(x) = −ln β − z − e^(−z)        H = ln β + γ + 1
 *   mean μ + βγ,  variance π²β²/6                       (γ = Euler's constant 0.5772…)
 * </pre>
 * Sampling by inversion: μ − β ln(−ln U), U uniform on (0, 1).
 */
public final class Gumbel implements Distribution {
    /** Euler–Mascheroni constant γ. */
    static final double EULER_GAMMA = 0.57721566490153286061;

    private final double loc;
    private final double scale;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param loc   μ, finite (the mode)
     * @param scale β &gt; 0, finite
     */
    public Gumbel(double loc, double scale) {
        this.loc = Checks.finite("loc", loc);
        this.scale = Checks.positive("scale", scale);
    }

    /**
     * Returns Gumbel(loc, scale).
     *
     * @param loc μ, finite (the mode)
     * @param scale β &gt; 0, finite
     * @return Gumbel(loc, scale)
     */
    public static Gumbel of(double loc, double scale) {
        return new Gumbel(loc, scale);
    }

    /** {@return the location μ (the mode), in the units of x} */
    public double loc() {
        return loc;
    }

    /** {@return the scale β &gt; 0, in the units of x} */
    public double scale() {
        return scale;
    }

    @Override
    public String name() {
        return "gumbel";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        double z = (x[0] - loc) / scale;
        return -Math.log(scale) - z - Math.exp(-z);
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        double u;
        do {
            u = rng.nextDouble();
        } while (u == 0);
        return new double[] {loc - scale * Math.log(-Math.log(u))};
    }

    @Override
    public double entropy() {
        return Math.log(scale) + EULER_GAMMA + 1;
    }

    @Override
    public double[] mean() {
        return new double[] {loc + scale * EULER_GAMMA};
    }

    @Override
    public double[] variance() {
        return new double[] {Math.PI * Math.PI * scale * scale / 6};
    }

    @Override
    public String toString() {
        return "Gumbel(loc=" + loc + ", scale=" + scale + ")";
    }
}
