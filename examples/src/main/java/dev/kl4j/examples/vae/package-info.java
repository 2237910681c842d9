/**
 * The VAE example: run outputs ({@code metrics.csv}, {@code summary.json}), pictures (image grids with
 * {@code java.awt} + ImageIO, charts with XChart), a small PCA for the latent map, the matmul benchmark
 * used by {@code kl4j vae --bench}, and {@link dev.kl4j.examples.vae.VaeExample}, a minimal main.
 */
package dev.kl4j.examples.vae;
