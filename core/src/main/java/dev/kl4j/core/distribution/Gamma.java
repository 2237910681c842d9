package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;

/**
 * Gamma distribution with concentration α &gt; 0 and <em>rate</em> β &gt; 0 (PyTorch's
 * {@code torch.distributions.Gamma(concentration, rate)}; the scale is 1/β, SciPy's
 * {@code gamma(a=α, scale=1/β)}) on (0, ∞).
 * <pre>
 *   ln p(x) = α ln β + (α − 1) ln x − βx − ln Γ(α)
 *   H = α − ln β + ln Γ(α) + (1 − α) ψ(α)        mean α/β, variance α/β²
 * </pre>
 * {@code logProb} of a negative point is −∞; at x = 0 it is the limit (+∞ for α &lt; 1, ln β for α = 1,
 * −∞ for α &gt; 1). Sampling: Commons RNG {@link AhrensDieterMarsagliaTsangGammaSampler}.
 */
public final class Gamma implements Distribution {
    private final double concentration;
    private final double rate;
    private final double logNormalizer;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param concentration α &gt; 0, finite
     * @param rate          β &gt; 0, finite
     */
    public Gamma(double concentration, double rate) {
        this.concentration = Checks.positive("concentration", concentration);
        this.rate = Checks.positive("rate", rate);
        this.logNormalizer = concentration * Math.log(rate) - LogGamma.value(concentration);
    }

    /**
     * Returns Gamma(concentration, rate).
     *
     * @param concentration α &gt; 0, finite
     * @param rate β &gt; 0, finite
     * @return Gamma(concentration, rate)
     */
    public static Gamma of(double concentration, double rate) {
        return new Gamma(concentration, rate);
    }

    /** {@return the shape α &gt; 0 (dimensionless); the density is β^α x^(α−1) e^(−βx) / Γ(α)} */
    public double concentration() {
        return concentration;
    }

    /** {@return the rate β &gt; 0, in inverse units of x (the scale is 1/β): the mean is α/β} */
    public double rate() {
        return rate;
    }

    /** {@return E[ln X] = ψ(α) − ln β} */
    public double meanLog() {
        return Digamma.value(concentration) - Math.log(rate);
    }

    @Override
    public String name() {
        return "gamma";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        double v = x[0];
        if (v < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double logTerm = concentration == 1 ? 0 : (concentration - 1) * Math.log(v);
        return logNormalizer + logTerm - rate * v;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        UniformRandomProvider provider = rng::nextLong;
        return new double[] {AhrensDieterMarsagliaTsangGammaSampler.of(provider, concentration, 1 / rate).sample()};
    }

    @Override
    public double entropy() {
        return concentration - Math.log(rate) + LogGamma.value(concentration)
                + (1 - concentration) * Digamma.value(concentration);
    }

    @Override
    public double[] mean() {
        return new double[] {concentration / rate};
    }

    @Override
    public double[] variance() {
        return new double[] {concentration / (rate * rate)};
    }

    @Override
    public String toString() {
        return "Gamma(concentration=" + concentration + ", rate=" + rate + ")";
    }
}
