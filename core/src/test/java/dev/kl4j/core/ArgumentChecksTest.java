package dev.kl4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The shared rules and wording: the argument is the bare name, the message names the entry. */
class ArgumentChecksTest {

    private static void rejected(String argument, String message, Executable call) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
        assertEquals(argument, e.argument());
        assertEquals(message, e.getMessage());
    }

    @Test
    void scalars() {
        assertEquals(2.0, ArgumentChecks.positive("rate", 2.0));
        assertEquals(0.0, ArgumentChecks.nonNegative("alpha", 0.0));
        rejected("scale", "scale = -1.0 must be > 0", () -> ArgumentChecks.positive("scale", -1));
        rejected("scale", "scale = 0.0 must be > 0", () -> ArgumentChecks.positive("scale", 0));
        rejected("scale", "scale = Infinity must be finite", () -> ArgumentChecks.positive("scale", Double.POSITIVE_INFINITY));
        rejected("loc", "loc = NaN must be finite", () -> ArgumentChecks.finite("loc", Double.NaN));
        rejected("alpha", "alpha = -0.5 must be >= 0", () -> ArgumentChecks.nonNegative("alpha", -0.5));
        rejected("probs", "probs = 1.5 must be a probability in [0, 1]", () -> ArgumentChecks.probability("probs", 1.5));
        rejected("x", "x[3] = NaN is not a number", () -> ArgumentChecks.notNaN("x[3]", Double.NaN));
    }

    @Test
    void indexedNamesReportTheBareArgument() {
        assertEquals("scaleTril", ArgumentChecks.argumentOf("scaleTril[1][1]"));
        rejected("scaleTril", "scaleTril[1][1] = -2.0 must be > 0", () -> ArgumentChecks.positive("scaleTril[1][1]", -2));
        rejected("concentration", "concentration[1] = 0.0 must be > 0",
                () -> ArgumentChecks.positive("concentration", new double[] {1, 0}));
    }

    @Test
    void arrays() {
        rejected("loc", "loc is null; an array is required", () -> ArgumentChecks.finite("loc", (double[]) null));
        rejected("p", "p is empty; a probability vector needs at least one entry",
                () -> ArgumentChecks.nonEmpty("p", new double[0], "a probability vector"));
        rejected("q", "q has length 3 but p has length 4", () -> ArgumentChecks.sameLength("p", 4, "q", 3));
        rejected("logitsQ", "logitsQ has shape [2, 4] but logitsP has shape [2, 3]; they must match",
                () -> ArgumentChecks.sameShape("logitsP", new long[] {2, 3}, "logitsQ", new long[] {2, 4}));
    }

    @Test
    void probabilitiesAndLogits() {
        rejected("q", "q[2] = -0.1 is negative; probabilities must be >= 0",
                () -> ArgumentChecks.probabilityEntries("q", new double[] {0.6, 0.5, -0.1}));
        rejected("p", "p[1][0] = Infinity is infinite; probabilities must be finite",
                () -> ArgumentChecks.probabilityEntries("p[1]", new double[] {Double.POSITIVE_INFINITY}));
        ArgumentChecks.probabilityEntry("p[0]", -0.0); // negative zero is zero
        rejected("p", "p sums to 0.9 (|sum-1| > 1e-9); probabilities must sum to 1",
                () -> ArgumentChecks.unitSum("p", 0.9, 1e-9, "probabilities must sum to 1"));
        rejected("p", "p[3] sums to 0.9 (|sum-1| > 1e-4); each row must sum to 1",
                () -> ArgumentChecks.unitSum("p[3]", 0.9, 1e-4, "each row must sum to 1"));
        assertEquals(2.0, ArgumentChecks.logits("logits", new double[] {Double.NEGATIVE_INFINITY, 2, -1}));
        rejected("logits", "logits[1] = Infinity must be finite or -Infinity",
                () -> ArgumentChecks.logits("logits", new double[] {0, Double.POSITIVE_INFINITY}));
        rejected("logits", "logits[0] is all -Infinity; at least one entry must be finite",
                () -> ArgumentChecks.logits("logits[0]", new double[] {Double.NEGATIVE_INFINITY}));
    }
}
