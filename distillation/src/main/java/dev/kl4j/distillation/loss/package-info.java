/**
 * Knowledge-distillation losses as DJL {@code Loss}es: Hinton et al. 2015, forward and reverse KL,
 * generalized Jensen–Shannon (GKD), skew KL and skew reverse KL (DistiLLM), total variation and
 * Decoupled KD, plus the hard-label baseline and a mixer with the hard-label cross-entropy. Shared
 * inputs, masking and reduction are described on {@link dev.kl4j.distillation.loss.DistillationLoss};
 * {@link dev.kl4j.distillation.loss.DistillationLosses} has the factories.
 */
package dev.kl4j.distillation.loss;
