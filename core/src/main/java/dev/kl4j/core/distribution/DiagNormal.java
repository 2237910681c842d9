package dev.kl4j.core.distribution;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Multivariate normal with diagonal covariance, N(loc, diag(scale²)): a product of independent
 * {@link Normal}s (PyTorch: {@code Independent(Normal(loc, scale), 1)}).
 * <pre>
 *   ln p(x) = Σ_i [ −(x_i − μ_i)² / (2σ_i²) − ln σ_i − ½ ln 2π ]        H = Σ_i ½ ln(2πe σ_i²)
 * </pre>
 * Mean μ, variance σ² per coordinate. Sampling: μ_i + σ_i Z_i with independent Z_i from
 * {@link RandomGenerator#nextGaussian()}.
 */
public final class DiagNormal implements Distribution {
    private final double[] loc;
    private final double[] scale;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param loc   means μ, finite, non-empty
     * @param scale standard deviations σ_i &gt; 0, same length as {@code loc}
     */
    public DiagNormal(double[] loc, double[] scale) {
        this.loc = Checks.finite("loc", loc);
        this.scale = Checks.positive("scale", scale);
        Checks.sameLength("loc", loc, "scale", scale);
    }

    /**
     * Returns N(loc, diag(scale²)).
     *
     * @param loc means μ, finite, non-empty
     * @param scale standard deviations σ_i &gt; 0, same length as {@code loc}
     * @return N(loc, diag(scale²))
     */
    public static DiagNormal of(double[] loc, double[] scale) {
        return new DiagNormal(loc, scale);
    }

    /** {@return a copy of the per-coordinate means μ_i, in the units of x} */
    public double[] loc() {
        return loc.clone();
    }

    /** {@return a copy of the per-coordinate standard deviations σ_i &gt; 0 (not variances), in the units of x} */
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public String name() {
        return "diag_normal";
    }

    @Override
    public int eventSize() {
        return loc.length;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, loc.length);
        double s = 0;
        for (int i = 0; i < loc.length; i++) {
            double z = (x[i] - loc[i]) / scale[i];
            s += -0.5 * z * z - Math.log(scale[i]) - Normal.HALF_LOG_TWO_PI;
        }
        return s;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        double[] x = new double[loc.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = loc[i] + scale[i] * rng.nextGaussian();
        }
        return x;
    }

    @Override
    public double entropy() {
        double h = 0;
        for (double s : scale) {
            h += 0.5 + Normal.HALF_LOG_TWO_PI + Math.log(s);
        }
        return h;
    }

    @Override
    public double[] mean() {
        return loc.clone();
    }

    @Override
    public double[] variance() {
        double[] v = new double[scale.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale[i] * scale[i];
        }
        return v;
    }

    @Override
    public String toString() {
        return "DiagNormal(loc=" + Arrays.toString(loc) + ", scale=" + Arrays.toString(scale) + ")";
    }
}
