package dev.kl4j.ppo.env;

/**
 * One step of a {@link VectorEnvironment}: for each copy {@code i} the observation to act on next, the
 * reward and end flags of the step just taken, and, when copy {@code i} ended its episode on this step,
 * the last observation of that episode.
 *
 * <p>When copy {@code i} ended ({@code terminated[i] || truncated[i]}) it was reset in the same step, so
 * {@code observations[i]} is the first observation of the next episode and {@code finalObservations[i]}
 * is the observation the ended episode finished in: bootstrap a truncated episode from it. Otherwise
 * {@code finalObservations[i]} is null.
 *
 * @param observations      [N][obs] observations to act on next
 * @param rewards           [N] rewards of this step
 * @param terminated        [N] terminal-state flags of this step
 * @param truncated         [N] time-limit flags of this step
 * @param finalObservations [N] last observation of an episode that ended on this step, else null
 */
public record VectorStep(double[][] observations, double[] rewards, boolean[] terminated,
        boolean[] truncated, double[][] finalObservations) {}
