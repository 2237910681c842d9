package dev.kl4j.ppo.env;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;

/**
 * A box {@code low[i] <= x[i] <= high[i]} of real vectors, as Gymnasium's {@code spaces.Box}.
 * Unbounded sides are {@code ±Double.MAX_VALUE} or infinities as the environment documents them.
 *
 * <p>Gymnasium stores the bounds in float32; the environments of this package give the float32 bounds
 * widened to double (for example {@code (double) 0.07f} for MountainCarContinuous's speed), so that a
 * bound compares exactly with Gymnasium's. The arrays are copied on the way in and out.
 *
 * @param low  lower bounds, one per dimension
 * @param high upper bounds, same length, {@code low[i] <= high[i]}
 */
public record Box(double[] low, double[] high) implements Space {

    /**
     * Checks lengths and order, and copies the bounds.
     *
     * @param low lower bounds, one per dimension
     * @param high upper bounds, same length, {@code low[i] <= high[i]}
     */
    public Box {
        if (low == null || high == null) {
            throw new InvalidArgumentException(low == null ? "low" : "high", "Box bounds must not be null");
        }
        if (low.length != high.length || low.length == 0) {
            throw new InvalidArgumentException("high", "Box needs low and high of the same positive length, got "
                    + low.length + " and " + high.length);
        }
        for (int i = 0; i < low.length; i++) {
            if (Double.isNaN(low[i]) || Double.isNaN(high[i]) || low[i] > high[i]) {
                throw new InvalidArgumentException("low", "Box needs low[" + i + "] <= high[" + i + "], got "
                        + low[i] + " and " + high[i]);
            }
        }
        low = low.clone();
        high = high.clone();
    }

    /**
     * A box with the same bounds in every dimension.
     *
     * @param low       lower bound
     * @param high      upper bound
     * @param dimension number of dimensions
     * @return the box
     */
    public static Box uniform(double low, double high, int dimension) {
        double[] lo = new double[dimension];
        double[] hi = new double[dimension];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new Box(lo, hi);
    }

    /**
     * The box {@code −high[i] <= x[i] <= high[i]}.
     *
     * @param high upper bounds, at least 0
     * @return the box
     */
    public static Box symmetric(double... high) {
        double[] low = new double[high.length];
        for (int i = 0; i < high.length; i++) {
            low[i] = -high[i];
        }
        return new Box(low, high);
    }

    /** {@return a copy of the lower bounds} */
    @Override
    public double[] low() {
        return low.clone();
    }

    /** {@return a copy of the upper bounds} */
    @Override
    public double[] high() {
        return high.clone();
    }

    /** {@return the number of dimensions} */
    public int dimension() {
        return low.length;
    }

    /**
     * Returns whether {@code x} has this box's dimension and lies inside it.
     *
     * @param x a vector
     * @return whether {@code x} has this box's dimension and lies inside it
     */
    public boolean contains(double[] x) {
        if (x == null || x.length != low.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= low[i] && x[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Clips each coordinate into the box, as {@code np.clip(x, low, high)}.
     *
     * @param x a vector of this box's dimension
     * @return a new clipped vector
     */
    public double[] clip(double[] x) {
        if (x == null || x.length != low.length) {
            throw new InvalidArgumentException("x", "clip needs a vector of dimension " + low.length);
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.min(Math.max(x[i], low[i]), high[i]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "Box(low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ")";
    }
}
