package dev.kl4j.core;

/**
 * The numerically stable building blocks that several parts of kl4j need, each written once: the
 * logarithm of a ratio of nearly equal numbers, e^t − 1 − t for small t, and log-sum-exp / log-softmax.
 * Each method states the rewrite it uses and why the direct formula loses digits.
 */
public final class StableMath {
    private StableMath() {
    }

    /**
     * ln(a/b) for a, b &gt; 0 to about one ulp of the result.
     * <ul>
     *   <li>For a/b in [½, 2] as log1p((a − b)/b): there a − b is exact (Sterbenz's lemma), so a ≈ b keeps
     *       its digits instead of losing them to the rounding of a/b, which dominates the tiny logarithm.</li>
     *   <li>Where a/b overflows or is subnormal (1e-200 against 1e200) as ln a − ln b: a subnormal quotient
     *       has lost significant digits, which matter once the logarithm is scaled and exponentiated (as in
     *       Rényi).</li>
     *   <li>Otherwise ln(a/b).</li>
     * </ul>
     *
     * @param a numerator &gt; 0
     * @param b denominator &gt; 0
     * @return ln(a/b), finite for finite positive a, b
     */
    public static double logRatio(double a, double b) {
        double r = a / b;
        if (r >= 0.5 && r <= 2.0) {
            return Math.log1p((a - b) / b);
        }
        if (r >= Double.MIN_NORMAL && r < Double.POSITIVE_INFINITY) {
            return Math.log(r);
        }
        return Math.log(a) - Math.log(b);
    }

    /**
     * e^t − 1 − t without cancellation for small |t|; equals r − 1 − ln r for r = e^t, the shape of
     * every same-family KL with a scale or rate (Gaussian, exponential, gamma, Laplace). For |t| &lt; 0.1
     * by its Taylor series Σ_{k≥2} t^k/k! (14 terms leave an error below 0.1^16/16! relative to t²/2),
     * elsewhere as expm1(t) − t. (TensorFlow Probability writes the Gaussian KL the same way.)
     *
     * @param t any real
     * @return e^t − 1 − t ≥ 0
     */
    public static double expm1MinusX(double t) {
        if (Math.abs(t) >= 0.1) {
            return Math.expm1(t) - t;
        }
        double term = t * t / 2;
        double sum = 0;
        for (int k = 3; k <= 16; k++) {
            sum += term;
            term *= t / k;
        }
        return sum;
    }

    /**
     * ln Σ_i e^{a_i} = m + ln Σ_i e^{a_i − m}, m = max_i a_i: no term overflows and the largest is
     * exactly 1, so the sum is at least 1 (the standard shift, as {@code scipy.special.logsumexp}).
     *
     * @param a values; −∞ entries contribute 0
     * @return the log-sum-exp; −∞ when every entry is −∞ (or a is empty), NaN when one is NaN
     */
    public static double logSumExp(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        double s = 0;
        for (double v : a) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    /**
     * ln softmax(a)_i = a_i − {@link #logSumExp}(a): exact for logits of any magnitude (softmax followed
     * by ln would give ln 0 = −∞ where e^{a_i − m} underflows). A −∞ logit gives −∞. The same values as
     * {@code scipy.special.log_softmax} and {@code torch.log_softmax}.
     *
     * @param logits finite or −∞ entries, at least one finite (check with {@link ArgumentChecks#logits})
     * @return a new array of log-probabilities
     */
    public static double[] logSoftmax(double[] logits) {
        double logNorm = logSumExp(logits);
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logits[i] - logNorm;
        }
        return out;
    }
}
