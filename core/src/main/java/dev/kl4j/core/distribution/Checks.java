package dev.kl4j.core.distribution;

import dev.kl4j.core.ArgumentChecks;
import dev.kl4j.core.discrete.ProbabilityVectors;

/**
 * The families' parameter checks: short names for {@link ArgumentChecks}, which holds every rule and its
 * wording (so a family's errors read like the measures' and the front ends'), plus the one check that is
 * particular to distributions, the outcome handed to {@code logProb}. Array checks return a defensive
 * copy, which is what a family stores.
 */
final class Checks {
    private Checks() {
    }

    static double finite(String name, double v) {
        return ArgumentChecks.finite(name, v);
    }

    static double positive(String name, double v) {
        return ArgumentChecks.positive(name, v);
    }

    /** @return a copy of {@code v}, non-empty with every entry finite */
    static double[] finite(String name, double[] v) {
        return ArgumentChecks.finite(name, v).clone();
    }

    /** @return a copy of {@code v}, non-empty with every entry finite and &gt; 0 */
    static double[] positive(String name, double[] v) {
        return ArgumentChecks.positive(name, v).clone();
    }

    static void nonEmpty(String name, double[] v) {
        ArgumentChecks.nonEmpty(name, v);
    }

    static void sameLength(String nameA, double[] a, String nameB, double[] b) {
        ArgumentChecks.sameLength(nameA, a.length, nameB, b.length);
    }

    /** A probability in [0, 1]. */
    static double probability(String name, double v) {
        return ArgumentChecks.probability(name, v);
    }

    /**
     * A probability vector, checked by {@link ProbabilityVectors#requireProbabilities} (entries finite
     * and ≥ 0, sum within {@link ProbabilityVectors#SUM_TOLERANCE} of 1), so distributions and discrete
     * measures accept the same inputs with the same messages.
     *
     * @return a defensive copy
     */
    static double[] probabilityVector(String name, double[] p) {
        ProbabilityVectors.requireProbabilities(p, name);
        return p.clone();
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
