/**
 * Gymnasium's classic-control environments in plain Java, step for step: {@link dev.kl4j.ppo.env.CartPole}
 * ({@code CartPole-v1}), with the shared contract {@link dev.kl4j.ppo.env.Environment}, the factory
 * {@link dev.kl4j.ppo.env.Environments} and the auto-resetting {@link dev.kl4j.ppo.env.VectorEnvironment}.
 *
 * <p>Each environment follows Gymnasium's source ({@code gymnasium/envs/classic_control/*.py}): the same
 * constants, integrator, order of updates, float64 arithmetic, rewards, spaces, reset distributions and
 * time limits. {@code terminated} and {@code truncated} stay separate flags throughout. Observations are
 * float64 here (Gymnasium hands out float32).
 */
package dev.kl4j.ppo.env;
