package dev.kl4j.ppo.env;

import dev.kl4j.core.InvalidArgumentException;

/**
 * {@code N} copies of one environment stepped together, with same-step auto-reset: when copy {@code i}
 * terminates or truncates, it is reset at once and the step returns the new episode's first observation
 * for it, with the ended episode's last observation in {@link VectorStep#finalObservations()}. This is
 * the behaviour of Stable-Baselines3's {@code DummyVecEnv} and of Gymnasium 0.29's {@code SyncVectorEnv}
 * ({@code info["final_observation"]}); Gymnasium 1.x defaults to resetting on the next step instead.
 *
 * <p>Seeding: copy {@code i} is reset with {@code seed + i} the first time {@link #reset()} is called (as
 * Gymnasium's {@code envs.reset(seed=seed)}); later resets, including auto-resets, continue each copy's
 * own random stream.
 */
public final class VectorEnvironment {

    private final Environment[] copies;
    private final long seed;
    private boolean seeded;
    private boolean started;

    private VectorEnvironment(Environment[] copies, long seed) {
        this.copies = copies;
        this.seed = seed;
    }

    /**
     * {@return the vector environment (call {@link #reset()} first)}
     *
     * @param id   a Gymnasium id (see {@link Environments#ids()})
     * @param n    the number of copies, at least 1
     * @param seed copy {@code i} is seeded with {@code seed + i}
     */
    public static VectorEnvironment of(String id, int n, long seed) {
        if (n < 1) {
            throw new InvalidArgumentException("n", "the number of environment copies must be at least 1, got " + n);
        }
        Environment[] copies = new Environment[n];
        for (int i = 0; i < n; i++) {
            copies[i] = Environments.make(id);
        }
        return new VectorEnvironment(copies, seed);
    }

    /**
     * Resets every copy (with {@code seed + i} on the first call).
     *
     * @return [N][obs] first observations
     */
    public double[][] reset() {
        double[][] observations = new double[copies.length][];
        for (int i = 0; i < copies.length; i++) {
            observations[i] = seeded ? copies[i].reset() : copies[i].reset(seed + i);
        }
        seeded = true;
        started = true;
        return observations;
    }

    /**
     * Steps every copy with its action and auto-resets the copies whose episode ended.
     *
     * @param actions [N][action] one action per copy (see {@link Environment#step(double[])})
     * @return observations, rewards, flags and final observations
     */
    public VectorStep step(double[][] actions) {
        if (!started) {
            throw new IllegalStateException(id() + ": VectorEnvironment.step() called before reset()");
        }
        if (actions == null || actions.length != copies.length) {
            throw new InvalidArgumentException("actions", id() + ": need one action per copy (" + copies.length
                    + "), got " + (actions == null ? "null" : String.valueOf(actions.length)));
        }
        int n = copies.length;
        for (int i = 0; i < n; i++) { // check all first, so that a bad action steps no copy
            Actions.check(copies[i].id(), copies[i].actionSpace(), actions[i]);
        }
        double[][] observations = new double[n][];
        double[] rewards = new double[n];
        boolean[] terminated = new boolean[n];
        boolean[] truncated = new boolean[n];
        double[][] finalObservations = new double[n][];
        for (int i = 0; i < n; i++) {
            StepResult result = copies[i].step(actions[i]);
            rewards[i] = result.reward();
            terminated[i] = result.terminated();
            truncated[i] = result.truncated();
            if (result.done()) {
                finalObservations[i] = result.observation();
                observations[i] = copies[i].reset();
            } else {
                observations[i] = result.observation();
            }
        }
        return new VectorStep(observations, rewards, terminated, truncated, finalObservations);
    }

    /** {@return the number of copies} */
    public int size() {
        return copies.length;
    }

    /** {@return the id of the copies} */
    public String id() {
        return copies[0].id();
    }

    /** {@return the observation space of one copy} */
    public Space observationSpace() {
        return copies[0].observationSpace();
    }

    /** {@return the action space of one copy} */
    public Space actionSpace() {
        return copies[0].actionSpace();
    }

    /** {@return the time limit of one copy} */
    public int maxEpisodeSteps() {
        return copies[0].maxEpisodeSteps();
    }

    /**
     * {@return copy {@code i} itself (for reading its state, for example to render it)}
     *
     * @param i a copy index
     */
    public Environment copy(int i) {
        return copies[i];
    }
}
