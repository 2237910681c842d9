package dev.kl4j.ppo.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MountainCarContinuous-v0: force, gravity, bounds, goal and reward, by hand. */
class MountainCarContinuousTest {

    private static MountainCarContinuous started(double position, double velocity) {
        MountainCarContinuous env = new MountainCarContinuous();
        env.reset(4);
        env.setState(new double[] {position, velocity});
        return env;
    }

    @Test
    void forceAndGravityMoveTheCar() {
        StepResult r = started(-0.5, 0.01).step(new double[] {0.6});
        // v' = v + a · 0.0015 − 0.0025 cos(3x); x' = x + v'; stored as float32.
        double v = 0.01 + 0.6 * 0.0015 - 0.0025 * Math.cos(-1.5);
        double x = -0.5 + v;
        assertArrayEquals(new double[] {(float) x, (float) v}, r.observation(), 0.0);
        assertEquals(-0.1 * 0.36, r.reward(), 1e-15);
        assertFalse(r.terminated());
    }

    @Test
    void theForceIsClippedButThePenaltyUsesTheGivenAction() {
        StepResult over = started(-0.5, 0).step(new double[] {3.0});
        StepResult one = started(-0.5, 0).step(new double[] {1.0});
        assertArrayEquals(one.observation(), over.observation(), 0.0);
        assertEquals(-0.1, one.reward(), 1e-15);
        assertEquals(-0.9, over.reward(), 1e-15); // Gymnasium: reward -= math.pow(action[0], 2) * 0.1
    }

    @Test
    void speedIsBoundedAtSevenHundredths() {
        // At x = −π/6, cos(3x) = 0: gravity vanishes and the push takes v past 0.07.
        StepResult r = started(-Math.PI / 6, 0.0695).step(new double[] {1});
        assertEquals((float) 0.07, r.observation()[1]);
        assertEquals((float) (-Math.PI / 6 + 0.07), r.observation()[0]);
        StepResult back = started(-Math.PI / 6, -0.0695).step(new double[] {-1});
        assertEquals((float) -0.07, back.observation()[1]);
    }

    @Test
    void theLeftWallStopsTheCar() {
        StepResult r = started(-1.17, -0.06).step(new double[] {-1});
        assertEquals((float) -1.2, r.observation()[0]);
        assertEquals(0.0, r.observation()[1]);
        // Moving right at the wall keeps its speed.
        double v = 0.001 + 1 * 0.0015 - 0.0025 * Math.cos(3 * -1.2);
        StepResult right = started(-1.2, 0.001).step(new double[] {1});
        assertEquals((float) v, right.observation()[1]);
    }

    @Test
    void reachingTheFlagTerminatesWithAHundred() {
        StepResult r = started(0.44, 0.02).step(new double[] {0.5});
        assertTrue(r.terminated());
        assertEquals(100 - 0.1 * 0.25, r.reward(), 1e-12);
        // Just short of the flag: not terminated.
        double v = 0.001 - 0.0025 * Math.cos(3 * 0.44);
        assertTrue(0.44 + v < 0.45);
        assertFalse(started(0.44, 0.001).step(new double[] {0}).terminated());
        // The right end clips the position at 0.6.
        StepResult end = started(0.59, 0.07).step(new double[] {1});
        assertEquals((float) 0.6, end.observation()[0]);
        assertTrue(end.terminated());
    }

    @Test
    void truncatesAt999() {
        MountainCarContinuous env = started(-0.5, 0);
        for (int t = 1; t <= 999; t++) {
            StepResult r = env.step(new double[] {0});
            assertFalse(r.terminated(), "no push never reaches the flag");
            assertEquals(t == 999, r.truncated());
        }
    }

    @Test
    void resetDrawsThePositionInTheValleyAtRest() {
        MountainCarContinuous env = new MountainCarContinuous();
        env.reset(21);
        double sum = 0;
        int n = 4000;
        for (int k = 0; k < n; k++) {
            double[] obs = env.reset();
            assertTrue(obs[0] >= -0.6 && obs[0] < -0.4);
            assertEquals(0.0, obs[1]);
            sum += obs[0];
        }
        // sd of the mean: 0.1/√3/√4000 ≈ 9.1e-4.
        assertEquals(-0.5, sum / n, 5 * 9.1e-4);
    }

    @Test
    void spaces() {
        MountainCarContinuous env = new MountainCarContinuous();
        assertEquals(Box.uniform(-1, 1, 1), env.actionSpace());
        Box obs = (Box) env.observationSpace();
        assertEquals((double) -1.2f, obs.low()[0]);
        assertEquals((double) 0.07f, obs.high()[1]);
        assertEquals(999, env.maxEpisodeSteps());
        assertEquals(0.55 + 0.45 * Math.sin(3 * 0.45), MountainCarContinuous.height(0.45), 1e-15);
    }
}
