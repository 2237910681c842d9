package dev.kl4j.ppo.algo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlScalars;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) with PyTorch's update ({@code torch.optim.Adam}, no weight decay), the
 * learning rate given at each step so that it can be annealed. At step t = 1, 2, ...:
 * <pre>
 *   m ← β1 m + (1 − β1) g,    v ← β2 v + (1 − β2) g²
 *   θ ← θ − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε)
 * </pre>
 * Defaults β1 = 0.9, β2 = 0.999; PPO implementations use ε = 1e-5 (CleanRL's ppo.py, Stable-Baselines3),
 * not PyTorch's 1e-8.
 *
 * <p>The update runs as one native call per parameter (DJL's {@code adamUpdate}), which computes
 * θ ← θ − lr_t · m / (√v + ε_t). DJL's own {@code Optimizer.adam()} passes lr_t = lr·√(1 − β2^t)/(1 − β1^t)
 * with ε unscaled, which is PyTorch's update with ε/√(1 − β2^t) in place of ε (31.6× larger at t = 1);
 * here ε_t = ε·√(1 − β2^t), which is PyTorch's update exactly. The moments are allocated up front in this
 * optimiser's own manager (an {@code NDScope} closes what is created inside it, so lazily created
 * state would be freed with the first step's scope) and can be read and restored for checkpoints.
 */
public final class Adam implements AutoCloseable {
    /** β1 = 0.9. */
    public static final float BETA1 = 0.9f;
    /** β2 = 0.999. */
    public static final float BETA2 = 0.999f;

    private final List<NDArray> parameters = new ArrayList<>();
    private final NDManager manager;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final float epsilon;
    private long t;

    private Adam(ParameterList parameters, double epsilon, NDManager parent) {
        this.epsilon = (float) epsilon;
        this.manager = parent.newSubManager();
        for (Pair<String, Parameter> p : parameters) {
            NDArray array = p.getValue().getArray();
            this.parameters.add(array);
            NDArray mi = manager.zeros(array.getShape(), array.getDataType());
            NDArray vi = manager.zeros(array.getShape(), array.getDataType());
            NDScope.unregister(mi, vi);
            m.add(mi);
            v.add(vi);
        }
    }

    /**
     * @param parameters the parameters to update (initialised, with gradients attached)
     * @param epsilon    ε &gt; 0 (PPO: 1e-5)
     * @param parent     manager that owns the moment arrays (through a sub-manager)
     * @return an optimiser at step 0
     */
    public static Adam create(ParameterList parameters, double epsilon, NDManager parent) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new InvalidArgumentException("epsilon", "Adam epsilon = " + epsilon + " must be finite and > 0");
        }
        return new Adam(parameters, epsilon, parent);
    }

    /**
     * One update from the current gradients, which are then zeroed (DJL accumulates gradients across
     * backward passes). Call it outside a step's {@code NDScope} or inside one: the parameters and
     * moments are updated in place.
     *
     * @param learningRate lr for this step (finite, &gt;= 0)
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

    /** @return steps taken so far, t */
    public long steps() {
        return t;
    }

    /** @return ε */
    public double epsilon() {
        return epsilon;
    }

    /** @return m then v of every parameter, copied, in parameter order ([2·P][...]) */
    public float[][] moments() {
        float[][] out = new float[2 * m.size()][];
        for (int i = 0; i < m.size(); i++) {
            out[2 * i] = m.get(i).toFloatArray();
            out[2 * i + 1] = v.get(i).toFloatArray();
        }
        return out;
    }

    /**
     * Restores a state read from {@link #steps()} and {@link #moments()} of an optimiser over parameters of
     * the same shapes.
     *
     * @param steps   t
     * @param moments m then v per parameter
     */
    public void restore(long steps, float[][] moments) {
        if (moments.length != 2 * m.size()) {
            throw new InvalidArgumentException("moments", "expected " + 2 * m.size() + " moment arrays, got "
                    + moments.length);
        }
        for (int i = 0; i < m.size(); i++) {
            overwrite(m.get(i), moments[2 * i]);
            overwrite(v.get(i), moments[2 * i + 1]);
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

    @Override
    public void close() {
        manager.close();
    }
}
