package dev.kl4j.core.discrete;

/**
 * What one pass of a {@link FusedKernel} learns about its inputs: the sums and minima that validation
 * needs, and the measure itself. Validation decides afterwards, so a valid input is read only once.
 *
 * <p>A NaN or infinite entry makes its sum non-finite and a negative entry makes its minimum negative;
 * when either shows, {@link ProbabilityVectors#requireEntries} rescans to name the first bad index.
 *
 * @param sumP  Σ p
 * @param minP  min p
 * @param sumQ  Σ q (1 for single-input measures)
 * @param minQ  min q (0 for single-input measures)
 * @param value the measure in nats, meaningful only when the entries are valid
 */
record FusedPass(double sumP, double minP, double sumQ, double minQ, double value) {

    /** {@return true when no entry can be NaN, infinite or negative} */
    boolean entriesValid() {
        return Double.isFinite(sumP) && Double.isFinite(sumQ) && minP >= 0.0 && minQ >= 0.0;
    }
}
