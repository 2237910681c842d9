package dev.kl4j.ppo.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * CartPole-v1 against the cart-pole equations of Barto, Sutton and Anderson (1983), written out here
 * in their published form with the constants as numbers (g 9.8, cart 1.0 kg, pole 0.1 kg, half-length
 * 0.5 m, force 10 N, τ 0.02 s).
 */
class CartPoleTest {

    /** One explicit-Euler step of the published equations: [x, ẋ, θ, θ̇] for a push {@code force}. */
    private static double[] publishedStep(double[] s, double force) {
        double g = 9.8;
        double mc = 1.0;
        double m = 0.1;
        double l = 0.5;
        double tau = 0.02;
        double th = s[2];
        double thd = s[3];
        // Barto et al. 1983, eqs. (as corrected for the sign of the force term by Florian 2007, eq. 23):
        // θ̈ = [g sin θ + cos θ (−F − m l θ̇² sin θ)/(mc + m)] / [l (4/3 − m cos²θ/(mc + m))]
        double thetaAcc = (g * Math.sin(th) + Math.cos(th) * (-force - m * l * thd * thd * Math.sin(th)) / (mc + m))
                / (l * (4.0 / 3.0 - m * Math.cos(th) * Math.cos(th) / (mc + m)));
        // ẍ = [F + m l (θ̇² sin θ − θ̈ cos θ)] / (mc + m)
        double xAcc = (force + m * l * (thd * thd * Math.sin(th) - thetaAcc * Math.cos(th))) / (mc + m);
        return new double[] {s[0] + tau * s[1], s[1] + tau * xAcc, s[2] + tau * s[3], s[3] + tau * thetaAcc};
    }

    private static CartPole started(double... state) {
        CartPole env = new CartPole();
        env.reset(1);
        env.setState(state);
        return env;
    }

    @Test
    void oneStepFollowsThePublishedEquations() {
        double[] s = {0.31, -0.7, 0.12, 1.3};
        for (int action = 0; action < 2; action++) {
            CartPole env = started(s);
            StepResult r = env.step(new double[] {action});
            double[] expected = publishedStep(s, action == 1 ? 10.0 : -10.0);
            assertArrayEquals(expected, r.observation(), 1e-14);
            assertArrayEquals(expected, env.state(), 1e-14);
            assertEquals(1.0, r.reward());
            assertFalse(r.terminated());
            assertFalse(r.truncated());
            assertEquals(1, env.elapsedSteps());
        }
    }

    @Test
    void fromRestPositionsKeepTheOldVelocities() {
        // From rest, explicit Euler leaves x and θ at 0 and sets only the velocities:
        // θ̈ = −(10/1.1) / (0.5 (4/3 − 0.1/1.1)), ẍ = 10/1.1 − 0.05 θ̈ / 1.1.
        CartPole env = started(0, 0, 0, 0);
        double[] next = env.step(new double[] {1}).observation();
        double thetaAcc = -(10 / 1.1) / (0.5 * (4.0 / 3.0 - 0.1 / 1.1));
        double xAcc = 10 / 1.1 - 0.05 * thetaAcc / 1.1;
        assertEquals(0.0, next[0]);
        assertEquals(0.02 * xAcc, next[1], 1e-15);
        assertEquals(0.0, next[2]);
        assertEquals(0.02 * thetaAcc, next[3], 1e-15);
        assertTrue(next[3] < 0, "pushing right tips the pole left");
    }

    @Test
    void terminatesJustBeyondTheThresholds() {
        double thetaLimit = 12 * 2 * Math.PI / 360;
        // Exactly on a threshold is not beyond it (x = 2.4 + 0.02 * 0).
        assertFalse(started(2.4, 0, 0, 0).step(new double[] {0}).terminated());
        assertTrue(started(2.39, 1.0, 0, 0).step(new double[] {0}).terminated()); // x' = 2.41
        assertTrue(started(-2.39, -1.0, 0, 0).step(new double[] {1}).terminated());
        assertFalse(started(0, 0, thetaLimit, 0).step(new double[] {1}).terminated());
        StepResult fell = started(0, 0, thetaLimit - 0.001, 0.1).step(new double[] {1}); // θ' = limit + 0.001
        assertTrue(fell.terminated());
        assertEquals(1.0, fell.reward(), "the terminating step is rewarded too");
        assertTrue(started(0, 0, -thetaLimit + 0.001, -0.1).step(new double[] {0}).terminated());
    }

    @Test
    void truncatesAtFiveHundredStepsAndThenNeedsReset() {
        CartPole env = started(0, 0, 0, 0);
        for (int t = 1; t <= 500; t++) {
            env.setState(new double[] {0, 0, 0, 0}); // keep it upright; the step count is untouched
            StepResult r = env.step(new double[] {t % 2});
            assertFalse(r.terminated());
            assertEquals(t == 500, r.truncated(), "step " + t);
        }
        assertEquals(500, env.elapsedSteps());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(new double[] {0}));
        assertTrue(e.getMessage().contains("CartPole-v1"));
        env.reset();
        assertEquals(0, env.elapsedSteps());
        assertFalse(env.step(new double[] {0}).truncated());
    }

    @Test
    void resetDrawsEachValueUniformlyFromPlusMinusFiveHundredths() {
        CartPole env = new CartPole();
        double[] sum = new double[4];
        double[] min = {1, 1, 1, 1};
        double[] max = {-1, -1, -1, -1};
        int n = 4000;
        env.reset(3);
        for (int k = 0; k < n; k++) {
            double[] obs = env.reset();
            assertArrayEquals(env.state(), obs);
            for (int i = 0; i < 4; i++) {
                assertTrue(obs[i] >= -0.05 && obs[i] < 0.05, "value " + obs[i]);
                sum[i] += obs[i];
                min[i] = Math.min(min[i], obs[i]);
                max[i] = Math.max(max[i], obs[i]);
            }
        }
        for (int i = 0; i < 4; i++) {
            // U(−0.05, 0.05): mean 0, sd 0.05/√3 ≈ 0.0289; the mean of 4000 has sd ≈ 4.6e-4.
            assertEquals(0.0, sum[i] / n, 5 * 4.6e-4);
            assertTrue(min[i] < -0.049 && max[i] > 0.049, "the draws fill the interval");
        }
    }

    @Test
    void spacesAreGymnasiums() {
        CartPole env = new CartPole();
        assertEquals(new Discrete(2), env.actionSpace());
        Box obs = (Box) env.observationSpace();
        assertEquals(4, obs.dimension());
        assertEquals((double) 4.8f, obs.high()[0]);
        assertEquals((double) Float.MAX_VALUE, obs.high()[1]);
        assertEquals((double) (float) (24 * Math.PI / 180), obs.high()[2], 0.0);
        assertEquals(-obs.high()[3], obs.low()[3]);
        assertEquals(500, env.maxEpisodeSteps());
        assertEquals("CartPole-v1", env.id());
    }
}
