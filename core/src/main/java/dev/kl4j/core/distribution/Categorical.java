package dev.kl4j.core.distribution;

import dev.kl4j.core.ArgumentChecks;
import dev.kl4j.core.StableMath;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Categorical distribution over the indices {0, …, K−1}. An outcome is a length-one array holding the
 * index as a double (PyTorch's {@code Categorical} also returns indices).
 * <pre>
 *   ln p(k) = ln p_k          H = −Σ_k p_k ln p_k  (0 ln 0 = 0)
 * </pre>
 * From logits the log-probabilities are the log-softmax ℓ_k − max ℓ − ln Σ_j exp(ℓ_j − max ℓ), which stays
 * exact for large logits. {@code logProb} of a non-integer or out-of-range index is −∞.
 * {@code mean()} and {@code variance()} are those of the index (PyTorch returns NaN here). Sampling: inverse
 * CDF with one uniform draw.
 */
public final class Categorical implements Distribution {
    private final double[] probs;
    private final double[] logProbs;

    private Categorical(double[] probs, double[] logProbs) {
        this.probs = probs;
        this.logProbs = logProbs;
    }

    /**
     * {@return the categorical distribution with these probabilities}
     *
     * @param probs probabilities in [0, 1] summing to 1 (relative tolerance 1e-9)
     */
    public static Categorical ofProbs(double[] probs) {
        double[] p = Checks.probabilityVector("probs", probs);
        double[] lp = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            lp[i] = Math.log(p[i]);
        }
        return new Categorical(p, lp);
    }

    /**
     * {@return the categorical distribution softmax(logits)}
     *
     * @param logits unnormalised log-probabilities; −∞ (probability 0) is allowed, NaN and +∞ are not,
     *               and at least one entry must be finite
     */
    public static Categorical ofLogits(double[] logits) {
        ArgumentChecks.logits("logits", logits);
        double[] lp = StableMath.logSoftmax(logits);
        double[] p = new double[lp.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(lp[i]);
        }
        return new Categorical(p, lp);
    }

    /** {@return a copy of the category probabilities P(X = k), k = 0 … K−1, summing to 1} */
    public double[] probs() {
        return probs.clone();
    }

    /** {@return a copy of the log-probabilities (−∞ for zero probability)} */
    public double[] logProbs() {
        return logProbs.clone();
    }

    /** {@return the number of categories K} */
    public int numCategories() {
        return probs.length;
    }

    @Override
    public String name() {
        return "categorical";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        double k = x[0];
        if (k != Math.rint(k) || k < 0 || k >= probs.length) {
            return Double.NEGATIVE_INFINITY;
        }
        return logProbs[(int) k];
    }

    /** Inverse-CDF sampling with one uniform draw. */
    @Override
    public double[] sample(RandomGenerator rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int k = 0; k < probs.length; k++) {
            if (probs[k] > 0) {
                cumulative += probs[k];
                last = k;
                if (u < cumulative) {
                    return new double[] {k};
                }
            }
        }
        return new double[] {last};
    }

    @Override
    public double entropy() {
        double h = 0;
        for (int k = 0; k < probs.length; k++) {
            if (probs[k] > 0) {
                h -= probs[k] * logProbs[k];
            }
        }
        return h;
    }

    @Override
    public double[] mean() {
        double m = 0;
        for (int k = 0; k < probs.length; k++) {
            m += k * probs[k];
        }
        return new double[] {m};
    }

    @Override
    public double[] variance() {
        double m = mean()[0];
        double v = 0;
        for (int k = 0; k < probs.length; k++) {
            v += (k - m) * (k - m) * probs[k];
        }
        return new double[] {v};
    }

    @Override
    public String toString() {
        return "Categorical(probs=" + Arrays.toString(probs) + ")";
    }
}
