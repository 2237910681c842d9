package dev.kl4j.core.discrete;

import dev.kl4j.core.InvalidArgumentException;

/**
 * How {@link DiscreteDivergences} treats its inputs and reports its result.
 *
 * <ul>
 *   <li>{@code base}: the unit of the information measures (default {@link LogBase#E}, nats). It applies
 *       to kl, entropy, crossEntropy, js, jsDistance (before the square root), renyi and bhattacharyya;
 *       tv, hellinger, chi2, fDivergence and wasserstein1 are not logarithmic and ignore it.</li>
 *   <li>{@code normalize}: when {@code true} each input is divided by its sum first, as
 *       {@code scipy.stats.entropy} does (a zero sum is an error). When {@code false} (default) an input
 *       whose sum differs from 1 by more than 1e-9 is rejected, and accepted inputs are used as given.</li>
 *   <li>{@code smoothing}: s ≥ 0 (default 0, off). With s &gt; 0 every input becomes
 *       {@code p_i <- (p_i + s) / (1 + n s)} after the optional normalisation: additive (Laplace/Lidstone)
 *       smoothing that keeps the vector summing to 1. It is never applied unless asked for.</li>
 * </ul>
 *
 * @param base      unit of the logarithmic measures, not null
 * @param normalize rescale inputs to sum 1 instead of rejecting them
 * @param smoothing additive smoothing constant s, finite and ≥ 0
 */
public record DiscreteOptions(LogBase base, boolean normalize, double smoothing) {

    /** Nats, no normalisation, no smoothing: SciPy's {@code rel_entr} semantics on valid inputs. */
    public static final DiscreteOptions DEFAULT = new DiscreteOptions(LogBase.E, false, 0.0);

    /**
     * Validates the options.
     *
     * @param base      unit of the logarithmic measures, not null
     * @param normalize rescale inputs to sum 1 instead of rejecting them
     * @param smoothing additive smoothing constant s, finite and ≥ 0
     * @throws InvalidArgumentException naming {@code "base"} or {@code "smoothing"}
     */
    public DiscreteOptions {
        if (base == null) {
            throw new InvalidArgumentException("base", "base is null; use LogBase.E, TWO or TEN");
        }
        if (!(smoothing >= 0.0) || Double.isInfinite(smoothing)) {
            throw new InvalidArgumentException("smoothing",
                    "smoothing = " + smoothing + " is invalid; it must be finite and >= 0");
        }
    }

    /**
     * {@return these options with another log base}
     *
     * @param newBase the unit to report in
     */
    public DiscreteOptions withBase(LogBase newBase) {
        return new DiscreteOptions(newBase, normalize, smoothing);
    }

    /**
     * {@return these options with normalisation switched on or off}
     *
     * @param newNormalize true to divide each input by its sum
     */
    public DiscreteOptions withNormalize(boolean newNormalize) {
        return new DiscreteOptions(base, newNormalize, smoothing);
    }

    /**
     * {@return these options with another smoothing constant}
     *
     * @param newSmoothing the constant s ≥ 0 (0 switches smoothing off)
     */
    public DiscreteOptions withSmoothing(double newSmoothing) {
        return new DiscreteOptions(base, normalize, newSmoothing);
    }

    /** {@return true when inputs are used exactly as given (no normalisation, no smoothing)} */
    boolean usesInputsAsGiven() {
        return !normalize && smoothing == 0.0;
    }
}
