package dev.kl4j.vae.objective;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlGaussianKl;
import dev.kl4j.core.djl.DjlScalars;
import dev.kl4j.vae.model.Decoder;
import dev.kl4j.vae.model.Encoder;
import dev.kl4j.vae.model.Likelihood;
import dev.kl4j.vae.model.Posterior;

/**
 * The negative evidence lower bound of a VAE, in nats per image:
 * <pre>
 *   −ELBO(x) = E_q[−log p(x|z)] + KL(q(z|x) ‖ N(0, I))                                    (eq. 3)
 *            ≈ −log p(x | μ + σ⊙ε) + Σ_j −½(1 + ln σ_j² − μ_j² − σ_j²),   ε ~ N(0, I)   (eq. 10)
 * </pre>
 * Equation numbers are those of Kingma &amp; Welling, <i>Auto-Encoding Variational Bayes</i>, ICLR 2014;
 * the closed-form KL is their appendix B. The reconstruction term is one reparameterised sample (summed over pixels);
 * the KL term is the
 * closed form computed by {@link DjlGaussianKl#toStandardNormalFromLogVarPerDimension}. Batch figures are means
 * over the batch.
 *
 * <p>The training loss generalises it with a weight β (β-VAE, warm-up and cyclical schedules, see
 * {@link KlSchedule}) and optionally free bits (Kingma et al. 2016) with a floor λ per latent dimension:
 * <pre>
 *   loss = mean_b recon_b + β · Σ_j KL_j,        KL_j = mean_b KL_bj               (λ = 0)
 *   loss = mean_b recon_b + β · Σ_j max(λ, KL_j)                                     (free bits)
 * </pre>
 */
public final class Elbo {
    private Elbo() {
    }

    /**
     * Per-image pieces of the negative ELBO.
     *
     * @param recon    −log p(x|z) per image, {@code [B]}
     * @param klPerDim KL(q(z_j|x) ‖ N(0, 1)) per image and latent dimension, {@code [B, latent]}
     */
    public record Terms(NDArray recon, NDArray klPerDim) {
        /** {@return KL per image summed over latent dimensions, {@code [B]}} */
        public NDArray kl() {
            return klPerDim.sum(new int[] {-1});
        }

        /** {@return −ELBO per image = recon + Σ_j KL_j (eq. 3, one sample), {@code [B]}} */
        public NDArray negativeElbo() {
            return recon.add(kl());
        }
    }

    /**
     * Encodes, samples z = μ + σ⊙ε, decodes and evaluates both pieces: the summand of Kingma &amp; Welling
     * (2014)'s estimator (eq. 10) with L = 1 sample per image.
     *
     * @param encoder    q(z|x)
     * @param decoder    z ↦ the likelihood's input
     * @param likelihood p(x|z)
     * @param x          images {@code [B, inputSize]}
     * @param eps        standard-normal noise {@code [B, latent]}
     * @return the pieces
     */
    public static Terms terms(Encoder encoder, Decoder decoder, Likelihood likelihood, NDArray x, NDArray eps) {
        Posterior q = encoder.encode(x);
        NDArray z = q.sample(eps);                                            // eq. 10: z = μ + σ ⊙ ε
        NDArray recon = likelihood.negLogLikelihood(decoder.decode(z), x);    // −log p(x|z)
        NDArray kl = DjlGaussianKl.toStandardNormalFromLogVarPerDimension(q.mu(), q.logVar()); // appendix B
        return new Terms(recon, kl);
    }

    /**
     * The scalar training loss of the class comment: mean_b recon_b + β · Σ_j KL_j with KL_j = mean_b KL_bj,
     * or with free bits (Kingma et al. 2016, "Improved Variational Inference with Inverse Autoregressive
     * Flow") β · Σ_j max(λ, KL_j), whose gradient is 0 for a dimension below the floor.
     *
     * @param terms    per-image pieces
     * @param beta     KL weight β ≥ 0 (already scheduled)
     * @param freeBits floor λ ≥ 0 per latent dimension on the batch-averaged KL; 0 disables it
     * @return a scalar
     */
    public static NDArray loss(Terms terms, float beta, float freeBits) {
        requireNonNegative("beta", beta);
        requireNonNegative("freeBits", freeBits);
        NDArray recon = terms.recon().mean();
        NDArray klTerm;
        if (freeBits > 0f) {
            NDArray perDim = terms.klPerDim().mean(new int[] {0});
            klTerm = perDim.maximum(DjlScalars.of(perDim, freeBits)).sum();
        } else {
            NDArray total = terms.klPerDim().sum();
            klTerm = total.div(DjlScalars.of(total, (float) terms.klPerDim().getShape().get(0)));
        }
        // engine-owned scalars: autograd keeps them for the backward pass (see DjlScalars)
        return recon.add(klTerm.mul(DjlScalars.of(klTerm, beta)));
    }

    private static void requireNonNegative(String name, float v) {
        if (!(v >= 0f) || Float.isInfinite(v)) {
            throw new InvalidArgumentException(name, name + " = " + v + " must be finite and >= 0");
        }
    }
}
