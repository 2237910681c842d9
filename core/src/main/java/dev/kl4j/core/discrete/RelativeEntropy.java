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

    /** KL(Q‖P) in nats, the arguments checked under their own names ({@code p}, {@code q}). */
    static double reverseKlNats(double[] p, double[] q, DiscreteOptions options, FusedKernel kernel) {
        double[] pp = ProbabilityVectors.prepare(p, "p", options);
        double[] qq = ProbabilityVectors.prepare(q, "q", options);
        return kernel.relativeEntropy(qq, pp).value();
    }

    /**
     * KL(softmax(a)‖softmax(b)) = Σ_i p_i (ln p_i − ln q_i) from log-softmax values, in nats. A category
     * with ln p = −∞ (a masked logit) adds 0; one with ln p finite and ln q = −∞ makes it +∞, even where
     * p underflows to 0 (a finite logit means p &gt; 0), as the tensor front ends do.
     *
     * @param logP ln softmax(a)
     * @param logQ ln softmax(b), same length
     */
    static double klFromLogProbsNats(double[] logP, double[] logQ) {
        double sum = 0.0;
        for (int i = 0; i < logP.length; i++) {
            if (logP[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            if (logQ[i] == Double.NEGATIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            sum += Math.exp(logP[i]) * (logP[i] - logQ[i]);
        }
        return sum;
    }

    /** H(softmax(a)) = −Σ p ln p from log-softmax values, in nats; masked categories add 0. */
    static double entropyFromLogProbsNats(double[] logP) {
        double sum = 0.0;
        for (double lp : logP) {
            if (lp > Double.NEGATIVE_INFINITY) {
                sum -= Math.exp(lp) * lp;
            }
        }
        return sum;
    }
}
