package dev.kl4j.ppo.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pendulum-v1: cost, semi-implicit Euler, clipping, observation and time limit, by hand. */
class PendulumTest {

    private static Pendulum started(double theta, double thetaDot) {
        Pendulum env = new Pendulum();
        env.reset(5);
        env.setState(new double[] {theta, thetaDot});
        return env;
    }

    @Test
    void costAndSemiImplicitEulerStep() {
        double theta = 0.7;
        double thetaDot = -1.5;
        double u = 1.25;
        StepResult r = started(theta, thetaDot).step(new double[] {u});
        // dθ̇/dt = 3g/(2l) sin θ + 3/(m l²) u with g = 10, m = l = 1: 15 sin θ + 3u; dt = 0.05.
        double newThetaDot = thetaDot + (15 * Math.sin(theta) + 3 * u) * 0.05;
        double newTheta = theta + newThetaDot * 0.05; // the new velocity moves the angle
        assertArrayEquals(new double[] {Math.cos(newTheta), Math.sin(newTheta), newThetaDot}, r.observation(), 1e-15);
        double cost = theta * theta + 0.1 * thetaDot * thetaDot + 0.001 * u * u;
        assertEquals(-cost, r.reward(), 1e-15);
        assertFalse(r.terminated());
        assertFalse(r.truncated());
    }

    @Test
    void theCostUsesTheAngleNormalisedIntoMinusPiPi() {
        // θ = 5 rad is 5 − 2π ≈ −1.283 rad from upright.
        double reward = started(5.0, 0).step(new double[] {0}).reward();
        assertEquals(-Math.pow(5.0 - 2 * Math.PI, 2), reward, 1e-14);
        double rewardNeg = started(-4.0, 0).step(new double[] {0}).reward();
        assertEquals(-Math.pow(-4.0 + 2 * Math.PI, 2), rewardNeg, 1e-14);
        assertEquals(-Math.PI, Pendulum.angleNormalize(Math.PI), 1e-15); // [−π, π): π maps to −π
        assertEquals(0.5, Pendulum.angleNormalize(0.5 + 4 * Math.PI), 1e-14);
        assertEquals(-0.5, Pendulum.angleNormalize(-0.5 - 6 * Math.PI), 1e-14);
    }

    @Test
    void torqueIsClippedBeforeTheCostAndTheDynamics() {
        StepResult big = started(0.3, 0.2).step(new double[] {7.0});
        StepResult two = started(0.3, 0.2).step(new double[] {2.0});
        assertArrayEquals(two.observation(), big.observation(), 0.0);
        assertEquals(two.reward(), big.reward(), 0.0);
        assertEquals(-(0.09 + 0.1 * 0.04 + 0.001 * 4), two.reward(), 1e-15);
        StepResult low = started(0.3, 0.2).step(new double[] {-9.0});
        assertEquals(0.2 + (15 * Math.sin(0.3) - 6) * 0.05, low.observation()[2], 1e-15);
    }

    @Test
    void speedIsClippedAtEightBeforeTheAngleMoves() {
        StepResult r = started(1.0, 7.9).step(new double[] {2.0});
        assertEquals(8.0, r.observation()[2]);
        double newTheta = 1.0 + 8.0 * 0.05;
        assertEquals(Math.cos(newTheta), r.observation()[0], 1e-15);
        StepResult down = started(-1.0, -7.9).step(new double[] {-2.0});
        assertEquals(-8.0, down.observation()[2]);
    }

    @Test
    void neverTerminatesAndTruncatesAtTwoHundred() {
        Pendulum env = new Pendulum();
        env.reset(11);
        for (int t = 1; t <= 200; t++) {
            StepResult r = env.step(new double[] {Math.sin(t)});
            assertFalse(r.terminated());
            assertEquals(t == 200, r.truncated(), "step " + t);
            assertTrue(r.reward() <= 0 && r.reward() >= -(Math.PI * Math.PI + 6.4 + 0.004));
        }
    }

    @Test
    void resetDrawsAngleAndSpeedUniformly() {
        Pendulum env = new Pendulum();
        env.reset(0);
        int n = 4000;
        double sumTheta = 0;
        double sumSpeed = 0;
        for (int k = 0; k < n; k++) {
            double[] obs = env.reset();
            double[] s = env.state();
            assertTrue(s[0] >= -Math.PI && s[0] < Math.PI);
            assertTrue(s[1] >= -1 && s[1] < 1);
            assertArrayEquals(new double[] {Math.cos(s[0]), Math.sin(s[0]), s[1]}, obs, 0.0);
            sumTheta += s[0];
            sumSpeed += s[1];
        }
        // sd of the mean: π/√3/√n ≈ 0.0287 and 1/√3/√n ≈ 0.0091.
        assertEquals(0, sumTheta / n, 5 * 0.0287);
        assertEquals(0, sumSpeed / n, 5 * 0.0091);
    }

    @Test
    void spaces() {
        Pendulum env = new Pendulum();
        assertEquals(Box.uniform(-2, 2, 1), env.actionSpace());
        assertEquals(new Box(new double[] {-1, -1, -8}, new double[] {1, 1, 8}), env.observationSpace());
        assertEquals(200, env.maxEpisodeSteps());
    }
}
