package dev.kl4j.ppo.env;

/**
 * A reinforcement-learning environment with Gymnasium's step contract
 * ({@code gymnasium.Env} wrapped in {@code TimeLimit} and {@code OrderEnforcing}).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #reset(long)} seeds the environment's own random generator and draws an initial state
 *       (Gymnasium's {@code reset(seed=...)}); {@link #reset()} draws the next initial state from the
 *       same stream.</li>
 *   <li>{@link #step(double[])} before the first reset, or after a step that terminated or truncated
 *       without a reset in between, throws {@link IllegalStateException} (Gymnasium raises
 *       {@code ResetNeeded} for the first and warns for the second; the steps would be undefined).</li>
 *   <li>An invalid action (wrong length, NaN or infinite, a discrete index out of range or not an
 *       integer) throws {@link dev.kl4j.core.InvalidArgumentException} naming the environment and the
 *       action. A continuous action is clipped to {@link #actionSpace()} as Gymnasium's environments
 *       do.</li>
 *   <li>The time limit counts steps from the last reset: the step that makes
 *       {@link #elapsedSteps()} equal to {@link #maxEpisodeSteps()} has {@code truncated = true}
 *       (also when it terminates).</li>
 * </ul>
 *
 * <p>Observations are float64 here; Gymnasium returns float32 arrays for these environments.
 */
public interface Environment {

    /** {@return the Gymnasium id, for example {@code "CartPole-v1"}} */
    String id();

    /** {@return the space of observations} */
    Space observationSpace();

    /** {@return the space of actions} */
    Space actionSpace();

    /** {@return the time limit in steps (Gymnasium's {@code max_episode_steps}): 500, 200, 500, 999} */
    int maxEpisodeSteps();

    /**
     * Seeds the environment's random generator and starts an episode.
     *
     * @param seed the seed
     * @return the first observation
     */
    double[] reset(long seed);

    /**
     * Starts an episode, continuing the random stream of the last {@link #reset(long)} (or of seed 0 for
     * an environment that was never seeded).
     *
     * @return the first observation
     */
    double[] reset();

    /**
     * Advances the environment by one step, as Gymnasium's {@code env.step(action)} through {@code TimeLimit}:
     * the dynamics, reward and termination rule are in the implementing class's Javadoc (with the Gymnasium
     * source file they follow); {@code truncated} is set on the step that reaches {@link #maxEpisodeSteps()}.
     *
     * @param action for a {@link Discrete} action space {@code {index}}; for a {@link Box} a vector of its
     *               dimension, clipped to the box
     * @return observation, reward and the two end flags
     */
    StepResult step(double[] action);

    /** {@return a copy of the full internal state (Gymnasium's {@code env.unwrapped.state})} */
    double[] state();

    /**
     * Overwrites the internal state (as {@code env.unwrapped.state = ...}); does not touch the step count.
     *
     * @param state a state of the length {@link #state()} returns, finite values
     */
    void setState(double[] state);

    /** {@return the steps taken since the last reset} */
    int elapsedSteps();
}
