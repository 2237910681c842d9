/**
 * The VAE's parts as interfaces: an {@link dev.kl4j.vae.model.Encoder} for q(z|x) = N(μ(x), diag σ²(x)), a
 * {@link dev.kl4j.vae.model.Decoder} and a {@link dev.kl4j.vae.model.Likelihood} for p(x|z) (one class per
 * likelihood: {@link dev.kl4j.vae.model.BernoulliLikelihood}, {@link dev.kl4j.vae.model.GaussianLikelihood}),
 * assembled into a {@link dev.kl4j.vae.model.VaeModel} whose parameters are addressed by name. The default
 * is a hand-written MLP ({@link dev.kl4j.vae.model.MlpEncoder}, {@link dev.kl4j.vae.model.MlpDecoder});
 * {@link dev.kl4j.vae.model.BlockEncoder} and {@link dev.kl4j.vae.model.BlockDecoder} adapt any DJL
 * {@code Block}.
 */
package dev.kl4j.vae.model;
