/**
 * Training: {@link dev.kl4j.vae.train.VaeTrainer} (whole-array mini-batches, one {@code NDScope} per
 * step), {@link dev.kl4j.vae.train.Adam} over the model's parameter list, per-epoch
 * {@link dev.kl4j.vae.train.EpochMetrics}, and {@link dev.kl4j.vae.train.Checkpoint}s written atomically
 * so that {@code --resume} continues exactly.
 */
package dev.kl4j.vae.train;
