package dev.kl4j.ppo.env;

import java.util.SplittableRandom;

/**
 * Gymnasium's {@code Acrobot-v1}: two links hanging from a fixed joint, torque {@code −1, 0, +1} at the
 * middle joint (actions 0, 1, 2); swing the tip above the bar.
 *
 * <p>Dynamics: the "book" equations (Sutton and Barto, Reinforcement Learning: An Introduction; Sutton
 * 1996), with masses m1 = m2 = 1, lengths l1 = 1, centres of mass lc1 = lc2 = 0.5, moments of inertia
 * I1 = I2 = 1, g = 9.8, torque τ:
 * <pre>
 *   d1 = m1 lc1² + m2 (l1² + lc2² + 2 l1 lc2 cos θ2) + I1 + I2
 *   d2 = m2 (lc2² + l1 lc2 cos θ2) + I2
 *   φ2 = m2 lc2 g cos(θ1 + θ2 − π/2)
 *   φ1 = −m2 l1 lc2 θ̇2² sin θ2 − 2 m2 l1 lc2 θ̇2 θ̇1 sin θ2 + (m1 lc1 + m2 l1) g cos(θ1 − π/2) + φ2
 *   θ̈2 = (τ + d2/d1 φ1 − m2 l1 lc2 θ̇1² sin θ2 − φ2) / (m2 lc2² + I2 − d2²/d1)
 *   θ̈1 = −(d2 θ̈2 + φ1) / d1
 * </pre>
 * integrated over one step of dt = 0.2 s by a single classical Runge–Kutta (RK4) step with τ held
 * fixed; then θ1, θ2 are wrapped into [−π, π] and θ̇1, θ̇2 clipped to ±4π and ±9π. Torque noise is 0.
 *
 * <p>State {@code [θ1, θ2, θ̇1, θ̇2]}; observation {@code [cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2]}
 * (float64 here; float32 in Gymnasium) in {@code ±[1, 1, 1, 1, 4π, 9π]}. Terminates when the tip is
 * above the bar, {@code −cos θ1 − cos(θ1 + θ2) > 1}; reward −1 on every step that does not terminate and
 * 0 on the step that does (Gymnasium: {@code reward = -1.0 if not terminated else 0.0}). Truncated at
 * 500 steps. Reset: the four values from {@code U[−0.1, 0.1)}, rounded to float32 as Gymnasium does
 * ({@code .astype(np.float32)}); the steps then compute in float64.
 *
 * <p>Source: Gymnasium {@code gymnasium/envs/classic_control/acrobot.py} ({@code AcrobotEnv},
 * {@code book_or_nips = "book"}, {@code rk4}, {@code wrap}, {@code bound}) and its registration
 * ({@code max_episode_steps=500}).
 */
public final class Acrobot extends ClassicControlEnvironment {

    /** The Gymnasium id. */
    public static final String ID = "Acrobot-v1";
    /** Seconds per step. */
    public static final double DT = 0.2;
    /** Length of link 1, m. */
    public static final double LINK_LENGTH_1 = 1.0;
    /** Length of link 2, m. */
    public static final double LINK_LENGTH_2 = 1.0;
    /** Mass of link 1, kg. */
    public static final double LINK_MASS_1 = 1.0;
    /** Mass of link 2, kg. */
    public static final double LINK_MASS_2 = 1.0;
    /** Centre of mass of link 1, m from its joint. */
    public static final double LINK_COM_POS_1 = 0.5;
    /** Centre of mass of link 2, m from its joint. */
    public static final double LINK_COM_POS_2 = 0.5;
    /** Moment of inertia of each link. */
    public static final double LINK_MOI = 1.0;
    /** Gravity. */
    public static final double GRAVITY = 9.8;
    /** Largest speed of joint 1, rad/s. */
    public static final double MAX_VEL_1 = 4 * Math.PI;
    /** Largest speed of joint 2, rad/s. */
    public static final double MAX_VEL_2 = 9 * Math.PI;
    /** Torque of each action. */
    private static final double[] AVAILABLE_TORQUE = {-1.0, 0.0, +1};
    /** The time limit. */
    public static final int MAX_EPISODE_STEPS = 500;

    private static final Discrete ACTIONS = new Discrete(3);
    /** ±[1, 1, 1, 1, 4π, 9π], in float32 as Gymnasium builds it. */
    private static final Box OBSERVATIONS = Box.symmetric(1, 1, 1, 1, (float) MAX_VEL_1, (float) MAX_VEL_2);

    private final double[] s = new double[4];

    /** A new environment; call {@link #reset(long)} before stepping. */
    public Acrobot() {
        super(ID, MAX_EPISODE_STEPS, OBSERVATIONS, ACTIONS);
    }

    /**
     * {@return the torque it applies: −1, 0, +1}
     *
     * @param action an action index 0, 1 or 2
     */
    public static double torque(int action) {
        return AVAILABLE_TORQUE[action];
    }

    /** {@return {@code [θ1, θ2, θ̇1, θ̇2]}} */
    @Override
    public double[] state() {
        return s.clone();
    }

    @Override
    protected int stateDimension() {
        return 4;
    }

    @Override
    protected void writeState(double[] state) {
        System.arraycopy(state, 0, s, 0, 4);
    }

    @Override
    protected void drawInitialState(SplittableRandom random) {
        for (int i = 0; i < 4; i++) {
            s[i] = (float) uniform(random, -0.1, 0.1);
        }
    }

    @Override
    protected Transition advance(double[] action) {
        double torque = AVAILABLE_TORQUE[index(action)];
        double[] next = rk4(s, torque, DT);
        s[0] = wrap(next[0], -Math.PI, Math.PI);
        s[1] = wrap(next[1], -Math.PI, Math.PI);
        s[2] = clip(next[2], -MAX_VEL_1, MAX_VEL_1);
        s[3] = clip(next[3], -MAX_VEL_2, MAX_VEL_2);
        boolean terminated = -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1.0;
        return new Transition(terminated ? 0.0 : -1.0, terminated);
    }

    @Override
    protected double[] observation() {
        return new double[] {Math.cos(s[0]), Math.sin(s[0]), Math.cos(s[1]), Math.sin(s[1]), s[2], s[3]};
    }

    /**
     * One classical RK4 step of {@link #derivatives} with the torque held fixed, as Gymnasium's
     * {@code rk4(derivs, y0, [0, dt])}: {@code y + dt/6 (k1 + 2 k2 + 2 k3 + k4)}.
     */
    private static double[] rk4(double[] y, double torque, double dt) {
        double dt2 = dt / 2.0;
        double[] k1 = derivatives(y, torque);
        double[] k2 = derivatives(axpy(y, dt2, k1), torque);
        double[] k3 = derivatives(axpy(y, dt2, k2), torque);
        double[] k4 = derivatives(axpy(y, dt, k3), torque);
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            out[i] = y[i] + dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return out;
    }

    private static double[] axpy(double[] y, double a, double[] k) {
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            out[i] = y[i] + a * k[i];
        }
        return out;
    }

    /**
     * The time derivative of {@code [θ1, θ2, θ̇1, θ̇2]} under the book equations (Gymnasium's
     * {@code _dsdt}).
     *
     * @param state  {@code [θ1, θ2, θ̇1, θ̇2]}
     * @param torque the torque at the middle joint
     * @return {@code [θ̇1, θ̇2, θ̈1, θ̈2]}
     */
    static double[] derivatives(double[] state, double torque) {
        double m1 = LINK_MASS_1;
        double m2 = LINK_MASS_2;
        double l1 = LINK_LENGTH_1;
        double lc1 = LINK_COM_POS_1;
        double lc2 = LINK_COM_POS_2;
        double i1 = LINK_MOI;
        double i2 = LINK_MOI;
        double g = GRAVITY;
        double theta1 = state[0];
        double theta2 = state[1];
        double dtheta1 = state[2];
        double dtheta2 = state[3];
        double d1 = m1 * (lc1 * lc1) + m2 * ((l1 * l1) + (lc2 * lc2) + 2 * l1 * lc2 * Math.cos(theta2)) + i1 + i2;
        double d2 = m2 * ((lc2 * lc2) + l1 * lc2 * Math.cos(theta2)) + i2;
        double phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * Math.sin(theta2)
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2)
                + (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2)
                + phi2;
        // "book" dynamics: the term m2 l1 lc2 θ̇1² sin θ2 that the NIPS paper omits.
        double ddtheta2 = (torque + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * Math.sin(theta2) - phi2)
                / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        return new double[] {dtheta1, dtheta2, ddtheta1, ddtheta2};
    }

    /**
     * Gymnasium's {@code wrap}: shifts {@code x} by whole periods {@code M − m} until {@code m <= x <= M}.
     *
     * @param x   value
     * @param min lower end
     * @param max upper end
     * @return the wrapped value
     */
    static double wrap(double x, double min, double max) {
        double diff = max - min;
        if (Math.abs(x) > 1e6 * diff) {
            // Far outside any state the dynamics reach (speeds are bounded): Gymnasium's loop would take
            // too long or, once x - diff == x, forever; use the floored remainder instead.
            double r = (x - min) % diff;
            return (r < 0 ? r + diff : r) + min;
        }
        while (x > max) {
            x = x - diff;
        }
        while (x < min) {
            x = x + diff;
        }
        return x;
    }
}
