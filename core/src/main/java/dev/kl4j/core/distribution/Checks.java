package dev.kl4j.core.distribution;

import dev.kl4j.core.ArgumentChecks;

/**
 * The one check that is particular to distributions, the outcome handed to {@code logProb}; every other
 * parameter check is {@link ArgumentChecks}'s, so that the families and the measures word them alike.
 */
final class Checks {
    private Checks() {
    }

    /** The outcome passed to logProb: right length, no NaN. */
    static void event(double[] x, int size) {
        if (x == null || x.length != size) {
            throw ArgumentChecks.invalid("x", "x has length " + (x == null ? "null" : x.length)
                    + " but the event size is " + size);
        }
        for (int i = 0; i < x.length; i++) {
            ArgumentChecks.notNaN(ArgumentChecks.entry("x", i), x[i]);
        }
    }
}
