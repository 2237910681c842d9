/**
 * The training objective: the negative ELBO (reconstruction + β·KL(q(z|x) ‖ N(0, I))) with the KL term
 * from the core's {@link dev.kl4j.core.djl.DjlGaussianKl}, the β schedules (constant β-VAE, linear
 * warm-up, cyclical annealing) and free bits.
 */
package dev.kl4j.vae.objective;
