/**
 * The image distillation experiment behind {@code kl4j distill}: teacher training with a logits cache,
 * the student runs per loss and seed, and the run's files (CSV, JSON, Markdown table, PNG charts).
 */
package dev.kl4j.examples.distillation;
