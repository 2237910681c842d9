package dev.kl4j.ppo.env;

import java.util.SplittableRandom;

/**
 * Gymnasium's {@code MountainCarContinuous-v0}: an under-powered car in a valley, {@code y = sin 3x}; push
 * with a force {@code a ∈ [−1, 1]} and reach the flag at {@code x ≥ 0.45} on the right hill.
 *
 * <p>One step, as Gymnasium writes it:
 * <pre>
 *   force = min(max(a, −1), 1)
 *   v' = clip(v + force · power − 0.0025 cos 3x, −0.07, 0.07)
 *   x' = clip(x + v', −1.2, 0.6);   v' = 0 if x' = −1.2 and v' &lt; 0   (inelastic left wall)
 *   terminated = x' ≥ 0.45 and v' ≥ goal_velocity
 *   reward = 100 · [terminated] − 0.1 a²
 * </pre>
 * with power 0.0015 and goal_velocity 0. The force is the action clipped to the action space; the
 * penalty {@code 0.1 a²} uses the action as given ({@code math.pow(action[0], 2) * 0.1} in Gymnasium),
 * which differs from the clipped one only for actions outside [−1, 1]. The new state is stored as
 * float32 ({@code np.array([position, velocity], dtype=np.float32)}), so after each step the state here is
 * rounded to float32 too; the arithmetic of a step is float64, as in Gymnasium under NumPy 1.x. Under
 * NumPy 2 (NEP 50 promotion) Gymnasium's {@code velocity += ...} on the float32 state runs in float32,
 * which moves the state by float32 rounding (about 1e-8) per step.
 *
 * <p>State and observation {@code [x, v]} (float64 values here; float32 in Gymnasium) in the box
 * {@code [−1.2, −0.07] .. [0.6, 0.07]} (float32 bounds). Truncated at 999 steps. Reset: position from
 * {@code U[−0.6, −0.4)}, velocity 0.
 *
 * <p>Source: Gymnasium {@code gymnasium/envs/classic_control/continuous_mountain_car.py}
 * ({@code Continuous_MountainCarEnv}) and its registration ({@code max_episode_steps=999},
 * {@code reward_threshold=90.0}).
 */
public final class MountainCarContinuous extends ClassicControlEnvironment {

    /** The Gymnasium id. */
    public static final String ID = "MountainCarContinuous-v0";
    /** Smallest action. */
    public static final double MIN_ACTION = -1.0;
    /** Largest action. */
    public static final double MAX_ACTION = 1.0;
    /** Left wall. */
    public static final double MIN_POSITION = -1.2;
    /** Right end. */
    public static final double MAX_POSITION = 0.6;
    /** Largest speed. */
    public static final double MAX_SPEED = 0.07;
    /** The flag. */
    public static final double GOAL_POSITION = 0.45;
    /** Smallest speed that counts at the flag (Gymnasium's default {@code goal_velocity=0}). */
    public static final double GOAL_VELOCITY = 0;
    /** Acceleration per unit of force. */
    public static final double POWER = 0.0015;
    /** The time limit. */
    public static final int MAX_EPISODE_STEPS = 999;

    private static final Box ACTIONS = Box.uniform(MIN_ACTION, MAX_ACTION, 1);
    private static final Box OBSERVATIONS = new Box(
            new double[] {(float) MIN_POSITION, (float) -MAX_SPEED},
            new double[] {(float) MAX_POSITION, (float) MAX_SPEED});

    private double position;
    private double velocity;

    /** A new environment; call {@link #reset(long)} before stepping. */
    public MountainCarContinuous() {
        super(ID, MAX_EPISODE_STEPS, OBSERVATIONS, ACTIONS);
    }

    /** {@return {@code [position, velocity]}} */
    @Override
    public double[] state() {
        return new double[] {position, velocity};
    }

    @Override
    protected int stateDimension() {
        return 2;
    }

    @Override
    protected void writeState(double[] s) {
        position = s[0];
        velocity = s[1];
    }

    @Override
    protected void drawInitialState(SplittableRandom random) {
        position = uniform(random, -0.6, -0.4);
        velocity = 0;
    }

    @Override
    protected Transition advance(double[] action) {
        double a = action[0];
        double force = Math.min(Math.max(a, MIN_ACTION), MAX_ACTION);
        double x = position;
        double v = velocity;
        v += force * POWER - 0.0025 * Math.cos(3 * x);
        if (v > MAX_SPEED) {
            v = MAX_SPEED;
        }
        if (v < -MAX_SPEED) {
            v = -MAX_SPEED;
        }
        x += v;
        if (x > MAX_POSITION) {
            x = MAX_POSITION;
        }
        if (x < MIN_POSITION) {
            x = MIN_POSITION;
        }
        if (x == MIN_POSITION && v < 0) {
            v = 0;
        }
        boolean terminated = x >= GOAL_POSITION && v >= GOAL_VELOCITY;
        double reward = 0;
        if (terminated) {
            reward = 100.0;
        }
        reward -= Math.pow(a, 2) * 0.1;
        // Gymnasium keeps the state as float32 between steps.
        position = (float) x;
        velocity = (float) v;
        return new Transition(reward, terminated);
    }

    @Override
    protected double[] observation() {
        return state();
    }

    /**
     * The height of the track, {@code sin(3x)·0.45 + 0.55} (Gymnasium's {@code _height}, for drawing).
     *
     * @param x a position
     * @return the height
     */
    public static double height(double x) {
        return Math.sin(3 * x) * 0.45 + 0.55;
    }
}
