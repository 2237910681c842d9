package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The default encoder, pytorch/examples' VAE encoder written with one native call per layer:
 * <pre>
 *   h = relu(x W1ᵀ + b1);   [μ, ln σ²] = h Wqᵀ + bq      (Wq stacks the μ and ln σ² heads: [2·latent, hidden])
 * </pre>
 * Parameters, by name: {@code w1 [hidden, in]}, {@code b1}, {@code wq [2·latent, hidden]}, {@code bq};
 * initialised as PyTorch's {@code nn.Linear.reset_parameters}: every weight and bias uniform on
 * (−1/√fan_in, 1/√fan_in).
 */
public final class MlpEncoder implements Encoder {
    private final TwoLayerPerceptron net;
    private final int latent;

    private MlpEncoder(TwoLayerPerceptron net, int latent) {
        this.net = net;
        this.latent = latent;
    }

    /**
     * {@return the encoder}
     *
     * @param manager   owner of the parameters
     * @param inputSize pixels per image
     * @param hidden    hidden units
     * @param latent    latent dimensions
     * @param rng       source of the initial weights, drawn in the order w1, b1, wq, bq
     */
    public static MlpEncoder create(NDManager manager, int inputSize, int hidden, int latent, RandomGenerator rng) {
        return new MlpEncoder(TwoLayerPerceptron.create(manager, inputSize, hidden, 2 * latent, rng,
                "w1", "b1", "wq", "bq"), latent);
    }

    @Override
    public Posterior encode(NDArray x) {
        return Posterior.fromStacked(net.apply(x));
    }

    @Override
    public int latent() {
        return latent;
    }

    @Override
    public Map<String, NDArray> parameters() {
        return net.parameters();
    }
}
