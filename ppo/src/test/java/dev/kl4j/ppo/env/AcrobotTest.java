package dev.kl4j.ppo.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Acrobot-v1 against an independent RK4 of the book equations, written here as the 2×2 mass-matrix
 * system M(θ) θ̈ = b solved by Cramer's rule (Sutton and Barto, section 11.3; Spong 1995):
 * <pre>
 *   [ d1  d2  ] [θ̈1]   [ −φ1                              ]
 *   [ d2  d22 ] [θ̈2] = [ τ − φ2 − m2 l1 lc2 θ̇1² sin θ2 ]
 * </pre>
 * with d22 = m2 lc2² + I2, φ1, φ2 the gravity/Coriolis terms (using cos(a − π/2) = sin a), and the
 * constants written out: m1 = m2 = 1, l1 = 1, lc1 = lc2 = 0.5, I1 = I2 = 1, g = 9.8, dt = 0.2.
 */
class AcrobotTest {

    private static double[] bookDerivative(double[] y, double tau) {
        double t1 = y[0];
        double t2 = y[1];
        double w1 = y[2];
        double w2 = y[3];
        double d1 = 1 * 0.25 + 1 * (1 + 0.25 + 2 * 1 * 0.5 * Math.cos(t2)) + 1 + 1;
        double d2 = 1 * (0.25 + 1 * 0.5 * Math.cos(t2)) + 1;
        double d22 = 1 * 0.25 + 1;
        double phi2 = 1 * 0.5 * 9.8 * Math.sin(t1 + t2);
        double phi1 = -1 * 1 * 0.5 * w2 * w2 * Math.sin(t2) - 2 * 1 * 1 * 0.5 * w2 * w1 * Math.sin(t2)
                + (1 * 0.5 + 1 * 1) * 9.8 * Math.sin(t1) + phi2;
        double b1 = -phi1;
        double b2 = tau - phi2 - 1 * 1 * 0.5 * w1 * w1 * Math.sin(t2);
        double det = d1 * d22 - d2 * d2;
        double a1 = (b1 * d22 - d2 * b2) / det;
        double a2 = (d1 * b2 - d2 * b1) / det;
        return new double[] {w1, w2, a1, a2};
    }

    private static double[] rk4(UnaryOperator<double[]> f, double[] y, double h) {
        double[] k1 = f.apply(y);
        double[] k2 = f.apply(add(y, h / 2, k1));
        double[] k3 = f.apply(add(y, h / 2, k2));
        double[] k4 = f.apply(add(y, h, k3));
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
        }
        return out;
    }

    private static double[] add(double[] y, double a, double[] k) {
        double[] out = y.clone();
        for (int i = 0; i < y.length; i++) {
            out[i] += a * k[i];
        }
        return out;
    }

    private static Acrobot started(double... state) {
        Acrobot env = new Acrobot();
        env.reset(2);
        env.setState(state);
        return env;
    }

    @Test
    void oneStepIsAnRk4StepOfTheBookEquations() {
        double[] s = {0.4, -0.9, 1.1, -2.3};
        for (int action = 0; action < 3; action++) {
            double tau = action - 1.0;
            Acrobot env = started(s);
            StepResult r = env.step(new double[] {action});
            double[] expected = rk4(y -> bookDerivative(y, tau), s, 0.2);
            assertArrayEquals(expected, env.state(), 1e-12, "action " + action);
            double[] obs = {Math.cos(expected[0]), Math.sin(expected[0]), Math.cos(expected[1]),
                Math.sin(expected[1]), expected[2], expected[3]};
            assertArrayEquals(obs, r.observation(), 1e-12);
            assertEquals(-1.0, r.reward());
            assertFalse(r.terminated());
        }
    }

    @Test
    void theDerivativeMatchesTheMassMatrixSolution() {
        double[][] states = {{0, 0, 0, 0}, {3.0, -2.0, 5.0, 20.0}, {-1.2, 2.9, -7.0, 1.0}};
        for (double[] s : states) {
            for (double tau = -1; tau <= 1; tau++) {
                assertArrayEquals(bookDerivative(s, tau), Acrobot.derivatives(s, tau), 1e-12);
            }
        }
    }

    @Test
    void anglesWrapIntoMinusPiPiAndSpeedsAreBounded() {
        // Starting near +π with a large speed, θ1 passes π during the step and wraps to near −π.
        Acrobot env = started(Math.PI - 0.05, 0.0, 3.0, 0.0);
        env.step(new double[] {2}); // action 2: torque +1
        double[] s = env.state();
        double[] raw = rk4(y -> bookDerivative(y, 1.0), new double[] {Math.PI - 0.05, 0.0, 3.0, 0.0}, 0.2);
        assertTrue(raw[0] > Math.PI, "the unwrapped angle passed π: " + raw[0]);
        assertEquals(raw[0] - 2 * Math.PI, s[0], 1e-12);
        assertTrue(s[0] >= -Math.PI && s[0] <= Math.PI);
        // Speeds far above the limits are clipped to ±4π and ±9π.
        Acrobot fast = started(0.1, 0.1, 4 * Math.PI, -9 * Math.PI);
        fast.step(new double[] {2});
        double[] raw2 = rk4(y -> bookDerivative(y, 1.0), new double[] {0.1, 0.1, 4 * Math.PI, -9 * Math.PI}, 0.2);
        double[] f = fast.state();
        assertEquals(Math.max(-4 * Math.PI, Math.min(4 * Math.PI, raw2[2])), f[2], 1e-12);
        assertEquals(Math.max(-9 * Math.PI, Math.min(9 * Math.PI, raw2[3])), f[3], 1e-12);
        assertTrue(Math.abs(f[2]) <= 4 * Math.PI && Math.abs(f[3]) <= 9 * Math.PI);
        assertEquals(Math.PI, Acrobot.wrap(Math.PI, -Math.PI, Math.PI)); // the ends stay
        assertEquals(-Math.PI + 1, Acrobot.wrap(Math.PI + 1, -Math.PI, Math.PI), 1e-15);
        assertEquals(0.5, Acrobot.wrap(0.5 - 4 * Math.PI, -Math.PI, Math.PI), 1e-14);
        double far = Acrobot.wrap(1e300, -Math.PI, Math.PI); // no endless loop for a state set by hand
        assertTrue(far >= -Math.PI && far <= Math.PI);
        assertEquals(0.25, Acrobot.wrap(0.25 + 2 * Math.PI * 1e7, -Math.PI, Math.PI), 1e-6);
    }

    @Test
    void terminatesWhenTheTipIsAboveTheBarWithRewardZero() {
        // Upright (θ1 = π, θ2 = 0): −cos θ1 − cos(θ1 + θ2) = 2 > 1, an unstable equilibrium that barely moves.
        StepResult up = started(Math.PI, 0, 0, 0).step(new double[] {1});
        assertTrue(up.terminated());
        assertEquals(0.0, up.reward());
        // Horizontal first link, second straight up: −cos(π/2) − cos(π) = 1, not > 1 before the step;
        // check the rule on the state after the step directly.
        Acrobot env = started(Math.PI / 2, Math.PI / 2, 0, 0);
        StepResult r = env.step(new double[] {1});
        double[] s = env.state();
        assertEquals(-Math.cos(s[0]) - Math.cos(s[0] + s[1]) > 1.0, r.terminated());
        assertEquals(r.terminated() ? 0.0 : -1.0, r.reward());
        StepResult down = started(0, 0, 0, 0).step(new double[] {1});
        assertFalse(down.terminated());
        assertEquals(-1.0, down.reward());
    }

    @Test
    void truncatesAtFiveHundred() {
        Acrobot env = started(0, 0, 0, 0);
        for (int t = 1; t <= 500; t++) {
            env.setState(new double[] {0, 0, 0, 0});
            StepResult r = env.step(new double[] {1});
            assertFalse(r.terminated());
            assertEquals(t == 500, r.truncated());
        }
    }

    @Test
    void resetDrawsFloat32ValuesInPlusMinusATenth() {
        Acrobot env = new Acrobot();
        env.reset(9);
        double sum = 0;
        int n = 2000;
        for (int k = 0; k < n; k++) {
            env.reset();
            for (double v : env.state()) {
                assertTrue(v >= -0.1 && v <= 0.1);
                assertEquals((double) (float) v, v, 0.0, "rounded to float32 as Gymnasium's astype");
                sum += v;
            }
        }
        // sd of the mean of 4n draws: 0.1/√3/√8000 ≈ 6.5e-4.
        assertEquals(0, sum / (4 * n), 5 * 6.5e-4);
    }

    @Test
    void spaces() {
        Acrobot env = new Acrobot();
        assertEquals(new Discrete(3), env.actionSpace());
        Box obs = (Box) env.observationSpace();
        assertEquals(6, obs.dimension());
        assertEquals((double) (float) (9 * Math.PI), obs.high()[5]);
        assertEquals(500, env.maxEpisodeSteps());
    }
}
