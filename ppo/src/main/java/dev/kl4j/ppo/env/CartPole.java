package dev.kl4j.ppo.env;

import java.util.SplittableRandom;

/**
 * Gymnasium's {@code CartPole-v1}: a pole hinged on a cart that moves on a frictionless track; push the
 * cart left (action 0) or right (action 1) with a force of 10 N to keep the pole upright.
 *
 * <p>Dynamics (Barto, Sutton and Anderson 1983; the corrected equations of Florian 2007, "Correct
 * equations for the dynamics of the cart-pole system", eqs. 23–24 without friction), with
 * {@code F = ±force_mag}, pole mass {@code m}, total mass {@code M = m_cart + m}, half-length {@code l}:
 * <pre>
 *   temp   = (F + m l θ̇² sin θ) / M
 *   θ̈      = (g sin θ − cos θ · temp) / (l (4/3 − m cos²θ / M))
 *   ẍ      = temp − m l θ̈ cos θ / M
 * </pre>
 * integrated by explicit Euler with {@code τ = 0.02 s}, positions first from the old velocities:
 * {@code x += τ ẋ; ẋ += τ ẍ; θ += τ θ̇; θ̇ += τ θ̈}. Constants: g 9.8, m_cart 1.0, m 0.1, l 0.5,
 * force_mag 10.0.
 *
 * <p>State and observation {@code [x, ẋ, θ, θ̇]} (float64 here; float32 in Gymnasium). Reward +1 on
 * every step, including the terminating one. Terminates when {@code |x| > 2.4} or
 * {@code |θ| > 12·2π/360} rad; truncated at 500 steps. Reset: all four values from {@code U[−0.05, 0.05)}.
 * Observation space: {@code ±[4.8, float32 max, 24·2π/360, float32 max]} as float32.
 *
 * <p>Source: Gymnasium {@code gymnasium/envs/classic_control/cartpole.py} ({@code CartPoleEnv}) and its
 * registration ({@code max_episode_steps=500}, {@code reward_threshold=475}).
 */
public final class CartPole extends ClassicControlEnvironment {

    /** The Gymnasium id. */
    public static final String ID = "CartPole-v1";
    /** Gravity, m/s². */
    public static final double GRAVITY = 9.8;
    /** Mass of the cart, kg. */
    public static final double MASS_CART = 1.0;
    /** Mass of the pole, kg. */
    public static final double MASS_POLE = 0.1;
    /** Half the pole's length, m (Gymnasium's {@code length}). */
    public static final double HALF_LENGTH = 0.5;
    /** Magnitude of the push, N. */
    public static final double FORCE_MAG = 10.0;
    /** Seconds per step. */
    public static final double TAU = 0.02;
    /** The pole fails beyond this angle: 12°, as Gymnasium computes it. */
    public static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    /** The cart fails beyond this position. */
    public static final double X_THRESHOLD = 2.4;
    /** The time limit. */
    public static final int MAX_EPISODE_STEPS = 500;

    private static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    private static final double POLEMASS_LENGTH = MASS_POLE * HALF_LENGTH;
    private static final Discrete ACTIONS = new Discrete(2);
    /** ±[4.8, float32 max, 24°, float32 max], in float32 as Gymnasium builds it. */
    private static final Box OBSERVATIONS = Box.symmetric(
            (float) (X_THRESHOLD * 2), Float.MAX_VALUE, (float) (THETA_THRESHOLD_RADIANS * 2), Float.MAX_VALUE);

    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;

    /** A new environment; call {@link #reset(long)} before stepping. */
    public CartPole() {
        super(ID, MAX_EPISODE_STEPS, OBSERVATIONS, ACTIONS);
    }

    /** {@return {@code [x, ẋ, θ, θ̇]}} */
    @Override
    public double[] state() {
        return new double[] {x, xDot, theta, thetaDot};
    }

    @Override
    protected int stateDimension() {
        return 4;
    }

    @Override
    protected void writeState(double[] s) {
        x = s[0];
        xDot = s[1];
        theta = s[2];
        thetaDot = s[3];
    }

    @Override
    protected void drawInitialState(SplittableRandom random) {
        x = uniform(random, -0.05, 0.05);
        xDot = uniform(random, -0.05, 0.05);
        theta = uniform(random, -0.05, 0.05);
        thetaDot = uniform(random, -0.05, 0.05);
    }

    @Override
    protected Transition advance(double[] action) {
        double force = index(action) == 1 ? FORCE_MAG : -FORCE_MAG;
        double cosTheta = Math.cos(theta);
        double sinTheta = Math.sin(theta);
        double temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sinTheta) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
                / (HALF_LENGTH * (4.0 / 3.0 - MASS_POLE * (cosTheta * cosTheta) / TOTAL_MASS));
        double xAcc = temp - POLEMASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;
        // Explicit Euler (kinematics_integrator == "euler"): positions move with the old velocities.
        x = x + TAU * xDot;
        xDot = xDot + TAU * xAcc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaAcc;
        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
        return new Transition(1.0, terminated);
    }

    @Override
    protected double[] observation() {
        return state();
    }
}
