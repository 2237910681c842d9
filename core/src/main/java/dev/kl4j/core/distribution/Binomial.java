package dev.kl4j.core.distribution;

import dev.kl4j.core.InvalidArgumentException;
import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Binomial distribution: the number of successes in n independent trials with success probability p
 * (PyTorch's {@code Binomial(total_count, probs)}), on {0, …, n}.
 * <pre>
 *   ln p(k) = ln C(n, k) + k ln p + (n − k) ln(1 − p)        mean np, variance np(1 − p)
 *   H = −Σ_k p(k) ln p(k)   (summed over the support, as PyTorch's enumerate_support does)
 * </pre>
 * With 0 ln 0 = 0: for p = 0 all mass is at 0, for p = 1 at n. From logits ℓ, ln p = −softplus(−ℓ) and
 * ln(1 − p) = −softplus(ℓ) stay exact for large |ℓ|. {@code logProb} of a non-integer or out-of-range
 * point is −∞. Sampling: one Bernoulli draw per trial (exact, O(n)).
 */
public final class Binomial implements Distribution {
    private final int totalCount;
    private final double p;
    private final double q;
    private final double logP;
    private final double log1mP;

    private Binomial(int totalCount, double p, double q, double logP, double log1mP) {
        this.totalCount = totalCount;
        this.p = p;
        this.q = q;
        this.logP = logP;
        this.log1mP = log1mP;
    }

    /**
     * {@return Binomial(n, p)}
     *
     * @param totalCount n, a whole number ≥ 0 (at most 2³¹ − 1)
     * @param probs      success probability p in [0, 1]
     */
    public static Binomial ofProbs(double totalCount, double probs) {
        int n = count(totalCount);
        Checks.probability("probs", probs);
        return new Binomial(n, probs, 1 - probs, Math.log(probs), Math.log1p(-probs));
    }

    /**
     * {@return Binomial(n, sigmoid(logits))}
     *
     * @param totalCount n, a whole number ≥ 0
     * @param logits     ln(p / (1 − p)), finite
     */
    public static Binomial ofLogits(double totalCount, double logits) {
        int n = count(totalCount);
        Checks.finite("logits", logits);
        double logP = -Bernoulli.softplus(-logits);
        double log1mP = -Bernoulli.softplus(logits);
        return new Binomial(n, Math.exp(logP), Math.exp(log1mP), logP, log1mP);
    }

    private static int count(double totalCount) {
        Checks.finite("total_count", totalCount);
        if (totalCount < 0 || totalCount != Math.rint(totalCount) || totalCount > Integer.MAX_VALUE) {
            throw new InvalidArgumentException("total_count", "total_count = " + totalCount
                    + " must be a whole number >= 0");
        }
        return (int) totalCount;
    }

    /** {@return the number of trials n ≥ 0} */
    public int totalCount() {
        return totalCount;
    }

    /** {@return the success probability per trial p, in [0, 1]} */
    public double probs() {
        return p;
    }

    /** {@return ln p, the log success probability (−∞ when p = 0)} */
    public double logProbSuccess() {
        return logP;
    }

    /** {@return ln(1 − p), the log failure probability (−∞ when p = 1)} */
    public double logProbFailure() {
        return log1mP;
    }

    @Override
    public String name() {
        return "binomial";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        double k = x[0];
        if (k != Math.rint(k) || k < 0 || k > totalCount) {
            return Double.NEGATIVE_INFINITY;
        }
        return logMass((int) k);
    }

    private double logMass(int k) {
        double successes = k == 0 ? 0 : k * logP;
        double failures = k == totalCount ? 0 : (totalCount - k) * log1mP;
        return LogGamma.value(totalCount + 1.0) - LogGamma.value(k + 1.0) - LogGamma.value(totalCount - k + 1.0)
                + successes + failures;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        int k = 0;
        for (int i = 0; i < totalCount; i++) {
            if (rng.nextDouble() < p) {
                k++;
            }
        }
        return new double[] {k};
    }

    /**
     * Σ −p(k) ln p(k) over k within 40 standard deviations of the mean (the rest is below 1e-300 of the
     * total), so large n costs O(√n) terms.
     */
    @Override
    public double entropy() {
        double sd = Math.sqrt(totalCount * p * q);
        double mean = totalCount * p;
        int from = (int) Math.max(0, Math.floor(mean - 40 * sd - 10));
        int to = (int) Math.min(totalCount, Math.ceil(mean + 40 * sd + 10));
        double h = 0;
        for (int k = from; k <= to; k++) {
            double l = logMass(k);
            if (l > Double.NEGATIVE_INFINITY) {
                h -= Math.exp(l) * l;
            }
        }
        return h;
    }

    @Override
    public double[] mean() {
        return new double[] {totalCount * p};
    }

    @Override
    public double[] variance() {
        return new double[] {totalCount * p * q};
    }

    @Override
    public String toString() {
        return "Binomial(total_count=" + totalCount + ", probs=" + p + ")";
    }
}
