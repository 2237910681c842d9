package dev.kl4j.core.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The two tiers of the vector KL kernel: the plain sum is returned when {@link PlainSumBound} certifies
 * it, the accurate kernel runs otherwise, and on seeded random inputs (mixtures of near-equal and
 * distinct entries) the bound B always covers the actual error of the plain sum against a 50-digit
 * decimal reference ({@link DecimalKl}), and the returned KL is within 1e-13 of it.
 */
class PlainSumBoundTest {

    private static final VectorKernel VECTOR = VectorKernel.INSTANCE;

    /** The benchmark's inputs: about 10% zeros in p, q = 0.05 + uniform, both normalised. */
    private static double[][] typical(RandomGenerator rng, int n) {
        double[] p = new double[n];
        double[] q = new double[n];
        double sumP = 0;
        double sumQ = 0;
        for (int i = 0; i < n; i++) {
            p[i] = rng.nextDouble() < 0.1 ? 0.0 : rng.nextDouble();
            q[i] = 0.05 + rng.nextDouble();
            sumP += p[i];
            sumQ += q[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sumP;
            q[i] /= sumQ;
        }
        return new double[][] {p, q};
    }

    @Test
    void typicalInputsReturnThePlainSum() {
        RandomGenerator rng = new SplittableRandom(21);
        for (int n : new int[] {64, 1_000, 100_003}) {
            double[][] pq = typical(rng, n);
            VectorKernel.PlainPass plain = VECTOR.plainRelativeEntropy(pq[0], pq[1]);
            assertTrue(plain.certified(), "n=" + n + " S=" + plain.pass().value() + " B=" + plain.bound());
            assertEquals(plain.pass().value(), VECTOR.relativeEntropy(pq[0], pq[1]).value(), "the plain S is returned");
        }
        double[][] pq = typical(rng, 2_000);
        double expected = DecimalKl.kl(pq[0], pq[1]);
        assertEquals(expected, DiscreteDivergences.kl(pq[0], pq[1]), 1e-13 * expected);
    }

    @Test
    void nearEqualInputsFallBackToTheAccurateKernel() {
        for (double delta : new double[] {1e-4, 1e-8}) {
            double[][] pq = NearEqualKlPrecisionTest.lcgVectors(1001, delta, 7);
            VectorKernel.PlainPass plain = VECTOR.plainRelativeEntropy(pq[0], pq[1]);
            assertFalse(plain.certified(), "delta=" + delta);
            assertEquals(VECTOR.accurateRelativeEntropy(pq[0], pq[1]).value(),
                    VECTOR.relativeEntropy(pq[0], pq[1]).value(), "the accurate value is returned");
        }
        double[] p = new double[100];
        java.util.Arrays.fill(p, 0.01);
        VectorKernel.PlainPass equal = VECTOR.plainRelativeEntropy(p, p.clone());
        assertFalse(equal.certified(), "P = Q: S = 0 cannot be certified relatively");
        assertEquals(0.0, VECTOR.relativeEntropy(p, p.clone()).value());
    }

    @Test
    void infiniteAndOverflowingTermsAreNeverCertified() {
        int n = 128;
        double[] p = new double[n];
        double[] q = new double[n];
        java.util.Arrays.fill(p, 1.0 / n);
        java.util.Arrays.fill(q, 1.0 / n);
        q[17] = 1e-320; // p/q overflows
        q[18] += 1.0 / n - 1e-320;
        assertFalse(VECTOR.plainRelativeEntropy(p, q).certified());
        double kl = VECTOR.relativeEntropy(p, q).value();
        // (ln(1/128) − ln(1e-320))/128 + ln(1/2)/128, each term by hand
        double expected = (Math.log(1.0 / n) - Math.log(1e-320)) / n + Math.log(0.5) / n;
        assertEquals(expected, kl, 1e-13 * expected);
        q[17] = 0.0; // p > 0 = q
        assertFalse(VECTOR.plainRelativeEntropy(p, q).certified());
        assertEquals(Double.POSITIVE_INFINITY, VECTOR.relativeEntropy(p, q).value());
        p[17] = 0.0; // 0 ln(0/0) = 0: finite again, the masked lane adds nothing
        p[19] += 1.0 / n;
        assertEquals(DecimalKl.kl(p, q), VECTOR.relativeEntropy(p, q).value(), 1e-13 * DecimalKl.kl(p, q));
    }

    /**
     * q equal to p up to relative perturbations of size δ on a fraction of the entries and unrelated
     * (same total mass) on the rest; p has about 10% zeros, q is positive everywhere.
     */
    private static double[][] mixture(RandomGenerator rng, int n, double nearFraction, double delta) {
        double[] p = RandomVectors.probabilities(rng, n, 0.1);
        double[] q = new double[n];
        boolean[] near = new boolean[n];
        double distinctMass = 0;
        double weights = 0;
        for (int i = 0; i < n; i++) {
            near[i] = p[i] > 0 && rng.nextDouble() < nearFraction;
            if (!near[i]) {
                distinctMass += p[i];
                q[i] = 0.05 + rng.nextDouble();
                weights += q[i];
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            q[i] = near[i] ? p[i] * (1 + delta * (2 * rng.nextDouble() - 1)) : q[i] / weights * distinctMass;
            sum += q[i];
        }
        for (int i = 0; i < n; i++) {
            q[i] /= sum;
        }
        return new double[][] {p, q};
    }

    @Test
    void boundCoversTheErrorAndKlIsWithin1e13OnRandomMixtures() {
        RandomGenerator rng = new SplittableRandom(20261126L);
        double[] fractions = {0.0, 0.9, 0.98, 0.99, 0.995, 1.0};
        int certified = 0;
        int fallback = 0;
        for (int rep = 0; rep < 180; rep++) {
            int n = 64 + rng.nextInt(400); // every tail length for 8 lanes
            double fraction = fractions[rep % fractions.length];
            double delta = Math.pow(10, -1 - 11 * rng.nextDouble());
            double[][] pq = mixture(rng, n, fraction, delta);
            String what = "rep=" + rep + " n=" + n + " near=" + fraction + " delta=" + delta;
            double expected = DecimalKl.kl(pq[0], pq[1]);
            VectorKernel.PlainPass plain = VECTOR.plainRelativeEntropy(pq[0], pq[1]);
            double error = Math.abs(plain.pass().value() - expected);
            assertTrue(error <= plain.bound(), what + ": |S - KL| = " + error + " > B = " + plain.bound());
            if (plain.certified()) {
                certified++;
            } else {
                fallback++;
            }
            assertEquals(expected, VECTOR.relativeEntropy(pq[0], pq[1]).value(), 1e-13 * Math.abs(expected), what);
            assertEquals(expected, DiscreteDivergences.kl(pq[0], pq[1]), 1e-13 * Math.abs(expected), what);
        }
        assertTrue(certified >= 40 && fallback >= 40, "both tiers exercised: " + certified + " certified, "
                + fallback + " fell back");
    }

    @Test
    void boundFormula() {
        // n = 8000 in 8 lanes: k = (1000 + 24) u; B = Â (4.25 u + 2k²)(1 + 2k) + 8000·2^-1020
        double u = 0x1p-53;
        double k = 1024 * u;
        double expected = 2.0 * (4.25 * u + 2 * k * k) * (1 + 2 * k) + 8000 * 0x1p-1020;
        assertEquals(expected, PlainSumBound.of(2.0, 8000, 8), 1e-15 * expected);
        assertTrue(PlainSumBound.certifies(1.0, 1e-13));
        assertFalse(PlainSumBound.certifies(1.0, 1.01e-13));
        assertFalse(PlainSumBound.certifies(Double.NaN, 0.0));
        assertFalse(PlainSumBound.certifies(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(PlainSumBound.certifies(0.0, PlainSumBound.of(1.0, 100, 8)));
    }
}
