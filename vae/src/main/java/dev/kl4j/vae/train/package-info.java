/**
 * Training: {@link dev.kl4j.vae.train.VaeTrainer} (one training step, {@code step(x, ε, β)}, apart from the
 * plumbing of batches, scopes, the NaN stop and checkpoints), {@link dev.kl4j.core.djl.DjlAdam} over the
 * model's parameters, typed settings ({@link dev.kl4j.vae.train.TrainConfig}), per-epoch
 * {@link dev.kl4j.vae.train.EpochMetrics}, and {@link dev.kl4j.vae.train.Checkpoint}s in the core's
 * verified checkpoint container, so that a resumed run continues exactly.
 */
package dev.kl4j.vae.train;
