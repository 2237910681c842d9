/**
 * The image distillation experiment behind {@code kl4j distill}: teacher training with a logits cache,
 * the student runs per loss and seed, and the run's files (CSV, JSON, Markdown table, PNG charts); and
 * {@link dev.kl4j.examples.distillation.DistillationExample}, a teacher and two students in library calls.
 */
package dev.kl4j.examples.distillation;
