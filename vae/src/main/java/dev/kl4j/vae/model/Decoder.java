package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The generative network of a VAE: z ↦ the per-pixel output from which a {@link Likelihood} computes
 * log p(x|z) (logits for {@link BernoulliLikelihood}, the logits of the mean for
 * {@link GaussianLikelihood}).
 *
 * <p>Implementations: {@link MlpDecoder} (the default, the fast path) and {@link BlockDecoder} (any DJL
 * {@code Block}).
 */
public interface Decoder {
    /**
     * @param z latents {@code [..., latent]} (the evaluator passes {@code [K, B, latent]} for K importance
     *          samples; {@link BlockDecoder} flattens the leading dimensions for its block)
     * @return {@code [..., inputSize]}; differentiable in {@link #parameters()}
     */
    NDArray decode(NDArray z);

    /** @return the trainable arrays by name, in a fixed order (names are stored in checkpoints) */
    Map<String, NDArray> parameters();
}
