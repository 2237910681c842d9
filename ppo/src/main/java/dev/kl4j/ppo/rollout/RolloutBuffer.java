package dev.kl4j.ppo.rollout;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;

/**
 * What a policy did in {@code N} environments over {@code T} steps, stored time-major as flat arrays
 * ({@code row = t·N + i}), as CleanRL's ppo.py keeps its {@code (num_steps, num_envs)} tensors.
 *
 * <p>Per row: the observation the action was chosen at, the action (a discrete index as one float, or
 * a continuous vector), its log-probability under the policy that chose it, V(s_t), the reward, and the
 * {@code terminated} and {@code truncated} flags kept apart. Where a step was truncated the caller passes
 * V(final observation) so that {@link #finish} can bootstrap it ({@link Gae}). Arrays are reused from
 * one rollout to the next; the buffer allocates nothing per step.
 */
public final class RolloutBuffer {
    private final int steps;
    private final int envs;
    private final int observationSize;
    private final int actionSize;
    private final float[] observations;
    private final float[] actions;
    private final float[] logProbs;
    private final double[] values;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final double[] nextValues;
    private Gae.Result gae;
    private int filled;

    private RolloutBuffer(int steps, int envs, int observationSize, int actionSize) {
        this.steps = steps;
        this.envs = envs;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        int rows = steps * envs;
        observations = new float[rows * observationSize];
        actions = new float[rows * actionSize];
        logProbs = new float[rows];
        values = new double[rows];
        rewards = new double[rows];
        terminated = new boolean[rows];
        truncated = new boolean[rows];
        nextValues = new double[rows];
    }

    /**
     * @param steps           T, steps per environment per rollout (&gt;= 1)
     * @param envs            N, environments (&gt;= 1)
     * @param observationSize length of one observation
     * @param actionSize      floats per action: 1 for a discrete index, the dimension for a box
     * @return an empty buffer
     */
    public static RolloutBuffer create(int steps, int envs, int observationSize, int actionSize) {
        if (steps < 1) {
            throw new InvalidArgumentException("steps", "steps = " + steps + " must be >= 1");
        }
        if (envs < 1) {
            throw new InvalidArgumentException("envs", "envs = " + envs + " must be >= 1");
        }
        if (observationSize < 1 || actionSize < 1) {
            throw new InvalidArgumentException("observationSize", "observation and action sizes must be >= 1, got "
                    + observationSize + " and " + actionSize);
        }
        if ((long) steps * envs * Math.max(observationSize, actionSize) > Integer.MAX_VALUE) {
            throw new InvalidArgumentException("steps", "a rollout of " + steps + " x " + envs + " steps is too large");
        }
        return new RolloutBuffer(steps, envs, observationSize, actionSize);
    }

    /**
     * Stores step {@code t} of every environment. Steps must be recorded in order 0, 1, ..., T−1.
     *
     * @param t                step index
     * @param observations     s_t per environment, [N][observationSize]
     * @param actions          a_t, [N·actionSize] (row-major)
     * @param logProbs         log π(a_t|s_t), [N]
     * @param values           V(s_t), [N]
     * @param rewards          r_t, [N]
     * @param terminated       per environment
     * @param truncated        per environment
     * @param truncationValues V(final observation) where {@code truncated[i]}, else ignored; may be null
     *                         when nothing truncated
     */
    public void record(int t, double[][] observations, float[] actions, float[] logProbs, float[] values,
            double[] rewards, boolean[] terminated, boolean[] truncated, double[] truncationValues) {
        if (t != filled) {
            throw new InvalidArgumentException("t", "step " + t + " recorded out of order; expected step " + filled);
        }
        if (observations.length != envs || actions.length != envs * actionSize || logProbs.length != envs
                || values.length != envs || rewards.length != envs || terminated.length != envs
                || truncated.length != envs) {
            throw new InvalidArgumentException("observations", "step " + t + " must hold " + envs
                    + " environments' data (" + actionSize + " floats per action)");
        }
        int row0 = t * envs;
        for (int i = 0; i < envs; i++) {
            double[] o = observations[i];
            if (o.length != observationSize) {
                throw new InvalidArgumentException("observations", "observation " + i + " has " + o.length
                        + " values, expected " + observationSize);
            }
            int base = (row0 + i) * observationSize;
            for (int j = 0; j < observationSize; j++) {
                this.observations[base + j] = (float) o[j];
            }
            int k = row0 + i;
            this.logProbs[k] = logProbs[i];
            this.values[k] = values[i];
            this.rewards[k] = rewards[i];
            this.terminated[k] = terminated[i];
            this.truncated[k] = truncated[i] && !terminated[i];
            if (this.truncated[k]) {
                if (truncationValues == null) {
                    throw new InvalidArgumentException("truncationValues", "environment " + i + " truncated at step "
                            + t + " but no value of its final observation was given");
                }
                nextValues[k] = truncationValues[i];
            }
            // V(s'_t) of an episode that goes on is V(s_{t+1}): filled in by the next record() or finish()
            if (t > 0) {
                int previous = k - envs;
                if (!this.terminated[previous] && !this.truncated[previous]) {
                    nextValues[previous] = values[i];
                }
            }
        }
        System.arraycopy(actions, 0, this.actions, row0 * actionSize, envs * actionSize);
        filled++;
        gae = null;
    }

    /**
     * Closes the rollout with V(s_T) of the observations after the last step, and computes GAE.
     *
     * @param lastValues V(s_T) per environment, [N]
     * @param gamma      discount γ
     * @param lambda     GAE λ
     * @return the advantages and value targets (also kept by the buffer)
     */
    public Gae.Result finish(float[] lastValues, double gamma, double lambda) {
        if (filled != steps) {
            throw new InvalidArgumentException("steps", "rollout holds " + filled + " of " + steps + " steps");
        }
        if (lastValues.length != envs) {
            throw new InvalidArgumentException("lastValues", "lastValues must hold " + envs + " values, got "
                    + lastValues.length);
        }
        int last = (steps - 1) * envs;
        for (int i = 0; i < envs; i++) {
            if (!terminated[last + i] && !truncated[last + i]) {
                nextValues[last + i] = lastValues[i];
            }
        }
        gae = Gae.compute(rewards, values, nextValues, terminated, truncated, envs, gamma, lambda);
        return gae;
    }

    /** Empties the buffer for the next rollout (the arrays are reused). */
    public void clear() {
        filled = 0;
        gae = null;
        Arrays.fill(terminated, false);
        Arrays.fill(truncated, false);
    }

    /** @return T·N, the rows of a full rollout */
    public int size() {
        return steps * envs;
    }

    /** @return T */
    public int steps() {
        return steps;
    }

    /** @return N */
    public int envs() {
        return envs;
    }

    /** @return floats per observation */
    public int observationSize() {
        return observationSize;
    }

    /** @return floats per action */
    public int actionSize() {
        return actionSize;
    }

    /** @return observations, [T·N·observationSize], row-major (a view, not a copy) */
    public float[] observations() {
        return observations;
    }

    /** @return actions, [T·N·actionSize] (a view) */
    public float[] actions() {
        return actions;
    }

    /** @return log π_old(a_t|s_t), [T·N] (a view) */
    public float[] logProbs() {
        return logProbs;
    }

    /** @return V_old(s_t), [T·N] (a view) */
    public double[] values() {
        return values;
    }

    /** @return rewards, [T·N] (a view) */
    public double[] rewards() {
        return rewards;
    }

    /** @return terminated flags, [T·N] (a view) */
    public boolean[] terminated() {
        return terminated;
    }

    /** @return truncated flags, [T·N] (a view) */
    public boolean[] truncated() {
        return truncated;
    }

    /** @return V(s'_t) used by GAE, [T·N] (a view) */
    public double[] nextValues() {
        return nextValues;
    }

    /** @return Â_t after {@link #finish} */
    public double[] advantages() {
        return requireFinished().advantages();
    }

    /** @return R_t = Â_t + V(s_t) after {@link #finish} */
    public double[] returns() {
        return requireFinished().returns();
    }

    private Gae.Result requireFinished() {
        if (gae == null) {
            throw new IllegalStateException("the rollout is not finished: call finish(lastValues, gamma, lambda)");
        }
        return gae;
    }
}
