package dev.kl4j.ppo.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link Environment} contract, for every registered environment. */
class EnvironmentContractTest {

    static List<String> ids() {
        return Environments.ids();
    }

    private static double[] someAction(Environment env, int t) {
        if (env.actionSpace() instanceof Discrete d) {
            return new double[] {t % d.n()};
        }
        Box box = (Box) env.actionSpace();
        double[] a = new double[box.dimension()];
        Arrays.fill(a, Math.sin(0.7 * t));
        return a;
    }

    @Test
    void theFourClassicControlEnvironmentsAreRegistered() {
        assertEquals(List.of("CartPole-v1", "Pendulum-v1", "Acrobot-v1", "MountainCarContinuous-v0"), Environments.ids());
        for (String id : Environments.ids()) {
            assertEquals(id, Environments.make(id).id());
        }
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Environments.make("CartPole-v0"));
        assertEquals("env", e.argument());
        assertTrue(e.getMessage().contains("CartPole-v0") && e.getMessage().contains("CartPole-v1"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void resetWithASeedRepeatsAndResetWithoutContinuesTheStream(String id) {
        Environment a = Environments.make(id);
        Environment b = Environments.make(id);
        double[] first = a.reset(42);
        assertArrayEquals(first, b.reset(42), 0.0);
        double[] second = a.reset();
        assertFalse(Arrays.equals(first, second), "the next reset draws a new state");
        assertArrayEquals(second, b.reset(), 0.0);
        assertFalse(Arrays.equals(first, Environments.make(id).reset(43)), "another seed, another state");
        // The same seed and actions give the same trajectory.
        a.reset(7);
        b.reset(7);
        for (int t = 0; t < 50; t++) {
            StepResult ra = a.step(someAction(a, t));
            StepResult rb = b.step(someAction(b, t));
            assertEquals(ra, rb);
            if (ra.done()) {
                break;
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void stepBeforeResetAndAfterTheEndAreErrors(String id) {
        Environment env = Environments.make(id);
        IllegalStateException before = assertThrows(IllegalStateException.class, () -> env.step(someAction(env, 0)));
        assertTrue(before.getMessage().contains(id), before.getMessage());
        env.reset(1);
        int t = 0;
        StepResult r;
        do {
            r = env.step(someAction(env, t++));
        } while (!r.done());
        assertTrue(t <= env.maxEpisodeSteps());
        IllegalStateException after = assertThrows(IllegalStateException.class, () -> env.step(someAction(env, 0)));
        assertTrue(after.getMessage().contains(id) && after.getMessage().contains("reset"), after.getMessage());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void invalidActionsAreRejectedNamingTheEnvAndTheAction(String id) {
        Environment env = Environments.make(id);
        env.reset(0);
        List<double[]> bad = new java.util.ArrayList<>();
        bad.add(null);
        bad.add(new double[0]);
        bad.add(new double[] {Double.NaN});
        bad.add(new double[] {0, 0, 0});
        bad.add(new double[] {Double.POSITIVE_INFINITY});
        if (env.actionSpace() instanceof Discrete d) {
            bad.add(new double[] {d.n()});
            bad.add(new double[] {-1});
            bad.add(new double[] {0.5});
        }
        for (double[] action : bad) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> env.step(action),
                    () -> Arrays.toString(action));
            assertEquals("action", e.argument());
            assertTrue(e.getMessage().contains(id), e.getMessage());
            if (action != null) {
                assertTrue(e.getMessage().contains(Arrays.toString(action)), e.getMessage());
            }
        }
        assertEquals(0, env.elapsedSteps(), "a rejected action is not a step");
        env.step(someAction(env, 1)); // still usable
        assertEquals(1, env.elapsedSteps());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void stateRoundTripsAndBadStatesAreRejected(String id) {
        Environment env = Environments.make(id);
        env.reset(3);
        double[] s = env.state();
        double[] changed = s.clone();
        changed[0] += 0.01;
        env.setState(changed);
        assertArrayEquals(changed, env.state(), 0.0);
        changed[0] = 99; // the environment keeps its own copy
        assertEquals(s[0] + 0.01, env.state()[0], 0.0);
        InvalidArgumentException wrongLength = assertThrows(InvalidArgumentException.class,
                () -> env.setState(new double[s.length + 1]));
        assertEquals("state", wrongLength.argument());
        double[] nan = s.clone();
        nan[nan.length - 1] = Double.NaN;
        assertThrows(InvalidArgumentException.class, () -> env.setState(nan));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void observationsStayInTheObservationSpace(String id) {
        Environment env = Environments.make(id);
        Box space = (Box) env.observationSpace();
        env.reset(17);
        for (int t = 0; t < 300; t++) {
            StepResult r = env.step(someAction(env, t));
            if (r.terminated() && id.startsWith("CartPole")) {
                // Gymnasium's bounds are twice the thresholds, so even the failing state lies inside.
                assertTrue(space.contains(r.observation()));
                break;
            }
            assertTrue(space.contains(r.observation()), Arrays.toString(r.observation()));
            if (r.done()) {
                env.reset();
            }
        }
    }
}
