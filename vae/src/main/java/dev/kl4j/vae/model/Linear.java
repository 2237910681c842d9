package dev.kl4j.vae.model;

import dev.kl4j.core.djl.DjlOwnedArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/**
 * The fully connected layer of the hand-written MLPs: y = x Wᵀ + b with PyTorch's {@code nn.Linear}
 * layout ({@code W} is {@code [out, in]}) and default initialisation (W and b uniform on ±1/√in).
 * One native call ({@code linear}) per layer, no {@code Block} machinery.
 */
final class Linear {
    private Linear() {
    }

    /**
     * {@return x Wᵀ + b, {@code [..., out]}}
     *
     * @param x input {@code [..., in]}
     * @param w weight {@code [out, in]}
     * @param b bias {@code [out]}
     */
    static NDArray apply(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
    }

    /**
     * A trainable array drawn uniformly on ±1/√fanIn (PyTorch's {@code nn.Linear.reset_parameters} for
     * both the weight and the bias), in row-major order from {@code rng}.
     *
     * @param manager owner
     * @param rng     source of the values
     * @param shape   {@code [out, in]} for a weight, {@code [out]} for a bias
     * @param fanIn   the layer's input size
     * @return the parameter, outside any step scope, with a gradient attached
     */
    static NDArray uniform(NDManager manager, RandomGenerator rng, Shape shape, long fanIn) {
        int size = Math.toIntExact(shape.size());
        float[] values = new float[size];
        double bound = 1 / Math.sqrt(fanIn);
        for (int k = 0; k < size; k++) {
            values[k] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        NDArray p = DjlOwnedArrays.create(manager, values, shape);
        NDScope.unregister(p); // parameters outlive any step scope
        p.setRequiresGradient(true);
        return p;
    }
}
