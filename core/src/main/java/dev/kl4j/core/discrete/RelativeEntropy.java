package dev.kl4j.core.discrete;

/**
 * The numerics of KL(P‖Q), H(P) and H(P, Q) on probability vectors, in nats.
 *
 * <p><b>KL.</b> KL(P‖Q) = Σ_i rel_entr(p_i, q_i), rel_entr(p, q) = p ln(p/q) for p, q &gt; 0, 0 for
 * p = 0 (any q), +∞ for p &gt; 0 = q (SciPy's {@code scipy.special.rel_entr}). Stable rewrite (see
 * {@link RelativeEntropyTerms}): Σ_{p&gt;0} q φ(p/q − 1) + Σ_{p&gt;0} (p − q), φ(u) = (1+u) ln(1+u) − u ≥ 0,
 * φ by an atanh series near p = q and the differences by a compensated sum, so nothing cancels as P → Q.
 * The loop is a {@link FusedKernel} that also validates its inputs in the same pass.
 *
 * <p><b>Entropy.</b> H(P) = −Σ p ln p, 0 ln 0 = 0 ({@code scipy.stats.entropy(p)}), by the same kernels.
 *
 * <p><b>Cross-entropy.</b> H(P, Q) = −Σ_i p_i ln q_i = H(P) + KL(P‖Q) ({@code -scipy.special.xlogy(p, q).sum()}),
 * summed directly: its terms all have one sign, so there is no cancellation to avoid.
 */
final class RelativeEntropy {
    private RelativeEntropy() {
    }

    /** KL in nats through the given kernel; validates unless the options ask for prepared inputs. */
    static double klNats(double[] p, double[] q, DiscreteOptions options, FusedKernel kernel) {
        if (options.usesInputsAsGiven()) {
            FusedPass pass = kernel.relativeEntropy(p, q);
            ProbabilityVectors.requireValid(pass, p, q);
            return pass.value();
        }
        double[] pp = ProbabilityVectors.prepare(p, "p", options);
        double[] qq = ProbabilityVectors.prepare(q, "q", options);
        return kernel.relativeEntropy(pp, qq).value();
    }

    /** H(P) in nats through the given kernel; validates unless the options ask for prepared inputs. */
    static double entropyNats(double[] p, DiscreteOptions options, FusedKernel kernel) {
        if (options.usesInputsAsGiven()) {
            FusedPass pass = kernel.entropy(p);
            ProbabilityVectors.requireValid(pass, p);
            return pass.value();
        }
        return kernel.entropy(ProbabilityVectors.prepare(p, "p", options)).value();
    }

    /** H(P, Q) in nats of prepared vectors; +∞ at the first p &gt; 0 = q. */
    static double crossEntropyNats(double[] p, double[] q) {
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                if (q[i] == 0.0) {
                    return Double.POSITIVE_INFINITY;
                }
                sum -= p[i] * Math.log(q[i]);
            }
        }
        return sum;
    }
}
