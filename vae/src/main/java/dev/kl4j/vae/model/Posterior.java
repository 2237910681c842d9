package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.djl.DjlScalars;

/**
 * The approximate posterior q(z|x) = N(μ, diag e^{ln σ²}) of a batch, as an {@link Encoder} returns it.
 *
 * @param mu     means μ, {@code [B, latent]}
 * @param logVar log-variances ln σ², {@code [B, latent]}
 */
public record Posterior(NDArray mu, NDArray logVar) {

    /**
     * The reparameterised sample z = μ + e^{½ ln σ²} ⊙ ε (Kingma &amp; Welling 2014, section 2.4 and eq. 10):
     * differentiable in μ and ln σ² because the randomness is in ε alone.
     *
     * @param eps standard-normal noise, broadcastable to μ (e.g. {@code [K, B, latent]} for K samples)
     * @return z, the broadcast shape of μ and ε
     */
    public NDArray sample(NDArray eps) {
        return logVar.mul(DjlScalars.of(logVar, 0.5f)).exp().mul(eps).add(mu);
    }
}
