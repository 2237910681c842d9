package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Bernoulli likelihood on logits l, per pixel:
 * <pre>
 *   −log p(x|z) = Σ_pixels BCE(l, x) = Σ [softplus(l) − l·x] = Σ [max(l, 0) − l·x + log(1 + e^{−|l|})]
 * </pre>
 * (PyTorch's {@code binary_cross_entropy_with_logits}, reduction sum), used on grey levels x ∈ [0, 1]
 * as in pytorch/examples' VAE. A proper density only for binary x, but the standard VAE benchmark loss.
 * The softplus form is computed stably by libtorch. Mean: sigmoid(l). No parameters of its own.
 */
public final class BernoulliLikelihood implements Likelihood {
    /** The Bernoulli likelihood (stateless). */
    public BernoulliLikelihood() {
    }

    @Override
    public NDArray negLogLikelihood(NDArray out, NDArray x) {
        return Activation.softPlus(out).sub(out.mul(x)).sum(new int[] {-1});
    }

    @Override
    public NDArray mean(NDArray out) {
        return Activation.sigmoid(out);
    }
}
