package dev.kl4j.core.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Identities and inequalities that tie the measures to each other, on seeded random vectors with exact
 * zeros (half of the pairs have q = 0 only where p = 0, so their KL is finite).
 */
class DiscretePropertiesTest {

    private static final int CASES = 400;

    private interface PairCheck {
        void check(double[] p, double[] q);
    }

    private static void forRandomPairs(long seed, PairCheck check) {
        RandomGenerator rng = new SplittableRandom(seed);
        for (int c = 0; c < CASES; c++) {
            int n = 1 + rng.nextInt(40);
            double[] p = RandomVectors.probabilities(rng, n, 0.2);
            double[] q = RandomVectors.probabilities(rng, n, 0.2);
            if (c % 2 == 0) {
                // q > 0 wherever p > 0: mix in p so that the KL is finite
                for (int i = 0; i < n; i++) {
                    q[i] = 0.5 * q[i] + 0.5 * p[i];
                }
            }
            check.check(p, q);
        }
    }

    private static void assertRelative(double expected, double actual, double relative, String what) {
        if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, relative * Math.max(1.0, Math.abs(expected)), what);
        }
    }

    @Test
    void klIsNonNegativeAndZeroOnlyForEqualInputs() {
        forRandomPairs(1, (p, q) -> {
            double kl = DiscreteDivergences.kl(p, q);
            assertTrue(kl >= -1e-15, "KL = " + kl);
            assertEquals(0.0, DiscreteDivergences.kl(p, p));
            if (!java.util.Arrays.equals(p, q)) {
                assertTrue(kl > 0, "KL of different vectors should be positive");
            }
        });
    }

    @Test
    void klIsNotSymmetric() {
        double[] p = {0.1, 0.7, 0.2};
        double[] q = {0.2, 0.6, 0.2};
        // rel_entr(qA, pA).sum() = 0.04563... differs from 0.03859...
        assertNotEquals(DiscreteDivergences.kl(p, q), DiscreteDivergences.kl(q, p), 1e-3);
        int asymmetric = 0;
        RandomGenerator rng = new SplittableRandom(2);
        for (int c = 0; c < 100; c++) {
            double[] a = RandomVectors.probabilities(rng, 5, 0.0);
            double[] b = RandomVectors.probabilities(rng, 5, 0.0);
            if (Math.abs(DiscreteDivergences.kl(a, b) - DiscreteDivergences.kl(b, a)) > 1e-6) {
                asymmetric++;
            }
        }
        assertTrue(asymmetric > 90, "asymmetric in " + asymmetric + " of 100");
    }

    @Test
    void klIsAdditiveOverIndependentProducts() {
        RandomGenerator rng = new SplittableRandom(3);
        for (int c = 0; c < 200; c++) {
            int n1 = 1 + rng.nextInt(12);
            int n2 = 1 + rng.nextInt(12);
            double[] p1 = RandomVectors.probabilities(rng, n1, 0.2);
            double[] p2 = RandomVectors.probabilities(rng, n2, 0.2);
            double[] q1 = RandomVectors.probabilities(rng, n1, c % 2 == 0 ? 0.0 : 0.2);
            double[] q2 = RandomVectors.probabilities(rng, n2, 0.0);
            double joint = DiscreteDivergences.kl(RandomVectors.outer(p1, p2), RandomVectors.outer(q1, q2));
            double separate = DiscreteDivergences.kl(p1, q1) + DiscreteDivergences.kl(p2, q2);
            assertRelative(separate, joint, 1e-12, "KL(P1⊗P2‖Q1⊗Q2)");
            // entropy is additive too
            assertRelative(DiscreteDivergences.entropy(p1) + DiscreteDivergences.entropy(p2),
                    DiscreteDivergences.entropy(RandomVectors.outer(p1, p2)), 1e-12, "H(P1⊗P2)");
        }
    }

    @Test
    void crossEntropyIsEntropyPlusKl() {
        forRandomPairs(4, (p, q) -> assertRelative(
                DiscreteDivergences.entropy(p) + DiscreteDivergences.kl(p, q),
                DiscreteDivergences.crossEntropy(p, q), 1e-12, "H(P,Q)"));
    }

    @Test
    void jensenShannonIsBoundedSymmetricAndTheSquaredDistance() {
        forRandomPairs(5, (p, q) -> {
            double js = DiscreteDivergences.js(p, q);
            assertTrue(js >= -1e-16 && js <= Math.log(2) + 1e-15, "JS = " + js);
            assertEquals(js, DiscreteDivergences.js(q, p), 1e-15);
            double d = DiscreteDivergences.jsDistance(p, q);
            assertEquals(Math.max(0, js), d * d, 1e-15);
            double bits = DiscreteDivergences.js(p, q, DiscreteOptions.DEFAULT.withBase(LogBase.TWO));
            assertTrue(bits <= 1 + 1e-15, "JS in bits = " + bits);
        });
    }

    @Test
    void hellingerSquaredIsOneMinusBhattacharyyaCoefficient() {
        forRandomPairs(6, (p, q) -> {
            double h = DiscreteDivergences.hellinger(p, q);
            double bc = Math.exp(-DiscreteDivergences.bhattacharyya(p, q));
            assertEquals(1 - bc, h * h, 1e-14);
            assertTrue(h >= 0 && h <= 1 + 1e-15);
        });
    }

    @Test
    void renyiOrdersMatchTheirNamedMeasures() {
        forRandomPairs(7, (p, q) -> {
            // α = 2: ln(1 + χ²), so χ² = exp(D_2) − 1
            assertRelative(DiscreteDivergences.chi2(p, q), Math.expm1(DiscreteDivergences.renyi(p, q, 2.0)), 1e-11, "chi2");
            // α = ½: −2 ln BC = 2 · Bhattacharyya
            assertRelative(2 * DiscreteDivergences.bhattacharyya(p, q), DiscreteDivergences.renyi(p, q, 0.5), 1e-12,
                    "D_1/2");
            // α → 1 from both sides approaches KL
            double kl = DiscreteDivergences.kl(p, q);
            if (Double.isFinite(kl)) {
                assertEquals(kl, DiscreteDivergences.renyi(p, q, 1 - 1e-7), 1e-6 * Math.max(1, kl));
                assertEquals(kl, DiscreteDivergences.renyi(p, q, 1 + 1e-7), 1e-6 * Math.max(1, kl));
            }
        });
    }

    @Test
    void fDivergenceGeneratorsEqualTheNamedMeasures() {
        forRandomPairs(8, (p, q) -> {
            assertRelative(DiscreteDivergences.kl(p, q), DiscreteDivergences.fDivergence(p, q, FGenerator.KL), 1e-12, "KL");
            assertRelative(DiscreteDivergences.kl(q, p), DiscreteDivergences.fDivergence(p, q, FGenerator.REVERSE_KL),
                    1e-12, "reverse KL");
            assertRelative(DiscreteDivergences.tv(p, q), DiscreteDivergences.fDivergence(p, q, FGenerator.TOTAL_VARIATION),
                    1e-12, "TV");
            assertRelative(DiscreteDivergences.chi2(p, q), DiscreteDivergences.fDivergence(p, q, FGenerator.PEARSON_CHI2),
                    1e-12, "chi2");
            double h = DiscreteDivergences.hellinger(p, q);
            assertRelative(2 * h * h, DiscreteDivergences.fDivergence(p, q, FGenerator.SQUARED_HELLINGER), 1e-12,
                    "squared Hellinger");
            assertRelative(DiscreteDivergences.js(p, q), DiscreteDivergences.fDivergence(p, q, FGenerator.JENSEN_SHANNON),
                    1e-12, "JS");
        });
    }

    @Test
    void inequalitiesBetweenMeasures() {
        forRandomPairs(9, (p, q) -> {
            double tv = DiscreteDivergences.tv(p, q);
            double kl = DiscreteDivergences.kl(p, q);
            double h = DiscreteDivergences.hellinger(p, q);
            // Pinsker: TV ≤ √(KL/2); Le Cam: H² ≤ TV ≤ √2 H
            assertTrue(tv <= Math.sqrt(kl / 2) + 1e-12, "Pinsker");
            assertTrue(h * h <= tv + 1e-12 && tv <= Math.sqrt(2) * h + 1e-12, "Hellinger vs TV");
            // entropy ≤ ln n
            assertTrue(DiscreteDivergences.entropy(p) <= Math.log(p.length) + 1e-12);
        });
    }

    @Test
    void wassersteinOnTheUnitGridAndScaledGrids() {
        forRandomPairs(10, (p, q) -> {
            double[] grid = new double[p.length];
            double[] scaled = new double[p.length];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = i;
                scaled[i] = 2.5 * i - 7;
            }
            double w = DiscreteDivergences.wasserstein1(p, q);
            assertEquals(w, DiscreteDivergences.wasserstein1(p, q, grid), 1e-14);
            assertEquals(2.5 * w, DiscreteDivergences.wasserstein1(p, q, scaled), 1e-12);
            assertEquals(w, DiscreteDivergences.wasserstein1(q, p), 1e-14);
            // W1 ≥ TV on the unit grid (each unit of moved mass travels at least 1)
            assertTrue(w >= DiscreteDivergences.tv(p, q) - 1e-14);
        });
    }
}
