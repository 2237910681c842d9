package dev.kl4j.core.distribution;

import dev.kl4j.core.InvalidArgumentException;
import java.util.random.RandomGenerator;

/**
 * Geometric distribution of the number of failures before the first success, on {0, 1, 2, …}
 * (PyTorch's {@code Geometric(probs)}; SciPy's {@code geom} counts trials and starts at 1).
 * <pre>
 *   ln p(k) = k ln(1 − p) + ln p        mean (1 − p)/p, variance (1 − p)/p²
 *   H = [−(1 − p) ln(1 − p) − p ln p] / p
 * </pre>
 * p = 1 puts all mass at 0. {@code logProb} of a non-integer or negative point is −∞. Sampling by
 * inversion, ⌊ln U / ln(1 − p)⌋ with U uniform on (0, 1] (PyTorch's sampler).
 */
public final class Geometric implements Distribution {
    private final double p;
    private final double logP;
    private final double log1mP;

    private Geometric(double p, double logP, double log1mP) {
        this.p = p;
        this.logP = logP;
        this.log1mP = log1mP;
    }

    /**
     * {@return Geometric(p)}
     *
     * @param probs success probability p in (0, 1]
     */
    public static Geometric ofProbs(double probs) {
        if (!(probs > 0 && probs <= 1)) {
            throw new InvalidArgumentException("probs", "probs = " + probs + " must be in (0, 1]");
        }
        return new Geometric(probs, Math.log(probs), Math.log1p(-probs));
    }

    /**
     * {@return Geometric(sigmoid(logits))}
     *
     * @param logits ln(p / (1 − p)), finite
     */
    public static Geometric ofLogits(double logits) {
        Checks.finite("logits", logits);
        double logP = -Bernoulli.softplus(-logits);
        return new Geometric(Math.exp(logP), logP, -Bernoulli.softplus(logits));
    }

    /** {@return the success probability p per trial, in (0, 1]} */
    public double probs() {
        return p;
    }

    /** {@return ln p} */
    public double logProbSuccess() {
        return logP;
    }

    /** {@return ln(1 − p) (−∞ when p = 1)} */
    public double logProbFailure() {
        return log1mP;
    }

    /** {@return the log-odds ln(p / (1 − p)) (+∞ when p = 1)} */
    public double logits() {
        return logP - log1mP;
    }

    @Override
    public String name() {
        return "geometric";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        double k = x[0];
        if (k != Math.rint(k) || k < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return (k == 0 ? 0 : k * log1mP) + logP;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        if (p == 1) {
            return new double[] {0};
        }
        double u = 1 - rng.nextDouble(); // (0, 1]
        return new double[] {Math.floor(Math.log(u) / log1mP)};
    }

    @Override
    public double entropy() {
        double q = Math.exp(log1mP);
        return ((q > 0 ? -q * log1mP : 0) - p * logP) / p;
    }

    @Override
    public double[] mean() {
        return new double[] {Math.exp(log1mP) / p};
    }

    @Override
    public double[] variance() {
        return new double[] {Math.exp(log1mP) / (p * p)};
    }

    @Override
    public String toString() {
        return "Geometric(probs=" + p + ")";
    }
}
