package dev.kl4j.core;

import java.util.Arrays;

/**
 * The one home of kl4j's argument checks: the rules (what is accepted) and the wording (what a user reads
 * when it is not). The {@code double[]} measures, the distributions, the closed forms and the DJL and
 * ND4J front ends all throw through these methods, so that the same mistake reads the same everywhere.
 *
 * <p><b>Names.</b> Every method takes the name of the argument as the caller spelled it ({@code "q"},
 * {@code "scale"}), optionally followed by the index of the offending entry ({@code "q[2]"},
 * {@code "scaleTril[1][1]"}). The message names the entry; the {@link InvalidArgumentException#argument()}
 * is the name without the index, so that a caller such as the command line can point at the field.
 *
 * <p><b>Wording.</b> A scalar that breaks a rule reads {@code "<name> = <value> must be <rule>"}
 * ({@code scale = -1.0 must be > 0}); a probability entry reads {@code "<name> = <value> is <what it is>;
 * probabilities must be <rule>"} ({@code q[2] = -0.1 is negative; probabilities must be >= 0}); two
 * arguments that disagree read {@code "<b> has length|shape X but <a> has length|shape Y"}, naming the
 * second one.
 *
 * <p>Each check returns its argument, so it can be used inline: {@code this.rate = positive("rate", rate)}.
 */
public final class ArgumentChecks {
    private ArgumentChecks() {
    }

    /**
     * The argument a (possibly indexed) name refers to: {@code "q[2]"} → {@code "q"}.
     *
     * @param name a name, possibly followed by {@code [index]...}
     * @return the name without its index
     */
    public static String argumentOf(String name) {
        int bracket = name.indexOf('[');
        return bracket < 0 ? name : name.substring(0, bracket);
    }

    /**
     * @param name    the argument, possibly indexed
     * @param message the full message (it should name the argument)
     * @return an exception whose {@code argument()} is the name without its index
     */
    public static InvalidArgumentException invalid(String name, String message) {
        return new InvalidArgumentException(argumentOf(name), message);
    }

    /** @return {@code name[i]} */
    public static String entry(String name, long i) {
        return name + "[" + i + "]";
    }

    // ------------------------------------------------------------------ scalars

    /**
     * @return {@code value}, if finite
     * @throws InvalidArgumentException {@code "<name> = <value> must be finite"}
     */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw invalid(name, name + " = " + value + " must be finite");
        }
        return value;
    }

    /**
     * @return {@code value}, if finite and &gt; 0
     * @throws InvalidArgumentException {@code "... must be finite"} or {@code "<name> = <value> must be > 0"}
     */
    public static double positive(String name, double value) {
        finite(name, value);
        if (value <= 0) {
            throw invalid(name, name + " = " + value + " must be > 0");
        }
        return value;
    }

    /**
     * @return {@code value}, if finite and ≥ 0
     * @throws InvalidArgumentException {@code "... must be finite"} or {@code "<name> = <value> must be >= 0"}
     */
    public static double nonNegative(String name, double value) {
        finite(name, value);
        if (!(value >= 0)) {
            throw invalid(name, name + " = " + value + " must be >= 0");
        }
        return value;
    }

    /**
     * @return {@code value}, if a probability in [0, 1]
     * @throws InvalidArgumentException {@code "<name> = <value> must be a probability in [0, 1]"}
     */
    public static double probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(name, name + " = " + value + " must be a probability in [0, 1]");
        }
        return value;
    }

    /**
     * @return {@code value}, if not NaN
     * @throws InvalidArgumentException {@code "<name> = NaN is not a number"}
     */
    public static double notNaN(String name, double value) {
        if (Double.isNaN(value)) {
            throw invalid(name, name + " = NaN is not a number");
        }
        return value;
    }

    /**
     * A logit: finite, or −∞ (a masked category, probability exactly 0).
     *
     * @return {@code value}
     * @throws InvalidArgumentException {@code "<name> = <value> must be finite or -Infinity"}
     */
    public static double logit(String name, double value) {
        if (Double.isNaN(value) || value == Double.POSITIVE_INFINITY) {
            throw invalid(name, name + " = " + value + " must be finite or -Infinity");
        }
        return value;
    }

    // ------------------------------------------------------------------ arrays

    /**
     * @param what what the array holds, with its article, e.g. {@code "a probability vector"}
     * @return {@code values}, if neither null nor empty
     * @throws InvalidArgumentException {@code "<name> is null; <what> is required"} or
     *                                  {@code "<name> is empty; <what> needs at least one entry"}
     */
    public static double[] nonEmpty(String name, double[] values, String what) {
        if (values == null) {
            throw invalid(name, name + " is null; " + what + " is required");
        }
        if (values.length == 0) {
            throw invalid(name, name + " is empty; " + what + " needs at least one entry");
        }
        return values;
    }

    /** {@link #nonEmpty(String, double[], String)} for an array of numbers. */
    public static double[] nonEmpty(String name, double[] values) {
        return nonEmpty(name, values, "an array");
    }

    /** @return {@code values} (not a copy), if non-empty with every entry finite */
    public static double[] finite(String name, double[] values) {
        nonEmpty(name, values);
        for (int i = 0; i < values.length; i++) {
            finite(entry(name, i), values[i]);
        }
        return values;
    }

    /** @return {@code values} (not a copy), if non-empty with every entry finite and &gt; 0 */
    public static double[] positive(String name, double[] values) {
        nonEmpty(name, values);
        for (int i = 0; i < values.length; i++) {
            positive(entry(name, i), values[i]);
        }
        return values;
    }

    /**
     * Logits: non-empty, each finite or −∞, at least one finite.
     *
     * @return the largest logit (finite)
     * @throws InvalidArgumentException naming the first bad entry, or
     *                                  {@code "<name> is all -Infinity; at least one entry must be finite"}
     */
    public static double logits(String name, double[] values) {
        nonEmpty(name, values);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            max = Math.max(max, logit(entry(name, i), values[i]));
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw invalid(name, name + " is all -Infinity; at least one entry must be finite");
        }
        return max;
    }

    /**
     * @throws InvalidArgumentException naming {@code nameB}: {@code "<nameB> has length <b> but <nameA> has
     *                                  length <a>"}
     */
    public static void sameLength(String nameA, int lengthA, String nameB, int lengthB) {
        if (lengthA != lengthB) {
            throw invalid(nameB, nameB + " has length " + lengthB + " but " + nameA + " has length " + lengthA);
        }
    }

    /**
     * Tensor shapes, for the DJL and ND4J front ends (no broadcasting).
     *
     * @throws InvalidArgumentException naming {@code nameB}: {@code "<nameB> has shape [..] but <nameA> has
     *                                  shape [..]; they must match"}
     */
    public static void sameShape(String nameA, long[] shapeA, String nameB, long[] shapeB) {
        if (!Arrays.equals(shapeA, shapeB)) {
            throw invalid(nameB, nameB + " has shape " + Arrays.toString(shapeB) + " but " + nameA + " has shape "
                    + Arrays.toString(shapeA) + "; they must match");
        }
    }

    // ------------------------------------------------------------------ probabilities

    /**
     * One probability entry: finite and ≥ 0 ({@code -0.0} counts as 0).
     *
     * @param name the entry, e.g. {@code "q[2]"}
     * @throws InvalidArgumentException e.g. {@code "q[2] = -0.1 is negative; probabilities must be >= 0"}
     */
    public static double probabilityEntry(String name, double value) {
        if (Double.isNaN(value)) {
            throw invalid(name, name + " = NaN is not a number; probabilities must be finite");
        }
        if (Double.isInfinite(value)) {
            throw invalid(name, name + " = " + value + " is infinite; probabilities must be finite");
        }
        if (value < 0.0) {
            throw invalid(name, name + " = " + value + " is negative; probabilities must be >= 0");
        }
        return value;
    }

    /** {@link #probabilityEntry} for every entry of {@code values}, naming the first bad one. */
    public static void probabilityEntries(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            probabilityEntry(entry(name, i), values[i]);
        }
    }

    /**
     * A sum of probabilities that must be 1 within {@code tolerance}.
     *
     * @param remedy what to do about it, e.g. {@code "probabilities must sum to 1"}
     * @throws InvalidArgumentException e.g. {@code "p sums to 0.9 (|sum-1| > 1e-9); probabilities must sum to 1"}
     */
    public static void unitSum(String name, double sum, double tolerance, String remedy) {
        if (!(Math.abs(sum - 1.0) <= tolerance)) {
            throw invalid(name, name + " sums to " + sum + " (|sum-1| > " + formatTolerance(tolerance) + "); " + remedy);
        }
    }

    /** 1e-9 rather than 1.0E-9 for a power of ten. */
    private static String formatTolerance(double tolerance) {
        double exponent = Math.log10(tolerance);
        long rounded = Math.round(exponent);
        return Math.abs(exponent - rounded) < 1e-12 ? "1e" + rounded : Double.toString(tolerance);
    }
}
