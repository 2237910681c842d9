package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The inference network of a VAE: x ↦ the parameters (μ(x), ln σ²(x)) of the diagonal Gaussian
 * q(z|x) = N(μ(x), diag σ²(x)) (Kingma &amp; Welling 2014, appendix C.2).
 *
 * <p>Implementations: {@link MlpEncoder} (the default, hand-written, the fast path) and
 * {@link BlockEncoder} (any DJL {@code Block}, e.g. a {@code SequentialBlock} of {@code Conv2d} layers).
 * Write your own by implementing the three methods; the ELBO, the trainer, Adam and checkpoints then
 * work unchanged.
 */
public interface Encoder {
    /**
     * @param x images, {@code [B, inputSize]} (flat pixels; an encoder that wants {@code [B, C, H, W]}
     *          reshapes them itself)
     * @return μ and ln σ², {@code [B, latent]} each; differentiable in {@link #parameters()}
     */
    Posterior encode(NDArray x);

    /** @return the number of latent dimensions */
    int latent();

    /**
     * @return the trainable arrays by name, in a fixed order (names are stored in checkpoints); each
     *         array has {@code setRequiresGradient(true)} and outlives any step scope
     */
    Map<String, NDArray> parameters();
}
