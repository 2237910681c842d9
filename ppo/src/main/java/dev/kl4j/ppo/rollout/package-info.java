/**
 * Experience collected by a policy from N vectorised environments over n steps ({@link
 * dev.kl4j.ppo.rollout.RolloutBuffer}), and the advantages computed from it ({@link
 * dev.kl4j.ppo.rollout.Gae}: generalised advantage estimation that bootstraps at a time limit and not at
 * a terminal state).
 */
package dev.kl4j.ppo.rollout;
