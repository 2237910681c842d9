package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * Exponential distribution with rate λ &gt; 0 on [0, ∞).
 * <pre>
 *   ln p(x) = ln λ − λx  (x ≥ 0)        H = 1 − ln λ        mean 1/λ, variance 1/λ²
 * </pre>
 * {@code logProb} of a negative point is −∞. Sampling: {@link RandomGenerator#nextExponential()} / λ.
 * Source: PyTorch's {@code torch.distributions.Exponential(rate)}; SciPy's {@code expon(scale=1/λ)}.
 */
public final class Exponential implements Distribution {
    private final double rate;

    /**
     * Creates Exponential(λ); a bad rate throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param rate λ &gt; 0, finite
     */
    public Exponential(double rate) {
        this.rate = Checks.positive("rate", rate);
    }

    /**
     * Returns Exponential(rate).
     *
     * @param rate λ &gt; 0, finite
     * @return Exponential(rate)
     */
    public static Exponential of(double rate) {
        return new Exponential(rate);
    }

    /** {@return the rate λ &gt; 0, in events per unit of x: the mean is 1/λ, in the units of x} */
    public double rate() {
        return rate;
    }

    @Override
    public String name() {
        return "exponential";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        return x[0] < 0 ? Double.NEGATIVE_INFINITY : Math.log(rate) - rate * x[0];
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        return new double[] {rng.nextExponential() / rate};
    }

    @Override
    public double entropy() {
        return 1 - Math.log(rate);
    }

    @Override
    public double[] mean() {
        return new double[] {1 / rate};
    }

    @Override
    public double[] variance() {
        return new double[] {1 / (rate * rate)};
    }

    @Override
    public String toString() {
        return "Exponential(rate=" + rate + ")";
    }
}
