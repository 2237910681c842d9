package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The default decoder, pytorch/examples' VAE decoder written with one native call per layer:
 * <pre>
 *   g = relu(z W3ᵀ + b3);   out = g W4ᵀ + b4            (logits, or the logits of the Gaussian mean)
 * </pre>
 * Parameters, by name: {@code w3 [hidden, latent]}, {@code b3}, {@code w4 [in, hidden]}, {@code b4};
 * initialised as PyTorch's {@code nn.Linear.reset_parameters}: every weight and bias uniform on
 * (−1/√fan_in, 1/√fan_in).
 */
public final class MlpDecoder implements Decoder {
    private final TwoLayerPerceptron net;

    private MlpDecoder(TwoLayerPerceptron net) {
        this.net = net;
    }

    /**
     * {@return the decoder}
     *
     * @param manager   owner of the parameters
     * @param latent    latent dimensions
     * @param hidden    hidden units
     * @param inputSize pixels per image
     * @param rng       source of the initial weights, drawn in the order w3, b3, w4, b4
     */
    public static MlpDecoder create(NDManager manager, int latent, int hidden, int inputSize, RandomGenerator rng) {
        return new MlpDecoder(TwoLayerPerceptron.create(manager, latent, hidden, inputSize, rng,
                "w3", "b3", "w4", "b4"));
    }

    @Override
    public NDArray decode(NDArray z) {
        return net.apply(z);
    }

    @Override
    public Map<String, NDArray> parameters() {
        return net.parameters();
    }
}
