package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * Half-normal distribution |X| for X ~ N(0, σ²), on [0, ∞) (PyTorch's {@code HalfNormal(scale)}).
 * <pre>
 *   ln p(x) = ln 2 − x²/(2σ²) − ln σ − ½ ln 2π   (x ≥ 0)        H = ½ ln(πeσ²/2)
 *   mean σ √(2/π),  variance σ² (1 − 2/π)
 * </pre>
 * {@code logProb} of a negative point is −∞. Sampling: |σ Z|.
 */
public final class HalfNormal implements Distribution {
    private final double scale;

    /**
     * Creates HalfNormal(σ); a bad scale throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param scale σ &gt; 0, finite: the scale of the normal that is folded
     */
    public HalfNormal(double scale) {
        this.scale = Checks.positive("scale", scale);
    }

    /**
     * Returns HalfNormal(scale).
     *
     * @param scale σ &gt; 0, finite: the scale of the normal that is folded
     * @return HalfNormal(scale)
     */
    public static HalfNormal of(double scale) {
        return new HalfNormal(scale);
    }

    /** {@return σ &gt; 0, the standard deviation of the folded normal N(0, σ²), in the units of x} */
    public double scale() {
        return scale;
    }

    /** {@return the folded normal N(0, σ²)} */
    public Normal base() {
        return new Normal(0, scale);
    }

    @Override
    public String name() {
        return "half_normal";
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
        return Math.log(2) - 0.5 * z * z - Math.log(scale) - Normal.HALF_LOG_TWO_PI;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        return new double[] {Math.abs(scale * rng.nextGaussian())};
    }

    @Override
    public double entropy() {
        return 0.5 * Math.log(Math.PI * Math.E / 2) + Math.log(scale);
    }

    @Override
    public double[] mean() {
        return new double[] {scale * Math.sqrt(2 / Math.PI)};
    }

    @Override
    public double[] variance() {
        return new double[] {scale * scale * (1 - 2 / Math.PI)};
    }

    @Override
    public String toString() {
        return "HalfNormal(scale=" + scale + ")";
    }
}
