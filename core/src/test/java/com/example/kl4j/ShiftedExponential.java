package com.example.kl4j;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.Distribution;
import java.util.random.RandomGenerator;

/**
 * A family defined outside kl4j (the "Extend it" example of the core README): the exponential
 * distribution shifted to start at s,
 * <pre>
 *   ln p(x) = ln λ − λ(x − s)  for x ≥ s        H = 1 − ln λ        mean s + 1/λ, variance 1/λ²
 * </pre>
 */
public final class ShiftedExponential implements Distribution {
    private final double shift;
    private final double rate;

    /**
     * @param shift s, finite: the lower end of the support
     * @param rate  λ &gt; 0
     */
    public ShiftedExponential(double shift, double rate) {
        if (!Double.isFinite(shift)) {
            throw new InvalidArgumentException("shift", "shift = " + shift + " must be finite");
        }
        if (!(rate > 0 && Double.isFinite(rate))) {
            throw new InvalidArgumentException("rate", "rate = " + rate + " must be > 0");
        }
        this.shift = shift;
        this.rate = rate;
    }

    /** @return s, the lower end of the support */
    public double shift() {
        return shift;
    }

    /** @return λ &gt; 0 */
    public double rate() {
        return rate;
    }

    @Override
    public String name() {
        return "shifted_exponential";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        return x[0] < shift ? Double.NEGATIVE_INFINITY : Math.log(rate) - rate * (x[0] - shift);
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        return new double[] {shift + rng.nextExponential() / rate};
    }

    @Override
    public double entropy() {
        return 1 - Math.log(rate);
    }

    @Override
    public double[] mean() {
        return new double[] {shift + 1 / rate};
    }

    @Override
    public double[] variance() {
        return new double[] {1 / (rate * rate)};
    }
}
