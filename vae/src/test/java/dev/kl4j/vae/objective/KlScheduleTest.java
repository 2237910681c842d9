package dev.kl4j.vae.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kl4j.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class KlScheduleTest {

    @Test
    void constantIsBeta() {
        KlSchedule s = KlSchedule.constant(4);
        assertEquals(4, s.betaAt(0, 10));
        assertEquals(4, s.betaAt(1_000_000, 2_000_000));
        assertEquals(4, s.beta());
    }

    @Test
    void linearWarmupRisesFromZeroToBeta() {
        KlSchedule s = KlSchedule.linearWarmup(2, 100);
        assertEquals(0, s.betaAt(0, 10_000));
        assertEquals(0.5, s.betaAt(25, 10_000), 1e-15);  // 2 · 25/100
        assertEquals(2, s.betaAt(100, 10_000));
        assertEquals(2, s.betaAt(5000, 10_000));
    }

    @Test
    void cyclicalFollowsFuEtAl() {
        // T = 100 steps, M = 2 cycles of 50, R = 0.5: rise over 25 steps, flat for 25
        KlSchedule s = KlSchedule.cyclical(1, 2, 0.5);
        assertEquals(0, s.betaAt(0, 100));
        assertEquals(0.4, s.betaAt(10, 100), 1e-12);  // τ = 10/50 = 0.2, 0.2/0.5
        assertEquals(1, s.betaAt(25, 100), 1e-12);
        assertEquals(1, s.betaAt(49, 100), 1e-12);
        assertEquals(0, s.betaAt(50, 100), 1e-12);    // second cycle restarts
        assertEquals(0.8, s.betaAt(70, 100), 1e-12);  // τ = 20/50 = 0.4
        KlSchedule scaled = KlSchedule.cyclical(1, 4, 1).withBeta(3);
        assertEquals(3 * 0.5, scaled.betaAt(150, 400), 1e-12); // cycle 100, τ = 0.5, R = 1
        assertEquals(new KlSchedule.Cyclical(3, 4, 1), scaled);
    }

    @Test
    void badArgumentsNameTheLibraryParameter() {
        assertEquals("ratio", assertThrows(InvalidArgumentException.class,
                () -> KlSchedule.cyclical(1, 2, 1.5)).argument());
        assertEquals("cycles", assertThrows(InvalidArgumentException.class,
                () -> KlSchedule.cyclical(1, 0, 0.5)).argument());
        assertEquals("cycles", assertThrows(InvalidArgumentException.class,
                () -> KlSchedule.cyclical(1, 8, 0.5).betaAt(0, 7)).argument());
        assertEquals("warmupSteps", assertThrows(InvalidArgumentException.class,
                () -> KlSchedule.linearWarmup(1, 0)).argument());
        assertEquals("beta", assertThrows(InvalidArgumentException.class,
                () -> KlSchedule.constant(-1)).argument());
    }
}
