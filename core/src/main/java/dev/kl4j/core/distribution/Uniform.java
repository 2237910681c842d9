package dev.kl4j.core.distribution;

import dev.kl4j.core.InvalidArgumentException;
import java.util.random.RandomGenerator;

/**
 * Continuous uniform distribution on [low, high), as PyTorch's
 * {@code torch.distributions.Uniform(low, high)} defines its support.
 * <pre>
 *   ln p(x) = −ln(high − low)  for low ≤ x &lt; high        H = ln(high − low)
 *   mean (low + high)/2, variance (high − low)²/12
 * </pre>
 * {@code logProb} outside [low, high) is −∞. Sampling: low + (high − low) U, U ∈ [0, 1).
 */
public final class Uniform implements Distribution {
    private final double low;
    private final double high;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param low  lower end, finite
     * @param high upper end, finite, &gt; low
     */
    public Uniform(double low, double high) {
        this.low = Checks.finite("low", low);
        this.high = Checks.finite("high", high);
        if (!(high > low)) {
            throw new InvalidArgumentException("high", "high = " + high + " must be > low = " + low);
        }
        if (!Double.isFinite(high - low)) {
            throw new InvalidArgumentException("high", "high - low overflows");
        }
    }

    /**
     * Returns Uniform(low, high).
     *
     * @param low lower end, finite
     * @param high upper end, finite, &gt; low
     * @return Uniform(low, high)
     */
    public static Uniform of(double low, double high) {
        return new Uniform(low, high);
    }

    /** {@return the lower end l of the support [l, h), in the units of x} */
    public double low() {
        return low;
    }

    /** {@return the upper end h &gt; l of the support [l, h), in the units of x} */
    public double high() {
        return high;
    }

    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        return x[0] >= low && x[0] < high ? -Math.log(high - low) : Double.NEGATIVE_INFINITY;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        double x = low + (high - low) * rng.nextDouble();
        return new double[] {x < high ? x : low};
    }

    @Override
    public double entropy() {
        return Math.log(high - low);
    }

    @Override
    public double[] mean() {
        return new double[] {0.5 * (low + high)};
    }

    @Override
    public double[] variance() {
        double w = high - low;
        return new double[] {w * w / 12};
    }

    @Override
    public String toString() {
        return "Uniform(low=" + low + ", high=" + high + ")";
    }
}
