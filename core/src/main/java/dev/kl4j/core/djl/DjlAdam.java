package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.kl4j.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) over an explicit parameter list with PyTorch's update
 * ({@code torch.optim.Adam}, no weight decay), the learning rate given at each step so that it can be
 * annealed. At step t = 1, 2, ...:
 * <pre>
 *   m ← β1 m + (1 − β1) g,    v ← β2 v + (1 − β2) g²
 *   θ ← θ − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε)
 * </pre>
 * β1 = 0.9, β2 = 0.999; ε is the caller's (PyTorch's default 1e-8; PPO codes use 1e-5).
 *
 * <p>The update runs as one fused native call per parameter (DJL's {@code adamUpdate}), which computes
 * θ ← θ − lr_t · m / (√v + ε_t). DJL's own {@code Optimizer.adam()} passes lr_t = lr·√(1 − β2^t)/(1 − β1^t)
 * with ε unscaled, which is PyTorch's update with ε/√(1 − β2^t) in place of ε (31.6× larger at t = 1);
 * here ε_t = ε·√(1 − β2^t), which is PyTorch's update exactly (checked step by step against PyTorch in
 * the VAE). The moments are allocated up front in this optimiser's own manager: an {@code NDScope}
 * closes what is created inside it, so lazily created state would be freed with the first step's scope.
 * {@link #step} may run inside or outside a scope; parameters and moments are updated in place, and the
 * gradients are zeroed after use (DJL accumulates gradients across backward passes).
 */
public final class DjlAdam implements AutoCloseable {
    /** β1 = 0.9. */
    public static final float BETA1 = 0.9f;
    /** β2 = 0.999. */
    public static final float BETA2 = 0.999f;

    private final List<NDArray> parameters;
    private final NDManager manager;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final float epsilon;
    private long t;

    private DjlAdam(List<NDArray> parameters, float epsilon, NDManager parent) {
        this.parameters = List.copyOf(parameters);
        this.epsilon = epsilon;
        this.manager = parent.newSubManager();
        for (NDArray p : this.parameters) {
            NDArray mi = manager.zeros(p.getShape(), p.getDataType());
            NDArray vi = manager.zeros(p.getShape(), p.getDataType());
            NDScope.unregister(mi, vi);
            m.add(mi);
            v.add(vi);
        }
    }

    /**
     * {@return an optimiser at step 0}
     *
     * @param parameters the parameters to update (initialised, with gradients attached)
     * @param epsilon    ε &gt; 0, used in float32
     * @param parent     manager that owns the moment arrays (through a sub-manager)
     * @throws InvalidArgumentException ({@code epsilon}) unless ε is finite and &gt; 0
     */
    public static DjlAdam create(List<NDArray> parameters, double epsilon, NDManager parent) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new InvalidArgumentException("epsilon", "Adam epsilon = " + epsilon + " must be finite and > 0");
        }
        return new DjlAdam(parameters, (float) epsilon, parent);
    }

    /**
     * One update of the class comment's rule (t ← t + 1, then the moment updates and the bias-corrected
     * step, as {@code torch.optim.Adam.step}) from the current gradients, which are then zeroed.
     *
     * @param learningRate lr for this step, finite and &gt;= 0
     * @throws InvalidArgumentException ({@code learningRate}) otherwise
     */
    public void step(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new InvalidArgumentException("learningRate", "learning rate = " + learningRate
                    + " must be finite and >= 0");
        }
        t++;
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        float correctedRate = (float) (learningRate * Math.sqrt(bc2) / bc1);
        float correctedEps = (float) (epsilon * Math.sqrt(bc2));
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            NDArray g = p.getGradient();
            p.getNDArrayInternal().adamUpdate(new NDList(p, g, m.get(i), v.get(i)), new NDList(p),
                    (float) learningRate, correctedRate, 0f, 1f, -1f, BETA1, BETA2, correctedEps, true, false);
            try (NDArray zero = DjlScalars.of(g, 0f)) {
                g.muli(zero);
            }
            g.close();
        }
    }

    /** {@return steps taken so far, t} */
    public long steps() {
        return t;
    }

    /** {@return ε} */
    public double epsilon() {
        return epsilon;
    }

    /** {@return copies of the first moments m, in parameter order} */
    public float[][] firstMoments() {
        return copy(m);
    }

    /** {@return copies of the second moments v, in parameter order} */
    public float[][] secondMoments() {
        return copy(v);
    }

    /**
     * Restores a state read from {@link #steps()}, {@link #firstMoments()} and {@link #secondMoments()} of an
     * optimiser over parameters of the same shapes.
     *
     * @param steps         t
     * @param firstMoments  m, in parameter order
     * @param secondMoments v, in parameter order
     * @throws InvalidArgumentException ({@code moments}) when the counts or sizes differ
     */
    public void restore(long steps, float[][] firstMoments, float[][] secondMoments) {
        if (firstMoments.length != m.size() || secondMoments.length != v.size()) {
            throw new InvalidArgumentException("moments", "expected " + m.size() + " first and " + v.size()
                    + " second moment arrays, got " + firstMoments.length + " and " + secondMoments.length);
        }
        for (int i = 0; i < m.size(); i++) {
            overwrite(m.get(i), firstMoments[i]);
            overwrite(v.get(i), secondMoments[i]);
        }
        t = steps;
    }

    private static void overwrite(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new InvalidArgumentException("moments", "a moment array has " + values.length + " values, expected "
                    + target.size());
        }
        target.set(values);
    }

    private static float[][] copy(List<NDArray> arrays) {
        float[][] out = new float[arrays.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = arrays.get(i).toFloatArray();
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
