package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The default encoder, pytorch/examples' VAE encoder written with one native call per layer:
 * <pre>
 *   h = relu(x W1ᵀ + b1);   [μ, ln σ²] = h Wqᵀ + bq      (Wq stacks the μ and ln σ² heads: [2·latent, hidden])
 * </pre>
 * Parameters, by name: {@code w1 [hidden, in]}, {@code b1}, {@code wq [2·latent, hidden]}, {@code bq};
 * initialised as PyTorch's {@code nn.Linear} (see {@link Linear}).
 */
public final class MlpEncoder implements Encoder {
    private final NDArray w1;
    private final NDArray b1;
    private final NDArray wq;
    private final NDArray bq;
    private final int latent;

    private MlpEncoder(NDArray w1, NDArray b1, NDArray wq, NDArray bq, int latent) {
        this.w1 = w1;
        this.b1 = b1;
        this.wq = wq;
        this.bq = bq;
        this.latent = latent;
    }

    /**
     * @param manager   owner of the parameters
     * @param inputSize pixels per image
     * @param hidden    hidden units
     * @param latent    latent dimensions
     * @param rng       source of the initial weights, drawn in the order w1, b1, wq, bq
     * @return the encoder
     */
    public static MlpEncoder create(NDManager manager, int inputSize, int hidden, int latent, RandomGenerator rng) {
        NDArray w1 = Linear.uniform(manager, rng, new Shape(hidden, inputSize), inputSize);
        NDArray b1 = Linear.uniform(manager, rng, new Shape(hidden), inputSize);
        NDArray wq = Linear.uniform(manager, rng, new Shape(2L * latent, hidden), hidden);
        NDArray bq = Linear.uniform(manager, rng, new Shape(2L * latent), hidden);
        return new MlpEncoder(w1, b1, wq, bq, latent);
    }

    @Override
    public Posterior encode(NDArray x) {
        NDArray h = Activation.relu(Linear.apply(x, w1, b1));
        NDArray both = Linear.apply(h, wq, bq);
        NDList heads = both.split(2, both.getShape().dimension() - 1);
        return new Posterior(heads.get(0), heads.get(1));
    }

    @Override
    public int latent() {
        return latent;
    }

    @Override
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("w1", w1);
        p.put("b1", b1);
        p.put("wq", wq);
        p.put("bq", bq);
        return p;
    }
}
