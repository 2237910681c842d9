/**
 * Pictures of the PPO environments: {@link dev.kl4j.examples.ppo.render.EnvironmentRenderer} draws the
 * state of CartPole, Pendulum, Acrobot or MountainCarContinuous with plain Java 2D (the layout of
 * Gymnasium's {@code render_mode="rgb_array"} pictures), and {@link dev.kl4j.examples.ppo.render.AnimatedGif}
 * writes frames as a looping animated GIF with {@code javax.imageio}.
 */
package dev.kl4j.examples.ppo.render;
