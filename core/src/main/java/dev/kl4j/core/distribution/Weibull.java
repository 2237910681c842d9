package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Weibull distribution with scale λ &gt; 0 and concentration (shape) k &gt; 0 on [0, ∞) (PyTorch's
 * {@code Weibull(scale, concentration)}, SciPy's {@code weibull_min(c=k, scale=λ)}).
 * <pre>
 *   ln p(x) = ln(k/λ) + (k − 1) ln(x/λ) − (x/λ)^k        H = γ(1 − 1/k) + ln(λ/k) + 1
 *   mean λ Γ(1 + 1/k),  variance λ² [Γ(1 + 2/k) − Γ(1 + 1/k)²]
 * </pre>
 * A {@link Transformed} distribution: X = e^(−G) with G ~ Gumbel(−ln λ, 1/k) (P(X ≤ x) =
 * 1 − exp(−(x/λ)^k)), so KL between Weibulls is the Gumbel KL of the bases, which equals the closed form
 * of Bauckhage (2013, arXiv:1310.3713). Sampling: λ E^(1/k) with E standard exponential.
 */
public final class Weibull implements Transformed {
    private final double scale;
    private final double concentration;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param scale         λ &gt; 0, finite
     * @param concentration k &gt; 0, finite
     */
    public Weibull(double scale, double concentration) {
        this.scale = Checks.positive("scale", scale);
        this.concentration = Checks.positive("concentration", concentration);
    }

    /**
     * Returns Weibull(scale, concentration).
     *
     * @param scale λ &gt; 0, finite
     * @param concentration k &gt; 0, finite
     * @return Weibull(scale, concentration)
     */
    public static Weibull of(double scale, double concentration) {
        return new Weibull(scale, concentration);
    }

    /** {@return the scale λ &gt; 0, in the units of x (the 63.2% quantile)} */
    public double scale() {
        return scale;
    }

    /** {@return the shape k &gt; 0 (dimensionless); k = 1 is the exponential with rate 1/λ} */
    public double concentration() {
        return concentration;
    }

    @Override
    public Gumbel base() {
        return new Gumbel(-Math.log(scale), 1 / concentration);
    }

    @Override
    public Bijection bijection() {
        return Bijection.EXP_NEG;
    }

    @Override
    public String name() {
        return "weibull";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        if (x[0] < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = x[0] / scale;
        double logTerm = concentration == 1 ? 0 : (concentration - 1) * Math.log(z);
        return Math.log(concentration / scale) + logTerm - Math.pow(z, concentration);
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        return new double[] {scale * Math.pow(rng.nextExponential(), 1 / concentration)};
    }

    @Override
    public double entropy() {
        return Gumbel.EULER_GAMMA * (1 - 1 / concentration) + Math.log(scale / concentration) + 1;
    }

    @Override
    public double[] mean() {
        return new double[] {scale * Math.exp(LogGamma.value(1 + 1 / concentration))};
    }

    @Override
    public double[] variance() {
        double g1 = Math.exp(LogGamma.value(1 + 1 / concentration));
        double g2 = Math.exp(LogGamma.value(1 + 2 / concentration));
        return new double[] {scale * scale * (g2 - g1 * g1)};
    }

    @Override
    public String toString() {
        return "Weibull(scale=" + scale + ", concentration=" + concentration + ")";
    }
}
