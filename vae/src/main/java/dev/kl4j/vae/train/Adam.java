package dev.kl4j.vae.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.vae.model.OwnedArrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) over an explicit parameter list, with PyTorch's defaults and update order
 * (β1 = 0.9, β2 = 0.999, ε = 1e-8, no weight decay). At step t = 1, 2, ...:
 * <pre>
 *   m ← β1 m + (1 − β1) g
 *   v ← β2 v + (1 − β2) g²
 *   θ ← θ − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
 * </pre>
 * The moments are created up front in this optimiser's own manager (never inside a step scope), so
 * {@link #step()} may run inside an {@code NDScope}: its temporaries are closed with the scope, the
 * parameters and moments are updated in place. The gradient of each parameter is zeroed after use
 * (DJL accumulates gradients across backward calls).
 */
public final class Adam implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final List<NDArray> parameters;
    private final NDManager manager;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final float learningRate;
    private long t;

    /**
     * Creates the optimiser and its zero first and second moments, one pair per parameter, in a sub-manager of {@code
     * parent}.
     *
     * @param parameters   the parameters to update, each with a gradient attached
     * @param learningRate lr &gt; 0
     * @param parent       manager to own the moments
     */
    public Adam(List<NDArray> parameters, double learningRate, NDManager parent) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidArgumentException("lr", "lr = " + learningRate + " must be finite and > 0");
        }
        this.parameters = List.copyOf(parameters);
        this.learningRate = (float) learningRate;
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
     * One update from the current gradients, then zeroes the gradients. The update runs in libtorch as
     * one fused native call per parameter (DJL's {@code adamUpdate}), which computes
     * θ ← θ − lr_t · m / (√v + ε_t); with lr_t = lr·√(1 − β2^t)/(1 − β1^t) and ε_t = ε·√(1 − β2^t) this
     * is exactly PyTorch's update above (passing ε unscaled would make ε up to 30× larger in early steps).
     */
    public void step() {
        t++;
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        float correctedRate = (float) (learningRate * Math.sqrt(bc2) / bc1);
        float correctedEps = (float) (EPS * Math.sqrt(bc2));
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            NDArray g = p.getGradient();
            p.getNDArrayInternal().adamUpdate(new NDList(p, g, m.get(i), v.get(i)), new NDList(p), learningRate,
                    correctedRate, 0f, 1f, -1f, BETA1, BETA2, correctedEps, true, false);
            g.muli(0f);
        }
    }

    /** {@return steps taken so far} */
    public long steps() {
        return t;
    }

    /** {@return copies of the first moments, in parameter order} */
    public float[][] firstMoments() {
        return copy(m);
    }

    /** {@return copies of the second moments, in parameter order} */
    public float[][] secondMoments() {
        return copy(v);
    }

    /**
     * Restores the state saved from another instance over parameters of the same shapes.
     *
     * @param steps         step count t
     * @param firstMoments  m, in parameter order
     * @param secondMoments v, in parameter order
     */
    public void restore(long steps, float[][] firstMoments, float[][] secondMoments) {
        if (firstMoments.length != m.size() || secondMoments.length != v.size()) {
            throw new InvalidArgumentException("moments", "expected " + m.size() + " moment arrays");
        }
        for (int i = 0; i < m.size(); i++) {
            m.set(i, replace(m.get(i), firstMoments[i]));
            v.set(i, replace(v.get(i), secondMoments[i]));
        }
        t = steps;
    }

    private NDArray replace(NDArray old, float[] values) {
        if (values.length != old.size()) {
            throw new InvalidArgumentException("moments", "moment array has " + values.length + " values, expected "
                    + old.size());
        }
        NDArray fresh = OwnedArrays.create(manager, values, old.getShape());
        NDScope.unregister(fresh);
        old.close();
        return fresh;
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
