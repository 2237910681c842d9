/**
 * Data sets for the training modules, loaded as whole arrays (no per-sample objects):
 * {@link dev.kl4j.core.data.IdxReader} reads MNIST-format IDX files (raw or gzip),
 * {@link dev.kl4j.core.data.DataDirectory} finds the data (flag, then {@code $KL4J_DATA}, then
 * Debian's {@code /usr/share/datasets/fashion-mnist}), and {@link dev.kl4j.core.data.MnistFormat} loads
 * the four files of a train/test split into {@link dev.kl4j.core.data.ImageSet}s.
 */
package dev.kl4j.core.data;
