package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The observation model p(x|z) of a VAE, given the {@link Decoder}'s output for z: its negative
 * log-density summed over pixels (the reconstruction term of the ELBO) and its mean (for pictures).
 * One class per likelihood: {@link BernoulliLikelihood}, {@link GaussianLikelihood}.
 */
public interface Likelihood {
    /**
     * {@return −log p(x|z) in nats, summed (not averaged) over the last axis, {@code [...]}; the formula is
     * in the implementing class's Javadoc}
     *
     * @param out decoder output {@code [..., inputSize]}
     * @param x   images, broadcastable to {@code out}
     */
    NDArray negLogLikelihood(NDArray out, NDArray x);

    /**
     * {@return the mean of p(x|z), the same shape}
     *
     * @param out decoder output
     */
    NDArray mean(NDArray out);

    /** {@return trainable arrays of the likelihood itself by name (none by default)} */
    default Map<String, NDArray> parameters() {
        return Map.of();
    }
}
