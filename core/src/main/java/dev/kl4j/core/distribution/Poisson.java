package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;

/**
 * Poisson distribution with rate λ &gt; 0 on {0, 1, 2, …}.
 * <pre>
 *   ln p(k) = k ln λ − λ − ln Γ(k + 1)        mean = variance = λ
 * </pre>
 * The entropy has no closed form (PyTorch does not implement it); it is summed term by term,
 * H = −Σ_k p(k) ln p(k), over k ≤ λ + 40√λ + 40 (the tail beyond is below 1e-300) for λ ≤ 1e4, and taken
 * from the asymptotic series ½ ln(2πeλ) − 1/(12λ) − 1/(24λ²) − 19/(360λ³) above (truncation error
 * O(λ⁻⁴) &lt; 1e-15 there, below the rounding error of the sum).
 * {@code logProb} of a negative or non-integer point is −∞. Sampling: Commons RNG {@link PoissonSampler}.
 * Source: PyTorch's {@code torch.distributions.Poisson(rate)} (log-mass, mean, variance).
 */
public final class Poisson implements Distribution {
    private final double rate;

    /**
     * Creates Poisson(λ); a bad rate throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param rate λ &gt; 0, finite
     */
    public Poisson(double rate) {
        this.rate = Checks.positive("rate", rate);
    }

    /**
     * Returns Poisson(rate).
     *
     * @param rate λ &gt; 0, finite
     * @return Poisson(rate)
     */
    public static Poisson of(double rate) {
        return new Poisson(rate);
    }

    /** {@return the rate λ &gt; 0: the mean (and variance) of the count per interval} */
    public double rate() {
        return rate;
    }

    @Override
    public String name() {
        return "poisson";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        double k = x[0];
        if (k < 0 || k != Math.rint(k) || Double.isInfinite(k)) {
            return Double.NEGATIVE_INFINITY;
        }
        return logPmf(k);
    }

    private double logPmf(double k) {
        return k * Math.log(rate) - rate - LogGamma.value(k + 1);
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        UniformRandomProvider provider = rng::nextLong;
        return new double[] {PoissonSampler.of(provider, rate).sample()};
    }

    @Override
    public double entropy() {
        if (rate > 1e4) {
            double r = rate;
            return 0.5 * Math.log(2 * Math.PI * Math.E * r) - 1 / (12 * r) - 1 / (24 * r * r) - 19 / (360 * r * r * r);
        }
        long upper = (long) Math.ceil(rate + 40 * Math.sqrt(rate) + 40);
        double h = 0;
        for (long k = 0; k <= upper; k++) {
            double lp = logPmf(k);
            h -= Math.exp(lp) * lp;
        }
        return h;
    }

    @Override
    public double[] mean() {
        return new double[] {rate};
    }

    @Override
    public double[] variance() {
        return new double[] {rate};
    }

    @Override
    public String toString() {
        return "Poisson(rate=" + rate + ")";
    }
}
