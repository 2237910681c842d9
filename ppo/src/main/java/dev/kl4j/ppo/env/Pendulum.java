package dev.kl4j.ppo.env;

import java.util.SplittableRandom;

/**
 * Gymnasium's {@code Pendulum-v1}: swing a rod, hinged at one end, up and keep it upright with a torque
 * {@code u ∈ [−2, 2]}. The angle θ is 0 upright, positive counter-clockwise.
 *
 * <p>One step, with the torque first clipped to {@code [−max_torque, max_torque]}:
 * <pre>
 *   cost = normalize(θ)² + 0.1 θ̇² + 0.001 u²          (on the state before the step)
 *   θ̇'   = clip(θ̇ + (3g/(2l) sin θ + 3/(m l²) u) dt, −8, 8)
 *   θ'   = θ + θ̇' dt                                   (semi-implicit Euler: the new velocity)
 *   reward = −cost
 * </pre>
 * where {@code normalize(x) = ((x + π) mod 2π) − π} with a floored modulo (Python's {@code %}), so the
 * angle in the cost lies in [−π, π). Constants: max_speed 8, max_torque 2.0, dt 0.05, g 10.0, m 1.0, l 1.0.
 *
 * <p>State {@code [θ, θ̇]} (θ is not wrapped); observation {@code [cos θ, sin θ, θ̇]} (float64 here; float32
 * in Gymnasium) in the box {@code ±[1, 1, 8]}. Never terminates; truncated at 200 steps. Reset:
 * θ from {@code U[−π, π)}, then θ̇ from {@code U[−1, 1)}.
 *
 * <p>Source: Gymnasium {@code gymnasium/envs/classic_control/pendulum.py} ({@code PendulumEnv}) and its
 * registration ({@code max_episode_steps=200}).
 */
public final class Pendulum extends ClassicControlEnvironment {

    /** The Gymnasium id. */
    public static final String ID = "Pendulum-v1";
    /** Largest angular speed, rad/s. */
    public static final double MAX_SPEED = 8;
    /** Largest torque. */
    public static final double MAX_TORQUE = 2.0;
    /** Seconds per step. */
    public static final double DT = 0.05;
    /** Gravity (Gymnasium's default {@code g=10.0}). */
    public static final double G = 10.0;
    /** Mass. */
    public static final double M = 1.0;
    /** Length. */
    public static final double L = 1.0;
    /** The time limit. */
    public static final int MAX_EPISODE_STEPS = 200;

    private static final Box ACTIONS = Box.uniform(-MAX_TORQUE, MAX_TORQUE, 1);
    private static final Box OBSERVATIONS = Box.symmetric(1, 1, MAX_SPEED);

    private double theta;
    private double thetaDot;

    /** A new environment; call {@link #reset(long)} before stepping. */
    public Pendulum() {
        super(ID, MAX_EPISODE_STEPS, OBSERVATIONS, ACTIONS);
    }

    /** {@return {@code [θ, θ̇]}} */
    @Override
    public double[] state() {
        return new double[] {theta, thetaDot};
    }

    @Override
    protected int stateDimension() {
        return 2;
    }

    @Override
    protected void writeState(double[] s) {
        theta = s[0];
        thetaDot = s[1];
    }

    @Override
    protected void drawInitialState(SplittableRandom random) {
        theta = uniform(random, -Math.PI, Math.PI);
        thetaDot = uniform(random, -1.0, 1.0);
    }

    @Override
    protected Transition advance(double[] action) {
        double u = clip(action[0], -MAX_TORQUE, MAX_TORQUE);
        double angle = angleNormalize(theta);
        double cost = angle * angle + 0.1 * (thetaDot * thetaDot) + 0.001 * (u * u);
        double newThetaDot = thetaDot + (3 * G / (2 * L) * Math.sin(theta) + 3.0 / (M * (L * L)) * u) * DT;
        newThetaDot = clip(newThetaDot, -MAX_SPEED, MAX_SPEED);
        double newTheta = theta + newThetaDot * DT;
        theta = newTheta;
        thetaDot = newThetaDot;
        return new Transition(-cost, false);
    }

    @Override
    protected double[] observation() {
        return new double[] {Math.cos(theta), Math.sin(theta), thetaDot};
    }

    /**
     * Gymnasium's {@code angle_normalize}: {@code ((x + π) % 2π) − π} with Python's floored {@code %},
     * whose result has the sign of the divisor.
     *
     * @param x an angle
     * @return the same angle in [−π, π)
     */
    public static double angleNormalize(double x) {
        double period = 2 * Math.PI;
        double r = (x + Math.PI) % period; // C fmod: sign of the dividend
        if (r < 0) {
            r += period; // Python: a non-zero remainder takes the divisor's sign
        }
        return r - Math.PI;
    }
}
