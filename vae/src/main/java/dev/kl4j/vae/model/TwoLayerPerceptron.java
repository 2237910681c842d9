package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * {@code y = relu(x Waᵀ + ba) Wbᵀ + bb}: the network inside both default parts ({@link MlpEncoder},
 * {@link MlpDecoder}), two {@link Linear} layers with PyTorch's {@code nn.Linear} layout and
 * initialisation, drawn in the order Wa, ba, Wb, bb.
 */
final class TwoLayerPerceptron {
    private final String[] names;
    private final NDArray wa;
    private final NDArray ba;
    private final NDArray wb;
    private final NDArray bb;

    private TwoLayerPerceptron(String[] names, NDArray wa, NDArray ba, NDArray wb, NDArray bb) {
        this.names = names;
        this.wa = wa;
        this.ba = ba;
        this.wb = wb;
        this.bb = bb;
    }

    /**
     * @param names  the four parameter names, in the order Wa, ba, Wb, bb
     * @param rng    source of the initial values
     */
    static TwoLayerPerceptron create(NDManager manager, int in, int hidden, int out, RandomGenerator rng,
            String... names) {
        NDArray wa = Linear.uniform(manager, rng, new Shape(hidden, in), in);
        NDArray ba = Linear.uniform(manager, rng, new Shape(hidden), in);
        NDArray wb = Linear.uniform(manager, rng, new Shape(out, hidden), hidden);
        NDArray bb = Linear.uniform(manager, rng, new Shape(out), hidden);
        return new TwoLayerPerceptron(names.clone(), wa, ba, wb, bb);
    }

    NDArray apply(NDArray x) {
        NDArray h = Activation.relu(Linear.apply(x, wa, ba));
        return Linear.apply(h, wb, bb);
    }

    Map<String, NDArray> parameters() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(names[0], wa);
        p.put(names[1], ba);
        p.put(names[2], wb);
        p.put(names[3], bb);
        return p;
    }
}
