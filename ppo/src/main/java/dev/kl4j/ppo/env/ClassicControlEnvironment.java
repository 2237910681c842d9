package dev.kl4j.ppo.env;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The parts every Gymnasium classic-control environment shares: the seeded random generator, the time
 * limit ({@code gymnasium.wrappers.TimeLimit}), the reset-before-step order
 * ({@code gymnasium.wrappers.OrderEnforcing}) and the checks of actions and states. A subclass writes
 * only its physics: {@link #drawInitialState}, {@link #advance}, {@link #observation()} and its state.
 *
 * <p>Random numbers come from a {@link SplittableRandom} seeded by {@link #reset(long)}; a draw from
 * {@code U[low, high)} is {@code low + (high - low) * u} with {@code u} uniform in [0, 1), the formula
 * of NumPy's {@code Generator.uniform}. The stream is not NumPy's PCG64, so a seed gives other initial
 * states than in Gymnasium; the distributions are the same. The generator is used only by
 * {@code reset} (the classic-control steps are deterministic, Acrobot's torque noise being 0), so an
 * environment's state can be rebuilt by repeating its resets and actions.
 */
public abstract class ClassicControlEnvironment implements Environment {

    /** Reward and termination of one step of the physics, before the time limit is applied. */
    protected record Transition(double reward, boolean terminated) {}

    private final String id;
    private final int maxEpisodeSteps;
    private final Space observationSpace;
    private final Space actionSpace;
    private SplittableRandom random = new SplittableRandom(0L);
    private int elapsedSteps;
    private boolean started;
    private boolean ended;

    /**
     * Sets the identity, time limit and spaces of the environment. The random generator starts from seed 0
     * until {@code reset(seed)} reseeds it (Gymnasium's {@code reset(seed=...)}).
     *
     * @param id               the Gymnasium id
     * @param maxEpisodeSteps  the time limit
     * @param observationSpace the observation space
     * @param actionSpace      the action space
     */
    protected ClassicControlEnvironment(String id, int maxEpisodeSteps, Space observationSpace, Space actionSpace) {
        this.id = id;
        this.maxEpisodeSteps = maxEpisodeSteps;
        this.observationSpace = observationSpace;
        this.actionSpace = actionSpace;
    }

    @Override
    public final Space observationSpace() {
        return observationSpace;
    }

    @Override
    public final Space actionSpace() {
        return actionSpace;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    @Override
    public final int elapsedSteps() {
        return elapsedSteps;
    }

    @Override
    public final double[] reset(long seed) {
        random = new SplittableRandom(seed);
        return reset();
    }

    @Override
    public final double[] reset() {
        drawInitialState(random);
        elapsedSteps = 0;
        started = true;
        ended = false;
        return observation();
    }

    @Override
    public final StepResult step(double[] action) {
        if (!started) {
            throw new IllegalStateException(id + ": step() called before reset()");
        }
        if (ended) {
            throw new IllegalStateException(id + ": step() called after the episode ended (terminated or"
                    + " truncated); call reset() first");
        }
        Actions.check(id, actionSpace(), action);
        Transition transition = advance(action);
        elapsedSteps++;
        // TimeLimit: truncated once the step count since reset reaches max_episode_steps.
        boolean truncated = elapsedSteps >= maxEpisodeSteps;
        ended = transition.terminated() || truncated;
        return new StepResult(observation(), transition.reward(), transition.terminated(), truncated);
    }

    @Override
    public final void setState(double[] state) {
        int n = stateDimension();
        if (state == null || state.length != n) {
            throw new InvalidArgumentException("state", id + ": state must have " + n + " values, got "
                    + (state == null ? "null" : Arrays.toString(state)));
        }
        for (double v : state) {
            if (!Double.isFinite(v)) {
                throw new InvalidArgumentException("state", id + ": state must be finite, got "
                        + Arrays.toString(state));
            }
        }
        writeState(state.clone());
    }

    @Override
    public String toString() {
        return id + Arrays.toString(state());
    }

    /** {@return the number of values of {@link #state()}} */
    protected abstract int stateDimension();

    /**
     * Stores a checked state.
     *
     * @param state a finite vector of {@link #stateDimension()} values (a private copy)
     */
    protected abstract void writeState(double[] state);

    /**
     * Draws the initial state of an episode.
     *
     * @param random the environment's generator
     */
    protected abstract void drawInitialState(SplittableRandom random);

    /**
     * Applies one checked action to the state.
     *
     * @param action a valid action (for a box: of the right dimension and finite, not yet clipped)
     * @return reward and termination
     */
    protected abstract Transition advance(double[] action);

    /** {@return the observation of the current state} */
    protected abstract double[] observation();

    /**
     * A uniform draw from {@code [low, high)}, as NumPy's {@code uniform(low, high)}.
     *
     * @param random the generator
     * @param low    lower end
     * @param high   upper end
     * @return the draw
     */
    protected static double uniform(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    /**
     * {@code min(max(x, low), high)}, as {@code np.clip} on a scalar.
     *
     * @param x    value
     * @param low  lower bound
     * @param high upper bound
     * @return the clipped value
     */
    protected static double clip(double x, double low, double high) {
        return Math.min(Math.max(x, low), high);
    }

    /**
     * The discrete index of a checked action (only for a {@link Discrete} action space).
     *
     * @param action a checked action
     * @return its index
     */
    protected static int index(double[] action) {
        return (int) action[0];
    }
}
