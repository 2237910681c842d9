package dev.kl4j.ppo.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class SpacesTest {

    @Test
    void boxClipsContainsAndCopiesItsBounds() {
        double[] low = {-1, 0};
        double[] high = {1, 5};
        Box box = new Box(low, high);
        low[0] = -100; // the box kept its own copy
        assertEquals(-1, box.low()[0]);
        box.high()[1] = 100; // and hands out copies
        assertEquals(5, box.high()[1]);
        assertEquals(2, box.dimension());
        assertArrayEquals(new double[] {-1, 5}, box.clip(new double[] {-3, 7}));
        assertArrayEquals(new double[] {0.5, 2}, box.clip(new double[] {0.5, 2}));
        assertTrue(box.contains(new double[] {1, 0}));
        assertFalse(box.contains(new double[] {1.0001, 0}));
        assertFalse(box.contains(new double[] {Double.NaN, 0}));
        assertFalse(box.contains(new double[] {0}));
        assertEquals(new Box(new double[] {-1, 0}, new double[] {1, 5}), box);
        assertEquals(new Box(new double[] {-1, 0}, new double[] {1, 5}).hashCode(), box.hashCode());
        assertNotEquals(Box.uniform(-1, 1, 2), box);
        assertEquals(new Box(new double[] {-2, -2, -2}, new double[] {2, 2, 2}), Box.uniform(-2, 2, 3));
    }

    @Test
    void badSpacesAreRejected() {
        assertThrows(InvalidArgumentException.class, () -> new Box(new double[] {1}, new double[] {0}));
        assertThrows(InvalidArgumentException.class, () -> new Box(new double[] {0, 0}, new double[] {1}));
        assertThrows(InvalidArgumentException.class, () -> new Box(new double[0], new double[0]));
        assertThrows(InvalidArgumentException.class, () -> new Box(new double[] {Double.NaN}, new double[] {1}));
        assertThrows(InvalidArgumentException.class, () -> new Discrete(0));
        assertThrows(InvalidArgumentException.class, () -> Box.uniform(0, 1, 2).clip(new double[] {0}));
    }

    @Test
    void discreteContainsItsIndices() {
        Discrete d = new Discrete(3);
        assertTrue(d.contains(0) && d.contains(2));
        assertFalse(d.contains(3) || d.contains(-1));
    }

    @Test
    void stepResultsCompareByValue() {
        StepResult a = new StepResult(new double[] {1, 2}, 1.0, false, true);
        assertEquals(new StepResult(new double[] {1, 2}, 1.0, false, true), a);
        assertNotEquals(new StepResult(new double[] {1, 2}, 1.0, true, true), a);
        assertTrue(a.done());
        assertFalse(new StepResult(new double[] {1}, 0, false, false).done());
    }
}
