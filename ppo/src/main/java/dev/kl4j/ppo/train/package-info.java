/**
 * The training loop: {@link dev.kl4j.ppo.train.PpoTrainer} (rollouts from vectorised environments,
 * GAE, the policy update of the chosen {@link dev.kl4j.ppo.train.Algorithm}, deterministic evaluation,
 * checkpoints), its settings ({@link dev.kl4j.ppo.train.PpoConfig}, with per-environment defaults) and
 * what it returns per update ({@link dev.kl4j.ppo.train.UpdateMetrics}).
 */
package dev.kl4j.ppo.train;
