package dev.kl4j.ppo.algo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import dev.kl4j.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's parameters seen as one flat vector θ ∈ ℝⁿ (the parameters in list order, each row-major),
 * the form in which TRPO's conjugate gradient and line search work: read θ, write θ, read ∇θ.
 * Reading and writing happen on the host in double precision; writing a vector read earlier restores the
 * parameters bit for bit (float32 → double → float32 is exact).
 */
public final class ParameterVector {
    private final List<NDArray> arrays;
    private final int size;

    private ParameterVector(List<NDArray> arrays, int size) {
        this.arrays = arrays;
        this.size = size;
    }

    /**
     * {@return the flat view}
     *
     * @param parameters the parameters, all floating point and initialised
     */
    public static ParameterVector of(ParameterList parameters) {
        List<NDArray> arrays = new ArrayList<>();
        long size = 0;
        for (Parameter p : parameters.values()) {
            NDArray a = p.getArray();
            if (a.getDataType() != DataType.FLOAT32 && a.getDataType() != DataType.FLOAT64) {
                throw new InvalidArgumentException("parameters", "parameter " + p.getName() + " has data type "
                        + a.getDataType() + "; only float32 and float64 are supported");
            }
            arrays.add(a);
            size += a.size();
        }
        if (size > Integer.MAX_VALUE) {
            throw new InvalidArgumentException("parameters", "more than 2^31 parameters");
        }
        return new ParameterVector(arrays, (int) size);
    }

    /** {@return true if the parameters are float64 (else float32)} */
    public boolean isDouble() {
        return arrays.stream().allMatch(a -> a.getDataType() == DataType.FLOAT64);
    }

    /** {@return n, the number of scalar parameters} */
    public int size() {
        return size;
    }

    /** {@return θ, a copy} */
    public double[] values() {
        double[] out = new double[size];
        int offset = 0;
        for (NDArray a : arrays) {
            offset = copyToHost(a, out, offset);
        }
        return out;
    }

    /**
     * Writes θ into the parameters, in the order of {@link #values()}.
     *
     * @param theta the new parameters, length n; written into the live arrays (no autograd history)
     */
    public void set(double[] theta) {
        if (theta.length != size) {
            throw new InvalidArgumentException("theta", "theta has length " + theta.length + " but there are " + size + " parameters");
        }
        int offset = 0;
        for (NDArray a : arrays) {
            int n = (int) a.size();
            if (a.getDataType() == DataType.FLOAT64) {
                double[] chunk = new double[n];
                System.arraycopy(theta, offset, chunk, 0, n);
                a.set(chunk);
            } else {
                float[] chunk = new float[n];
                for (int i = 0; i < n; i++) {
                    chunk[i] = (float) theta[offset + i];
                }
                a.set(chunk);
            }
            offset += n;
        }
    }

    /** {@return ∇θ as accumulated by the last backward passes (zeros for a parameter without a gradient)} */
    public double[] gradient() {
        double[] out = new double[size];
        int offset = 0;
        for (NDArray a : arrays) {
            try (NDArray g = a.getGradient()) {
                offset = copyToHost(g, out, offset);
            }
        }
        return out;
    }

    /** Sets every parameter's gradient to 0 (DJL accumulates gradients across backward passes). */
    public void zeroGradients() {
        for (NDArray a : arrays) {
            try (NDArray g = a.getGradient()) {
                g.subi(g);
            }
        }
    }

    private static int copyToHost(NDArray a, double[] out, int offset) {
        if (a.getDataType() == DataType.FLOAT64) {
            double[] v = a.toDoubleArray();
            System.arraycopy(v, 0, out, offset, v.length);
            return offset + v.length;
        }
        float[] v = a.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            out[offset + i] = v[i];
        }
        return offset + v.length;
    }
}
