package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The default decoder, pytorch/examples' VAE decoder written with one native call per layer:
 * <pre>
 *   g = relu(z W3ᵀ + b3);   out = g W4ᵀ + b4            (logits, or the logits of the Gaussian mean)
 * </pre>
 * Parameters, by name: {@code w3 [hidden, latent]}, {@code b3}, {@code w4 [in, hidden]}, {@code b4};
 * initialised as PyTorch's {@code nn.Linear} (see {@link Linear}).
 */
public final class MlpDecoder implements Decoder {
    private final NDArray w3;
    private final NDArray b3;
    private final NDArray w4;
    private final NDArray b4;

    private MlpDecoder(NDArray w3, NDArray b3, NDArray w4, NDArray b4) {
        this.w3 = w3;
        this.b3 = b3;
        this.w4 = w4;
        this.b4 = b4;
    }

    /**
     * @param manager   owner of the parameters
     * @param latent    latent dimensions
     * @param hidden    hidden units
     * @param inputSize pixels per image
     * @param rng       source of the initial weights, drawn in the order w3, b3, w4, b4
     * @return the decoder
     */
    public static MlpDecoder create(NDManager manager, int latent, int hidden, int inputSize, RandomGenerator rng) {
        NDArray w3 = Linear.uniform(manager, rng, new Shape(hidden, latent), latent);
        NDArray b3 = Linear.uniform(manager, rng, new Shape(hidden), latent);
        NDArray w4 = Linear.uniform(manager, rng, new Shape(inputSize, hidden), hidden);
        NDArray b4 = Linear.uniform(manager, rng, new Shape(inputSize), hidden);
        return new MlpDecoder(w3, b3, w4, b4);
    }

    @Override
    public NDArray decode(NDArray z) {
        NDArray g = Activation.relu(Linear.apply(z, w3, b3));
        return Linear.apply(g, w4, b4);
    }

    @Override
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("w3", w3);
        p.put("b3", b3);
        p.put("w4", w4);
        p.put("b4", b4);
        return p;
    }
}
