package dev.kl4j.ppo.env;

import java.util.Arrays;

/**
 * What one {@link Environment#step(double[])} returns, as Gymnasium's
 * {@code (observation, reward, terminated, truncated, info)} without the info dictionary.
 *
 * <p>{@code terminated}: the episode reached a terminal state of the task (the pole fell, the goal was
 * reached); the value of the next state is 0. {@code truncated}: the episode was cut by the time limit;
 * the next state still has a value, so a learner should bootstrap it. Both can be true on the same step.
 *
 * @param observation the observation after the step (float64)
 * @param reward      the reward of the step
 * @param terminated  whether the task ended in a terminal state
 * @param truncated   whether the time limit cut the episode
 */
public record StepResult(double[] observation, double reward, boolean terminated, boolean truncated) {

    /** {@return whether the episode ended ({@code terminated || truncated}); reset before stepping again} */
    public boolean done() {
        return terminated || truncated;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepResult s && Arrays.equals(observation, s.observation)
                && Double.compare(reward, s.reward) == 0 && terminated == s.terminated && truncated == s.truncated;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(observation) * 31 + Double.hashCode(reward) * 7 + (terminated ? 2 : 0) + (truncated ? 1 : 0);
    }

    @Override
    public String toString() {
        return "StepResult[observation=" + Arrays.toString(observation) + ", reward=" + reward
                + ", terminated=" + terminated + ", truncated=" + truncated + "]";
    }
}
