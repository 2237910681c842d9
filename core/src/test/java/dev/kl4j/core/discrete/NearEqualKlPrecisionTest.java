package dev.kl4j.core.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * KL(P‖Q) for P close to Q, where the plain sum of p ln(p/q) loses digits (terms O(δ), sum O(δ²)), and
 * at extreme inputs, through both kernels, against exact references from Python's {@code decimal}
 * (60 digits, each input double converted exactly):
 * {@code sum(D(a) * (D(a) / D(b)).ln() for a, b in zip(p, q) if a)}. The generator script is in the
 * comments; SciPy's {@code rel_entr(p, q).sum()} gives 2.329e-16 for the δ = 1e-8 pair (13% off).
 */
class NearEqualKlPrecisionTest {

    private static final double TOLERANCE = 1e-13; // relative

    private static void assertKl(double expected, double[] p, double[] q, String what) {
        assertEquals(expected, DiscreteKernels.klScalar(p, q), TOLERANCE * expected, what + " scalar");
        assertEquals(expected, DiscreteKernels.klVector(p, q), TOLERANCE * expected, what + " vector");
        assertEquals(expected, DiscreteDivergences.kl(p, q), TOLERANCE * expected, what + " kl");
    }

    /** e = δ rounded to a multiple of 2^-53, so that 0.25 + e and 0.75 − e are exact and Σ q = 1 exactly. */
    private static double[][] pair(double delta) {
        double e = Math.scalb(Math.rint(Math.scalb(delta, 53)), -53);
        return new double[][] {{0.25, 0.75}, {0.25 + e, 0.75 - e}};
    }

    @Test
    void twoEntriesAtRelativeDifferences1e4To1e12() {
        // e = math.ldexp(round(math.ldexp(d, 53)), -53); kl([0.25, 0.75], [0.25 + e, 0.75 - e])
        double[] deltas = {1e-4, 1e-6, 1e-8, 1e-12};
        double[] expected = {2.66619275846738066e-08, 2.66666192609588160e-12, 2.66666664605797638e-16,
            2.66654868545959968e-24};
        for (int k = 0; k < deltas.length; k++) {
            double[][] pq = pair(deltas[k]);
            assertKl(expected[k], pq[0], pq[1], "delta=" + deltas[k]);
        }
    }

    /**
     * 1001 entries (a vector tail for 4 and 8 lanes): x_i uniform in [2^40, 2^41) from a 64-bit LCG,
     * z_i uniform in [−m, m] with m = round(δ 2^40), p = x / Σx, q = (x + z) / Σ(x + z).
     */
    static double[][] lcgVectors(int n, double delta, long seed) {
        long state = seed;
        long m = Math.round(delta * 0x1p40);
        long[] x = new long[n];
        long[] y = new long[n];
        long sumX = 0;
        long sumY = 0;
        for (int i = 0; i < n; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            x[i] = (1L << 40) + ((state >>> 24) & ((1L << 40) - 1));
            state = state * 6364136223846793005L + 1442695040888963407L;
            long z = Long.remainderUnsigned(state >>> 1, 2 * m + 1) - m;
            y[i] = x[i] + z;
            sumX += x[i];
            sumY += y[i];
        }
        double[] p = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = (double) x[i] / (double) sumX;
            q[i] = (double) y[i] / (double) sumY;
        }
        return new double[][] {p, q};
    }

    @Test
    void longPseudoRandomVectorsAtRelativeDifferences1e4To1e12() {
        // p, q = lcg_vectors(1001, d, 7) (the Python twin of lcgVectors); kl(p, q)
        double[] deltas = {1e-4, 1e-6, 1e-8, 1e-12};
        double[] expected = {8.21733347255338469e-10, 7.95861363730024470e-14, 9.58074056388923733e-18,
            1.19262251937188826e-18};
        for (int k = 0; k < deltas.length; k++) {
            double[][] pq = lcgVectors(1001, deltas[k], 7);
            assertKl(expected[k], pq[0], pq[1], "delta=" + deltas[k]);
        }
    }

    @Test
    void zerosSubnormalsAndOverflowingRatios() {
        // p/q: 0/0, 0/0.1, subnormal/subnormal, 1e-300/1e-320 and 1e-10/4.9e-324 (p/q overflows)
        double[] p = {0.5, 0.3, 0.2, 0.0, 0.0, 1e-310, 3e-320, 1e-300, 1e-10};
        double[] q = {0.3, 0.4, 0.2, 0.0, 0.1, 2e-310, 5e-320, 1e-320, 5e-324};
        // kl(p, q) with the decimal expression above
        double expected = 1.69108262288883149e-01;
        assertKl(expected, p, q, "extreme");
        double[] pLong = new double[90];
        double[] qLong = new double[90];
        for (int i = 0; i < 10; i++) {
            System.arraycopy(p, 0, pLong, 9 * i, 9);
            System.arraycopy(q, 0, qLong, 9 * i, 9);
        }
        for (int i = 0; i < 90; i++) {
            pLong[i] /= 10;
            qLong[i] /= 10;
        }
        // the same entries divided by 10 (exactly representable changes aside, KL is 1-homogeneous):
        // checked against the scalar kernel rather than a second reference
        assertEquals(DiscreteKernels.klScalar(pLong, qLong), DiscreteKernels.klVector(pLong, qLong),
                1e-14 * expected, "vector lanes with zeros, subnormals and overflowing ratios");
        qLong[8] = 0.0; // p = 1e-11 > 0 = q
        assertEquals(Double.POSITIVE_INFINITY, DiscreteKernels.klVector(pLong, qLong));
        assertEquals(Double.POSITIVE_INFINITY, DiscreteKernels.klScalar(pLong, qLong));
    }
}
