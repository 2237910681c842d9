/**
 * {@code kl4j distill-text}, experiment 2 of the distillation module: a character-level LSTM teacher distilled
 * into a smaller LSTM student on Debian's {@code fortunes}, off-policy and on-policy (GKD), measured in held-out
 * bits per character, with the run's files ({@code metrics.csv}, {@code summary.json}, {@code results.md},
 * {@code bpc_per_loss.png}, {@code checkpoint/teacher.ckpt}).
 */
package dev.kl4j.examples.distillation.text;
