package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * Categorical distribution whose outcomes are one-hot vectors of length K (PyTorch's
 * {@code OneHotCategorical}): outcome e_k has probability p_k.
 * <pre>
 *   ln p(e_k) = ln p_k        H = −Σ_k p_k ln p_k        mean p, variance p_k (1 − p_k)
 * </pre>
 * {@code logProb} of a vector that is not one-hot is −∞. Probabilities, log-softmax and sampling are
 * those of {@link Categorical}, which {@link #categorical()} returns.
 */
public final class OneHotCategorical implements Distribution {
    private final Categorical categorical;

    private OneHotCategorical(Categorical categorical) {
        this.categorical = categorical;
    }

    /**
     * {@return the one-hot categorical with these probabilities}
     *
     * @param probs probabilities in [0, 1] summing to 1
     */
    public static OneHotCategorical ofProbs(double[] probs) {
        return new OneHotCategorical(Categorical.ofProbs(probs));
    }

    /**
     * {@return the one-hot categorical softmax(logits)}
     *
     * @param logits unnormalised log-probabilities (−∞ allowed, not all)
     */
    public static OneHotCategorical ofLogits(double[] logits) {
        return new OneHotCategorical(Categorical.ofLogits(logits));
    }

    /** {@return the same probabilities over indices {0, …, K−1}} */
    public Categorical categorical() {
        return categorical;
    }

    @Override
    public String name() {
        return "one_hot_categorical";
    }

    @Override
    public int eventSize() {
        return categorical.numCategories();
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, eventSize());
        int hot = -1;
        for (int k = 0; k < x.length; k++) {
            if (x[k] == 1 && hot < 0) {
                hot = k;
            } else if (x[k] != 0) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        return hot < 0 ? Double.NEGATIVE_INFINITY : categorical.logProb(new double[] {hot});
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        double[] x = new double[eventSize()];
        x[(int) categorical.sample(rng)[0]] = 1;
        return x;
    }

    @Override
    public double entropy() {
        return categorical.entropy();
    }

    @Override
    public double[] mean() {
        return categorical.probs();
    }

    @Override
    public double[] variance() {
        double[] p = categorical.probs();
        for (int k = 0; k < p.length; k++) {
            p[k] = p[k] * (1 - p[k]);
        }
        return p;
    }

    @Override
    public String toString() {
        return "OneHotCategorical(probs=" + java.util.Arrays.toString(categorical.probs()) + ")";
    }
}
