package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * Bernoulli distribution on {0, 1} with P(X = 1) = p.
 * <pre>
 *   ln p(1) = ln p,  ln p(0) = ln(1 − p)        H = −p ln p − (1 − p) ln(1 − p)   (0 ln 0 = 0)
 * </pre>
 * From logits ℓ: ln p = −softplus(−ℓ), ln(1 − p) = −softplus(ℓ), exact for large |ℓ|; P(X = 0) is kept as
 * exp(−softplus(ℓ)) rather than 1 − p, so the entropy and variance stay accurate where p rounds to 1.
 * {@code logProb} of anything other than 0 or 1 is −∞. Mean p, variance p(1 − p). Sampling: 1 if U &lt; p,
 * U uniform on [0, 1). Source: PyTorch's {@code torch.distributions.Bernoulli(probs | logits)}
 * ({@code torch/distributions/bernoulli.py}).
 */
public final class Bernoulli implements Distribution {
    private final double p;
    /** P(X = 0), kept apart from 1 − p, which rounds to 0 for logits above about 37. */
    private final double q;
    private final double logP;
    private final double log1mP;

    private Bernoulli(double p, double q, double logP, double log1mP) {
        this.p = p;
        this.q = q;
        this.logP = logP;
        this.log1mP = log1mP;
    }

    /**
     * {@return Bernoulli(probs)}
     *
     * @param probs P(X = 1) in [0, 1]
     */
    public static Bernoulli ofProbs(double probs) {
        Checks.probability("probs", probs);
        return new Bernoulli(probs, 1 - probs, Math.log(probs), Math.log1p(-probs));
    }

    /**
     * {@return Bernoulli(sigmoid(logits))}
     *
     * @param logits ln(p / (1 − p)), finite
     */
    public static Bernoulli ofLogits(double logits) {
        Checks.finite("logits", logits);
        double logP = -softplus(-logits);
        double log1mP = -softplus(logits);
        return new Bernoulli(Math.exp(logP), Math.exp(log1mP), logP, log1mP);
    }

    /** softplus(x) = ln(1 + eˣ), computed without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** {@return the success probability P(X = 1), in [0, 1]} */
    public double probs() {
        return p;
    }

    /** {@return ln P(X = 1)} */
    public double logProbOne() {
        return logP;
    }

    /** {@return ln P(X = 0)} */
    public double logProbZero() {
        return log1mP;
    }

    @Override
    public String name() {
        return "bernoulli";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        if (x[0] == 1) {
            return logP;
        }
        return x[0] == 0 ? log1mP : Double.NEGATIVE_INFINITY;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        return new double[] {rng.nextDouble() < p ? 1 : 0};
    }

    @Override
    public double entropy() {
        return (p > 0 ? -p * logP : 0) + (q > 0 ? -q * log1mP : 0);
    }

    @Override
    public double[] mean() {
        return new double[] {p};
    }

    @Override
    public double[] variance() {
        return new double[] {p * q};
    }

    @Override
    public String toString() {
        return "Bernoulli(probs=" + p + ")";
    }
}
