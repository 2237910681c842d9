package dev.kl4j.ppo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import dev.kl4j.core.InvalidArgumentException;
import java.util.random.RandomGenerator;

/**
 * Orthogonal weight initialisation (Saxe, McClelland &amp; Ganguli 2014, "Exact solutions to the
 * nonlinear dynamics of learning in deep linear neural networks"), as PyTorch's
 * {@code nn.init.orthogonal_} does it and as the PPO implementations use it (OpenAI Baselines, CleanRL:
 * gain √2 for hidden layers, 0.01 for the policy head, 1 for the value head; biases 0).
 *
 * <p>For a weight of shape {@code [rows, cols]} (DJL's and PyTorch's {@code [out, in]}): draw a Gaussian
 * matrix G of shape {@code [max, min]} (rows and cols sorted), take its QR decomposition G = QR with
 * the signs fixed so that diag R &gt; 0 (PyTorch multiplies Q by sign(diag R); without it Q would not be
 * uniformly distributed over the orthogonal matrices, Mezzadri 2007), transpose Q back to
 * {@code [rows, cols]} if rows &lt; cols, and scale by the gain. The rows (or columns, whichever are
 * fewer) are then orthonormal times the gain.
 *
 * <p>The QR factor with positive diagonal is unique, and modified Gram–Schmidt on the columns of G
 * produces exactly it; it is computed here in double precision with one re-orthogonalisation pass
 * ("twice is enough", Giraud et al. 2005). The Gaussian entries come from the Java generator, so the
 * same seed gives the same weights on every engine (not PyTorch's numbers: its generator differs).
 *
 * <p>Usable as a DJL {@link Initializer} on a user's own block:
 * {@code block.setInitializer(OrthogonalInitializer.of(Math.sqrt(2), rng), Parameter.Type.WEIGHT)}.
 */
public final class OrthogonalInitializer implements Initializer {
    /** Gain of hidden layers, √2 (the ReLU gain, which the PPO implementations also use with tanh). */
    public static final double HIDDEN_GAIN = Math.sqrt(2.0);
    /**
     * Gain of the policy's output layer: small initial logits or means, so the initial policy is close to uniform or
     * centred.
     */
    public static final double ACTOR_HEAD_GAIN = 0.01;
    /** Gain of the value function's output layer. */
    public static final double CRITIC_HEAD_GAIN = 1.0;

    private final double gain;
    private final RandomGenerator rng;

    private OrthogonalInitializer(double gain, RandomGenerator rng) {
        this.gain = gain;
        this.rng = rng;
    }

    /**
     * {@return an initializer}
     *
     * @param gain the scale of the orthonormal rows or columns, finite and positive
     * @param rng  the random source, consumed at each {@link #initialize} call
     */
    public static OrthogonalInitializer of(double gain, RandomGenerator rng) {
        if (!(gain > 0) || Double.isInfinite(gain)) {
            throw new InvalidArgumentException("gain", "gain must be finite and positive, got " + gain);
        }
        return new OrthogonalInitializer(gain, rng);
    }

    /**
     * A gain-scaled random orthogonal matrix, row-major {@code [rows, cols]}: gain · Q from the sign-fixed QR
     * of a Gaussian matrix, as the class comment describes (PyTorch's {@code nn.init.orthogonal_}).
     *
     * @param rows number of rows (output units)
     * @param cols number of columns (input units)
     * @param gain scale
     * @param rng  random source
     * @return {@code rows·cols} values, row-major
     */
    public static double[] orthogonal(int rows, int cols, double gain, RandomGenerator rng) {
        if (rows <= 0 || cols <= 0) {
            throw new InvalidArgumentException("rows", "an orthogonal matrix needs positive rows and cols, got "
                    + rows + "x" + cols);
        }
        int tall = Math.max(rows, cols);
        int narrow = Math.min(rows, cols);
        // q[j] is column j of the tall [tall, narrow] matrix; Gaussian, then orthonormalised in place.
        double[][] q = new double[narrow][tall];
        for (int i = 0; i < tall; i++) {
            for (int j = 0; j < narrow; j++) {
                q[j][i] = rng.nextGaussian();
            }
        }
        for (int j = 0; j < narrow; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = dot(q[k], q[j]);
                    for (int i = 0; i < tall; i++) {
                        q[j][i] -= dot * q[k][i];
                    }
                }
            }
            double norm = Math.sqrt(dot(q[j], q[j]));   // R_jj > 0: the sign-corrected factor
            for (int i = 0; i < tall; i++) {
                q[j][i] /= norm;
            }
        }
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // rows ≥ cols: W = Q (column c of Q at row r); rows < cols: W = Qᵀ.
                double value = rows >= cols ? q[c][r] : q[r][c];
                out[r * cols + c] = gain * value;
            }
        }
        return out;
    }

    /**
     * {@return the initial weights}
     *
     * @param manager  owner of the new array
     * @param shape    {@code [rows, cols]}, or higher rank flattened as PyTorch does ({@code [shape[0], rest]})
     * @param dataType floating data type
     */
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (shape.dimension() < 2) {
            throw new InvalidArgumentException("shape", "orthogonal initialisation needs at least 2 dimensions, got " + shape);
        }
        int rows = (int) shape.get(0);
        int cols = (int) (shape.size() / rows);
        double[] values = orthogonal(rows, cols, gain, rng);
        if (dataType == DataType.FLOAT64) {
            return manager.create(values, shape);
        }
        try (NDArray asDouble = manager.create(values, shape)) {
            return asDouble.toType(dataType, true);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
