package dev.kl4j.core.discrete;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The measures of {@link DiscreteDivergences} by name, for callers that pick one at run time (the
 * command line, configuration files). Each constant carries its evaluation, the façade method of the
 * same name, so {@link #evaluate} is one call and a new measure is one new constant.
 */
public enum DiscreteMeasure {
    /** {@link DiscreteDivergences#kl}. */
    KL("kl", true, false, (p, q, alpha, options) -> DiscreteDivergences.kl(p, q, options)),
    /** {@link DiscreteDivergences#reverseKl}: KL(Q‖P) for the same p and q. */
    REVERSE_KL("reverse_kl", true, false, (p, q, alpha, options) -> DiscreteDivergences.reverseKl(p, q, options)),
    /** {@link DiscreteDivergences#entropy}. */
    ENTROPY("entropy", false, false, (p, q, alpha, options) -> DiscreteDivergences.entropy(p, options)),
    /** {@link DiscreteDivergences#crossEntropy}. */
    CROSS_ENTROPY("cross_entropy", true, false, (p, q, alpha, options) -> DiscreteDivergences.crossEntropy(p, q, options)),
    /** {@link DiscreteDivergences#js}. */
    JS("js", true, false, (p, q, alpha, options) -> DiscreteDivergences.js(p, q, options)),
    /** {@link DiscreteDivergences#jsDistance}. */
    JS_DISTANCE("js_distance", true, false, (p, q, alpha, options) -> DiscreteDivergences.jsDistance(p, q, options)),
    /** {@link DiscreteDivergences#renyi}. */
    RENYI("renyi", true, true, DiscreteDivergences::renyi),
    /** {@link DiscreteDivergences#tv}. */
    TV("tv", true, false, (p, q, alpha, options) -> DiscreteDivergences.tv(p, q, options)),
    /** {@link DiscreteDivergences#hellinger}. */
    HELLINGER("hellinger", true, false, (p, q, alpha, options) -> DiscreteDivergences.hellinger(p, q, options)),
    /** {@link DiscreteDivergences#chi2}. */
    CHI2("chi2", true, false, (p, q, alpha, options) -> DiscreteDivergences.chi2(p, q, options)),
    /** {@link DiscreteDivergences#bhattacharyya}. */
    BHATTACHARYYA("bhattacharyya", true, false, (p, q, alpha, options) -> DiscreteDivergences.bhattacharyya(p, q, options)),
    /** {@link DiscreteDivergences#wasserstein1(double[], double[], DiscreteOptions)} on the unit grid. */
    WASSERSTEIN1("wasserstein1", true, false, (p, q, alpha, options) -> DiscreteDivergences.wasserstein1(p, q, options));

    /** How a constant computes its measure: the façade method of the same name. */
    @FunctionalInterface
    private interface Evaluation {
        double apply(double[] p, double[] q, double alpha, DiscreteOptions options);
    }

    private final String cliName;
    private final boolean needsQ;
    private final boolean needsAlpha;
    private final Evaluation evaluation;

    DiscreteMeasure(String cliName, boolean needsQ, boolean needsAlpha, Evaluation evaluation) {
        this.cliName = cliName;
        this.needsQ = needsQ;
        this.needsAlpha = needsAlpha;
        this.evaluation = evaluation;
    }

    /** {@return the lower-case name used on the command line, e.g. {@code "cross_entropy"}} */
    public String cliName() {
        return cliName;
    }

    /** {@return true for every measure except entropy} */
    public boolean needsQ() {
        return needsQ;
    }

    /** {@return true for renyi only} */
    public boolean needsAlpha() {
        return needsAlpha;
    }

    /**
     * Finds a measure by its {@link #cliName()}, ignoring case and surrounding blanks; {@code '-'} is
     * accepted for {@code '_'} ("cross-entropy").
     *
     * @param name a name such as {@code "kl"} or {@code "js_distance"}
     * @return the measure
     * @throws InvalidArgumentException naming {@code "measure"} for an unknown name
     */
    public static DiscreteMeasure fromName(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (DiscreteMeasure m : values()) {
            if (m.cliName.equals(key)) {
                return m;
            }
        }
        String known = Arrays.stream(values()).map(DiscreteMeasure::cliName).collect(Collectors.joining(", "));
        throw new InvalidArgumentException("measure", "unknown measure \"" + name + "\"; choose one of " + known);
    }

    /**
     * Computes this measure by the {@link DiscreteDivergences} method of the same name, whose Javadoc gives the
     * formula, the SciPy convention and the unit.
     *
     * @param p       the first probability vector
     * @param q       the second one; must be null when {@link #needsQ()} is false (SciPy's
     *                {@code entropy(p, q)} is a KL divergence, so a q given to entropy is an error rather
     *                than silently ignored)
     * @param alpha   the Rényi order when {@link #needsAlpha()}, otherwise NaN
     * @param options base, normalisation and smoothing
     * @return the value
     * @throws InvalidArgumentException naming {@code "q"} or {@code "alpha"} when one is missing or
     *                                  given where it is not used, or whatever the measure rejects
     */
    public double evaluate(double[] p, double[] q, double alpha, DiscreteOptions options) {
        if (needsQ && q == null) {
            throw new InvalidArgumentException("q", "q is required for " + cliName);
        }
        if (!needsQ && q != null) {
            throw new InvalidArgumentException("q", "q is not used by " + cliName
                    + " (SciPy's entropy(p, q) is the KL divergence: use kl)");
        }
        if (needsAlpha && Double.isNaN(alpha)) {
            throw new InvalidArgumentException("alpha", "alpha is required for " + cliName + " (an order in [0, +inf])");
        }
        if (!needsAlpha && !Double.isNaN(alpha)) {
            throw new InvalidArgumentException("alpha", "alpha is only used by renyi, not by " + cliName);
        }
        return evaluation.apply(p, q, alpha, options);
    }
}
