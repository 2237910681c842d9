package dev.kl4j.core.distribution;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.discrete.ProbabilityVectors;

/** Parameter and argument checks shared by the families; every failure names the parameter. */
final class Checks {
    private Checks() {
    }

    static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new InvalidArgumentException(name, name + " = " + v + " must be finite");
        }
        return v;
    }

    static double positive(String name, double v) {
        finite(name, v);
        if (v <= 0) {
            throw new InvalidArgumentException(name, name + " = " + v + " must be > 0");
        }
        return v;
    }

    static double[] finite(String name, double[] v) {
        nonEmpty(name, v);
        for (int i = 0; i < v.length; i++) {
            finite(name + "[" + i + "]", v[i]);
        }
        return v.clone();
    }

    static double[] positive(String name, double[] v) {
        nonEmpty(name, v);
        for (int i = 0; i < v.length; i++) {
            positive(name + "[" + i + "]", v[i]);
        }
        return v.clone();
    }

    static void nonEmpty(String name, double[] v) {
        if (v == null || v.length == 0) {
            throw new InvalidArgumentException(name, name + " must be a non-empty array");
        }
    }

    static void sameLength(String nameA, double[] a, String nameB, double[] b) {
        if (a.length != b.length) {
            throw new InvalidArgumentException(nameB, nameB + " has length " + b.length + " but " + nameA
                    + " has length " + a.length);
        }
    }

    /** A probability in [0, 1]. */
    static double probability(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new InvalidArgumentException(name, name + " = " + v + " must be a probability in [0, 1]");
        }
        return v;
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
            throw new InvalidArgumentException("x", "x has length " + (x == null ? "null" : x.length)
                    + " but the event size is " + size);
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                throw new InvalidArgumentException("x", "x[" + i + "] is NaN");
            }
        }
    }
}
