package dev.kl4j.core.discrete;

/**
 * The two hot loops of the discrete package, each reading its inputs once and gathering validation
 * statistics on the way. Implementations: {@link ScalarKernel} (plain Java, always available) and
 * {@link VectorKernel} (the incubating Vector API, used when {@code jdk.incubator.vector} is present).
 * Both give the same zeros and infinities; KL agrees to 1e-13 relative (the vector kernel may return a
 * plain sum certified to that accuracy, see {@link PlainSumBound}), entropy to rounding.
 */
interface FusedKernel {

    /**
     * Σ_i rel_entr(p_i, q_i) in nats: p ln(p/q) for p, q &gt; 0; 0 for p = 0; +∞ for p &gt; 0 = q.
     * Inputs have the same length; entries are not yet validated.
     */
    FusedPass relativeEntropy(double[] p, double[] q);

    /** −Σ_i p_i ln p_i in nats with 0 ln 0 = 0. Entries are not yet validated. */
    FusedPass entropy(double[] p);
}
