package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.kl4j.core.djl.DjlScalars;

/**
 * The approximate posterior q(z|x) = N(μ, diag e^{ln σ²}) of a batch, as an {@link Encoder} returns it.
 *
 * @param mu     means μ, {@code [B, latent]}
 * @param logVar log-variances ln σ², {@code [B, latent]}
 */
public record Posterior(NDArray mu, NDArray logVar) {

    /**
     * Splits a network's stacked output {@code [..., 2·latent]} into μ (the first half of the last axis)
     * and ln σ² (the second half), the layout of {@link MlpEncoder} and {@link BlockEncoder}.
     *
     * @param stacked {@code [..., 2·latent]}
     * @return the posterior
     */
    public static Posterior fromStacked(NDArray stacked) {
        NDList heads = stacked.split(2, stacked.getShape().dimension() - 1);
        return new Posterior(heads.get(0), heads.get(1));
    }

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
