package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Inverse-gamma distribution: 1/X for X ~ Gamma(α, β) (rate β), on (0, ∞) (PyTorch's
 * {@code InverseGamma(concentration, rate)}, SciPy's {@code invgamma(a=α, scale=β)}).
 * <pre>
 *   ln p(x) = α ln β − ln Γ(α) − (α + 1) ln x − β/x        H = α + ln β + ln Γ(α) − (1 + α) ψ(α)
 *   mean β/(α − 1) for α &gt; 1 (else +∞),  variance β²/((α − 1)²(α − 2)) for α &gt; 2 (else +∞)
 * </pre>
 * A {@link Transformed} distribution (reciprocal of {@link #base()}), so KL between inverse gammas is the
 * gamma KL of the bases. Sampling: 1 / (a {@link Gamma} sample).
 */
public final class InverseGamma implements Transformed {
    private final Gamma base;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param concentration α &gt; 0, finite
     * @param rate          β &gt; 0, finite (the scale of the inverse gamma)
     */
    public InverseGamma(double concentration, double rate) {
        this.base = new Gamma(concentration, rate);
    }

    /**
     * Returns InverseGamma(concentration, rate).
     *
     * @param concentration α &gt; 0, finite
     * @param rate β &gt; 0, finite (the scale of the inverse gamma)
     * @return InverseGamma(concentration, rate)
     */
    public static InverseGamma of(double concentration, double rate) {
        return new InverseGamma(concentration, rate);
    }

    /** {@return the shape α &gt; 0 (dimensionless)} */
    public double concentration() {
        return base.concentration();
    }

    /** {@return β &gt; 0, the rate of the gamma 1/X and the scale of X, in the units of x} */
    public double rate() {
        return base.rate();
    }

    @Override
    public Gamma base() {
        return base;
    }

    @Override
    public Bijection bijection() {
        return Bijection.RECIPROCAL;
    }

    @Override
    public String name() {
        return "inverse_gamma";
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
        double a = base.concentration();
        double b = base.rate();
        return a * Math.log(b) - LogGamma.value(a) - (a + 1) * Math.log(x[0]) - b / x[0];
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        return new double[] {1 / base.sample(rng)[0]};
    }

    @Override
    public double entropy() {
        double a = base.concentration();
        return a + Math.log(base.rate()) + LogGamma.value(a) - (1 + a) * Digamma.value(a);
    }

    @Override
    public double[] mean() {
        double a = base.concentration();
        return new double[] {a > 1 ? base.rate() / (a - 1) : Double.POSITIVE_INFINITY};
    }

    @Override
    public double[] variance() {
        double a = base.concentration();
        if (a <= 2) {
            return new double[] {Double.POSITIVE_INFINITY};
        }
        double r = base.rate() / (a - 1);
        return new double[] {r * r / (a - 2)};
    }

    /** {@return E[ln X] = ln β − ψ(α)} */
    public double meanLog() {
        return Math.log(base.rate()) - Digamma.value(base.concentration());
    }

    @Override
    public String toString() {
        return "InverseGamma(concentration=" + base.concentration() + ", rate=" + base.rate() + ")";
    }
}
