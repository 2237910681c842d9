package dev.kl4j.core.kl;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.Distribution;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Monte Carlo estimate of KL(p ‖ q) = E_p[ln p(X) − ln q(X)], for pairs without a closed form and for
 * testing the closed forms (PyTorch's test suite compares the two the same way).
 * <pre>
 *   KL̂ = (1/n) Σ_i [ln p(x_i) − ln q(x_i)],  x_i ~ p,    standard error = sd / √n
 * </pre>
 * If some sample has ln q(x) = −∞ while ln p(x) is finite, q gives zero mass to a region p reaches, so
 * KL(p ‖ q) is exactly +∞ and that is returned (standard error 0). A sample where ln p(x) − ln q(x) is
 * undefined (both +∞, e.g. a Gamma(0.001) draw that rounded to 0) throws an error naming {@code "p"}.
 */
public final class MonteCarloKl {
    private MonteCarloKl() {
    }

    /**
     * {@return the estimate KL̂ = (1/n) Σ_i [ln p(x_i) − ln q(x_i)], x_i ~ p, of KL(p ‖ q) in nats, with its
     * standard error (formula and +∞ rule in the class comment)}
     *
     * @param p   the distribution samples are drawn from
     * @param q   the reference distribution, same event size as p
     * @param n   number of samples, ≥ 2
     * @param rng the only source of randomness
     */
    public static Estimate estimate(Distribution p, Distribution q, int n, RandomGenerator rng) {
        if (p.eventSize() != q.eventSize()) {
            throw new InvalidArgumentException("q", "event sizes differ: p has " + p.eventSize() + ", q has "
                    + q.eventSize());
        }
        if (n < 2) {
            throw new InvalidArgumentException("n", "n = " + n + " must be >= 2");
        }
        double[] logRatio = new double[n];
        for (int i = 0; i < n; i++) {
            double[] x = p.sample(rng);
            double lp = p.logProb(x);
            double lq = q.logProb(x);
            if (lq == Double.NEGATIVE_INFINITY && lp > Double.NEGATIVE_INFINITY) {
                return new Estimate(Double.POSITIVE_INFINITY, 0, i + 1);
            }
            logRatio[i] = lp - lq;
            if (Double.isNaN(logRatio[i])) {
                throw new InvalidArgumentException("p", "sample " + i + " of p, x = " + Arrays.toString(x)
                        + ", has ln p(x) = " + lp + " and ln q(x) = " + lq + ", so ln p(x) - ln q(x) is undefined"
                        + " (typically a sample that rounded to the edge of the support); Monte Carlo cannot"
                        + " estimate KL(" + p.name() + " || " + q.name() + ") in double precision");
            }
        }
        // KL(p‖q) = E_p[ln p − ln q]: the k1 estimator with the roles of p and q swapped.
        return KlEstimators.mean(logRatio, lr -> lr);
    }
}
