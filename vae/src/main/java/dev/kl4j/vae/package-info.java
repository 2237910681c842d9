/** The variational autoencoder: model, KL-regularised ELBO and its variants, evaluation and trainer. */
package dev.kl4j.vae;
