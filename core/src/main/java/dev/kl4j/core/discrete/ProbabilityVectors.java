package dev.kl4j.core.discrete;

import dev.kl4j.core.ArgumentChecks;
import dev.kl4j.core.InvalidArgumentException;

/**
 * Checks and prepares the probability vectors handed to {@link DiscreteDivergences}. This is the one
 * home of probability-vector validation: the distributions ({@code Categorical.ofProbs}) and front ends
 * call {@link #requireProbabilities}, so the tolerance and the messages are the same everywhere.
 *
 * <p>A probability vector is non-empty, every entry is finite and ≥ 0 ({@code -0.0} counts as 0), and it
 * sums to 1 within {@link #SUM_TOLERANCE} unless normalisation is asked for. Every failure is an
 * {@link InvalidArgumentException} naming the argument and, for a bad entry, its index.
 */
public final class ProbabilityVectors {

    /** Largest accepted |Σ p − 1| when the input is not normalised: {@value}. */
    public static final double SUM_TOLERANCE = 1e-9;

    private ProbabilityVectors() {
    }

    /**
     * Checks that x is a probability vector: non-empty, entries finite and ≥ 0, sum within
     * {@link #SUM_TOLERANCE} of 1.
     *
     * @param x    the vector
     * @param name the argument name used in messages, e.g. {@code "probs"}
     * @throws InvalidArgumentException naming {@code name}, e.g. {@code probs[2] = -0.1 is negative;
     *                                  probabilities must be >= 0}
     */
    public static void requireProbabilities(double[] x, String name) {
        requireNonEmpty(x, name);
        requireEntries(x, name);
        ArgumentChecks.unitSum(name, sum(x), SUM_TOLERANCE, "probabilities must sum to 1");
    }

    /** Both present, non-empty and of one length. */
    static void requirePair(double[] p, double[] q) {
        requireNonEmpty(p, "p");
        requireNonEmpty(q, "q");
        ArgumentChecks.sameLength("p", p.length, "q", q.length);
    }

    static void requireNonEmpty(double[] x, String name) {
        ArgumentChecks.nonEmpty(name, x, "a probability vector");
    }

    /** Throws for the first entry that is NaN, infinite or negative. */
    static void requireEntries(double[] x, String name) {
        ArgumentChecks.probabilityEntries(name, x);
    }

    /** Throws unless |sum − 1| ≤ {@link #SUM_TOLERANCE}. */
    static void requireUnitSum(double sum, String name) {
        ArgumentChecks.unitSum(name, sum, SUM_TOLERANCE, "pass normalize=true to rescale");
    }

    /** After a {@link FusedKernel} pass over p and q: names the first bad entry, else checks both sums. */
    static void requireValid(FusedPass pass, double[] p, double[] q) {
        if (!pass.entriesValid()) {
            requireEntries(p, "p");
            requireEntries(q, "q");
        }
        requireUnitSum(pass.sumP(), "p");
        requireUnitSum(pass.sumQ(), "q");
    }

    /** After a single-input {@link FusedKernel} pass over p. */
    static void requireValid(FusedPass pass, double[] p) {
        if (!pass.entriesValid()) {
            requireEntries(p, "p");
        }
        requireUnitSum(pass.sumP(), "p");
    }

    static double sum(double[] x) {
        double s = 0.0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /**
     * Validates one input and applies the options: normalisation {@code p / Σp} (SciPy's
     * {@code pk / sum(pk)}), then smoothing {@code (p_i + s) / (1 + n s)}.
     *
     * @return {@code x} itself when nothing changes, otherwise a new array
     */
    static double[] prepare(double[] x, String name, DiscreteOptions options) {
        requireNonEmpty(x, name);
        requireEntries(x, name);
        double sum = sum(x);
        if (Double.isInfinite(sum)) {
            throw new InvalidArgumentException(name, name + " sums to Infinity; its entries are too large to add up");
        }
        double[] out = x;
        if (options.normalize()) {
            if (sum == 0.0) {
                throw new InvalidArgumentException(name, name + " sums to 0; an all-zero vector cannot be normalized");
            }
            if (sum != 1.0) {
                out = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    out[i] = x[i] / sum;
                }
            }
        } else {
            requireUnitSum(sum, name);
        }
        double s = options.smoothing();
        if (s > 0.0) {
            double[] smoothed = new double[x.length];
            double denominator = 1.0 + x.length * s;
            for (int i = 0; i < x.length; i++) {
                smoothed[i] = (out[i] + s) / denominator;
            }
            out = smoothed;
        }
        return out;
    }
}
