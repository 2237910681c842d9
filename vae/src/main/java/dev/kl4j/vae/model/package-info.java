/**
 * The VAE network: an MLP encoder q(z|x) = N(μ(x), diag σ²(x)) and an MLP decoder p(x|z) (Bernoulli on
 * logits, or Gaussian), written directly with DJL {@code NDArray} operations over an explicit parameter
 * list ({@link dev.kl4j.vae.model.VaeModel}).
 */
package dev.kl4j.vae.model;
