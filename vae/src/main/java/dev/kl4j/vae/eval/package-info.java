/**
 * Evaluation of a trained VAE: test negative ELBO and its parts, per-dimension KL, the
 * importance-weighted bound on −log p(x) (Burda et al. 2016) and active units.
 */
package dev.kl4j.vae.eval;
