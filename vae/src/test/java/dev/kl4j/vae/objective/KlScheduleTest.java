package dev.kl4j.vae.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kl4j.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class KlScheduleTest {

    @Test
    void constantIsBeta() {
        KlSchedule s = KlSchedule.constant(4);
        assertEquals(4, s.beta(0));
        assertEquals(4, s.beta(1_000_000));
    }

    @Test
    void linearWarmupRisesFromZeroToBeta() {
        KlSchedule s = KlSchedule.linearWarmup(2, 100);
        assertEquals(0, s.beta(0));
        assertEquals(0.5, s.beta(25), 1e-15);  // 2 · 25/100
        assertEquals(2, s.beta(100));
        assertEquals(2, s.beta(5000));
    }

    @Test
    void cyclicalFollowsFuEtAl() {
        // T = 100 steps, M = 2 cycles of 50, R = 0.5: rise over 25 steps, flat for 25
        KlSchedule s = KlSchedule.cyclical(1, 100, 2, 0.5);
        assertEquals(0, s.beta(0));
        assertEquals(0.4, s.beta(10), 1e-12);  // τ = 10/50 = 0.2, 0.2/0.5
        assertEquals(1, s.beta(25), 1e-12);
        assertEquals(1, s.beta(49), 1e-12);
        assertEquals(0, s.beta(50), 1e-12);    // second cycle restarts
        assertEquals(0.8, s.beta(70), 1e-12);  // τ = 20/50 = 0.4
        KlSchedule scaled = KlSchedule.parseCyclical("4, 1", 3, 400);
        assertEquals(3 * 0.5, scaled.beta(150), 1e-12); // cycle 100, τ = 0.5, R = 1
    }

    @Test
    void badArgumentsNameTheFlag() {
        assertEquals("cyclical", assertThrows(InvalidArgumentException.class,
                () -> KlSchedule.parseCyclical("4", 1, 100)).argument());
        assertEquals("cyclical", assertThrows(InvalidArgumentException.class,
                () -> KlSchedule.cyclical(1, 100, 2, 1.5)).argument());
        assertEquals("warmup-steps", assertThrows(InvalidArgumentException.class,
                () -> KlSchedule.linearWarmup(1, 0)).argument());
        assertEquals("beta", assertThrows(InvalidArgumentException.class,
                () -> KlSchedule.constant(-1)).argument());
    }
}
