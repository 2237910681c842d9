package dev.kl4j.core.discrete;

/**
 * The two implementations behind {@link DiscreteDivergences#kl} and {@link DiscreteDivergences#entropy},
 * callable one by one for benchmarks and comparisons. Each method is the full, validating measure with
 * {@link DiscreteOptions#DEFAULT}; only the inner loop differs.
 *
 * <p>The vector kernel uses the incubating Vector API and needs {@code --add-modules
 * jdk.incubator.vector} at run time; without it {@link DiscreteDivergences} falls back to the scalar
 * kernel. With it, inputs of 64 entries or more take the vector kernel (shorter ones gain nothing from it).
 */
public final class DiscreteKernels {

    private DiscreteKernels() {
    }

    /** {@return true when {@code jdk.incubator.vector} is present and {@link DiscreteDivergences} uses it} */
    public static boolean vectorApiInUse() {
        return Kernels.VECTOR != null;
    }

    /**
     * KL(P‖Q) = Σ_i rel_entr(p_i, q_i) in nats through the plain {@code Math.log} loop (formula, SciPy
     * conventions and accuracy as {@link DiscreteDivergences#kl}).
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return KL(P‖Q) in nats
     */
    public static double klScalar(double[] p, double[] q) {
        ProbabilityVectors.requirePair(p, q);
        return RelativeEntropy.klNats(p, q, DiscreteOptions.DEFAULT, ScalarKernel.INSTANCE);
    }

    /**
     * KL(P‖Q) = Σ_i rel_entr(p_i, q_i) in nats through the Vector API loop, whatever the length (formula,
     * SciPy conventions and accuracy as {@link DiscreteDivergences#kl}).
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return KL(P‖Q) in nats
     * @throws UnsupportedOperationException when {@code jdk.incubator.vector} is not present
     */
    public static double klVector(double[] p, double[] q) {
        ProbabilityVectors.requirePair(p, q);
        return RelativeEntropy.klNats(p, q, DiscreteOptions.DEFAULT, requireVector());
    }

    /**
     * H(P) = −Σ_i p_i ln p_i (0 ln 0 = 0) in nats through the plain {@code Math.log} loop (as
     * {@link DiscreteDivergences#entropy}).
     *
     * @param p P, a probability vector
     * @return H(P) in nats
     */
    public static double entropyScalar(double[] p) {
        ProbabilityVectors.requireNonEmpty(p, "p");
        return RelativeEntropy.entropyNats(p, DiscreteOptions.DEFAULT, ScalarKernel.INSTANCE);
    }

    /**
     * H(P) = −Σ_i p_i ln p_i (0 ln 0 = 0) in nats through the Vector API loop, whatever the length (as
     * {@link DiscreteDivergences#entropy}).
     *
     * @param p P, a probability vector
     * @return H(P) in nats
     * @throws UnsupportedOperationException when {@code jdk.incubator.vector} is not present
     */
    public static double entropyVector(double[] p) {
        ProbabilityVectors.requireNonEmpty(p, "p");
        return RelativeEntropy.entropyNats(p, DiscreteOptions.DEFAULT, requireVector());
    }

    private static FusedKernel requireVector() {
        if (Kernels.VECTOR == null) {
            throw new UnsupportedOperationException(
                    "the Vector API kernel needs the JVM option --add-modules jdk.incubator.vector");
        }
        return Kernels.VECTOR;
    }
}
