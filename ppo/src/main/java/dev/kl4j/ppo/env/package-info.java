/**
 * Gymnasium's classic-control environments in plain Java, step for step: {@link dev.kl4j.ppo.env.CartPole}
 * ({@code CartPole-v1}), {@link dev.kl4j.ppo.env.Pendulum} ({@code Pendulum-v1}),
 * {@link dev.kl4j.ppo.env.Acrobot} ({@code Acrobot-v1}) and {@link dev.kl4j.ppo.env.MountainCarContinuous}
 * ({@code MountainCarContinuous-v0}), with the shared contract {@link dev.kl4j.ppo.env.Environment}, the
 * factory {@link dev.kl4j.ppo.env.Environments} and the auto-resetting
 * {@link dev.kl4j.ppo.env.VectorEnvironment}.
 *
 * <p>Each environment follows Gymnasium's source ({@code gymnasium/envs/classic_control/*.py}): the same
 * constants, integrator, order of updates, float64 arithmetic, rewards, spaces, reset distributions and
 * time limits (500, 200, 500 and 999 steps). {@code terminated} and {@code truncated} stay separate flags
 * throughout: bootstrap the value of a truncated episode, not of a terminated one. Observations are
 * float64 here (Gymnasium hands out float32). Initial states are drawn from the environment's own seeded
 * generator with Gymnasium's distributions, but not with NumPy's bit stream, so a seed gives different
 * initial states than in Gymnasium; to compare trajectories, set the state after reset
 * ({@link dev.kl4j.ppo.env.Environment#setState(double[])}) as Gymnasium's {@code env.unwrapped.state = ...}.
 * Sines and cosines come from {@link java.lang.Math}, which agrees with the C library NumPy calls on all
 * but a fraction of a percent of arguments (then by one unit in the last place).
 */
package dev.kl4j.ppo.env;
