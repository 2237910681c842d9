package dev.kl4j.core.discrete;

import java.util.random.RandomGenerator;

/** Seeded random probability vectors for property tests, with exact zeros. */
final class RandomVectors {

    private RandomVectors() {
    }

    /**
     * A probability vector of length n whose entries are 0 with probability {@code zeroChance} and
     * otherwise uniform(0, 1) before normalisation; at least one entry is positive.
     */
    static double[] probabilities(RandomGenerator rng, int n, double zeroChance) {
        double[] x = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble() < zeroChance ? 0.0 : rng.nextDouble();
            sum += x[i];
        }
        if (sum == 0) {
            x[rng.nextInt(n)] = 1.0;
            return x;
        }
        for (int i = 0; i < n; i++) {
            x[i] /= sum;
        }
        return x;
    }

    /** A copy of p with entries where {@code support} is zero set to 0, renormalised. */
    static double[] restrictedTo(double[] p, double[] support) {
        double[] x = p.clone();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (support[i] == 0.0) {
                x[i] = 0.0;
            }
            sum += x[i];
        }
        if (sum == 0) {
            return support.clone();
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= sum;
        }
        return x;
    }

    /** The flattened outer product p ⊗ q (the joint law of independent draws). */
    static double[] outer(double[] p, double[] q) {
        double[] x = new double[p.length * q.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < q.length; j++) {
                x[i * q.length + j] = p[i] * q[j];
            }
        }
        return x;
    }
}
