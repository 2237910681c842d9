package dev.kl4j.ppo.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/** Same-step auto-reset and final observations, against single environments driven by hand. */
class VectorEnvironmentTest {

    @Test
    void copiesAreSeededWithSeedPlusIndexAndAutoResetOnTermination() {
        int n = 3;
        long seed = 100;
        VectorEnvironment vec = VectorEnvironment.of("CartPole-v1", n, seed);
        Environment[] single = new Environment[n];
        double[][] obs = vec.reset();
        for (int i = 0; i < n; i++) {
            single[i] = Environments.make("CartPole-v1");
            assertArrayEquals(single[i].reset(seed + i), obs[i], 0.0);
        }
        int ended = 0;
        for (int t = 0; t < 200; t++) {
            double[][] actions = new double[n][];
            for (int i = 0; i < n; i++) {
                actions[i] = new double[] {(i + t / 7) % 2}; // crude, so that episodes end often
            }
            VectorStep step = vec.step(actions);
            for (int i = 0; i < n; i++) {
                StepResult r = single[i].step(actions[i]);
                assertEquals(r.reward(), step.rewards()[i]);
                assertEquals(r.terminated(), step.terminated()[i]);
                assertEquals(r.truncated(), step.truncated()[i]);
                if (r.done()) {
                    ended++;
                    assertArrayEquals(r.observation(), step.finalObservations()[i], 0.0);
                    assertArrayEquals(single[i].reset(), step.observations()[i], 0.0, "reset in the same step");
                } else {
                    assertNull(step.finalObservations()[i]);
                    assertArrayEquals(r.observation(), step.observations()[i], 0.0);
                }
            }
        }
        assertTrue(ended >= 3, "episodes ended: " + ended);
    }

    @Test
    void aTruncatedEpisodeKeepsItsFinalObservationForBootstrapping() {
        VectorEnvironment vec = VectorEnvironment.of("Pendulum-v1", 2, 5);
        Environment single = Environments.make("Pendulum-v1");
        vec.reset();
        single.reset(5);
        VectorStep step = null;
        StepResult last = null;
        for (int t = 1; t <= 200; t++) {
            step = vec.step(new double[][] {{0.5}, {-0.5}});
            last = single.step(new double[] {0.5});
            if (t < 200) {
                assertNull(step.finalObservations()[0]);
                assertFalse(step.truncated()[0]);
            }
        }
        assertTrue(step.truncated()[0] && step.truncated()[1]);
        assertFalse(step.terminated()[0]);
        assertArrayEquals(last.observation(), step.finalObservations()[0], 0.0);
        assertArrayEquals(single.reset(), step.observations()[0], 0.0);
        assertEquals(0, vec.copy(0).elapsedSteps());
        // Stepping on continues with the new episodes.
        VectorStep next = vec.step(new double[][] {{0.5}, {-0.5}});
        assertNull(next.finalObservations()[0]);
        assertEquals(1, vec.copy(1).elapsedSteps());
    }

    @Test
    void shapesAndErrors() {
        VectorEnvironment vec = VectorEnvironment.of("Acrobot-v1", 2, 0);
        assertEquals(2, vec.size());
        assertEquals(new Discrete(3), vec.actionSpace());
        assertEquals(6, ((Box) vec.observationSpace()).dimension());
        assertThrows(IllegalStateException.class, () -> vec.step(new double[][] {{0}, {0}}));
        vec.reset();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> vec.step(new double[][] {{0}}));
        assertEquals("actions", e.argument());
        InvalidArgumentException bad = assertThrows(InvalidArgumentException.class,
                () -> vec.step(new double[][] {{0}, {3}}));
        assertTrue(bad.getMessage().contains("Acrobot-v1"));
        assertThrows(InvalidArgumentException.class, () -> VectorEnvironment.of("CartPole-v1", 0, 0));
        assertThrows(InvalidArgumentException.class, () -> VectorEnvironment.of("Nope-v0", 2, 0));
    }
}
