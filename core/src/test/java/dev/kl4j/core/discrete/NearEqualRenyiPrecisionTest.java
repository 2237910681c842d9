package dev.kl4j.core.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Rényi divergence and Bhattacharyya distance for P close to Q, against exact references from Python's
 * {@code decimal} (60 digits, input doubles converted exactly):
 * <pre>
 *   renyi(p, q, a) = sum((a*D(x).ln() + (1-a)*D(y).ln()).exp() for x, y in zip(p, q) if x > 0).ln() / (a-1)
 *   bhat(p, q)     = -sum((D(x) * D(y)).sqrt() for x, y in zip(p, q)).ln()
 * </pre>
 * on the inputs of {@link NearEqualKlPrecisionTest}. Before the accurate forms, α = 2 and the
 * Bhattacharyya distance returned 0 at δ = 1e-12 and α = ½ was off by 25% at δ = 1e-8.
 */
class NearEqualRenyiPrecisionTest {

    private static final double TOLERANCE = 1e-13; // relative

    @Test
    void twoEntriesAtRelativeDifferences1e4To1e12() {
        double[] deltas = {1e-4, 1e-8, 1e-12};
        double[] alphas = {0.5, 0.9, 2, 10};
        double[][] expected = { // renyi(p, q, a) for a in ['0.5', '0.9', '2', '10']
            {1.33315561183655047e-08, 2.39959480664220757e-08, 5.33191163241449305e-08, 2.66405971226794565e-07},
            {1.33333332895491402e-16, 2.39999998358551200e-16, 5.33333324470854611e-16, 2.66666643272464259e-15},
            {1.33327434273039236e-24, 2.39989381691385303e-24, 5.33309737091445844e-24, 2.66654868543826791e-23}};
        double[] bhattacharyya = {6.66577805918275233e-09, 6.66666664477457011e-17, 6.66637171365196181e-25};
        for (int k = 0; k < deltas.length; k++) {
            double e = Math.scalb(Math.rint(Math.scalb(deltas[k], 53)), -53);
            double[] p = {0.25, 0.75};
            double[] q = {0.25 + e, 0.75 - e};
            for (int a = 0; a < alphas.length; a++) {
                assertEquals(expected[k][a], DiscreteDivergences.renyi(p, q, alphas[a]),
                        TOLERANCE * expected[k][a], "delta=" + deltas[k] + " alpha=" + alphas[a]);
            }
            assertEquals(bhattacharyya[k], DiscreteDivergences.bhattacharyya(p, q), TOLERANCE * bhattacharyya[k],
                    "bhattacharyya delta=" + deltas[k]);
        }
    }

    @Test
    void longPseudoRandomVectorsAtRelativeDifference1e8() {
        // p, q = lcg_vectors(1001, 1e-8, 7); here Σp − 1 = 5.4e-19, so the documented normalisation by Σp
        // matters: renyi_n(p, q, a) = (S / sum(D(x) for x in p)).ln() / (a-1), S the sum above;
        // renyi_n(p, q, '0.5'), renyi_n(p, q, '2'), bhat(p, q)
        double[][] pq = NearEqualKlPrecisionTest.lcgVectors(1001, 1e-8, 7);
        assertEquals(5.76615223709499979e-18, DiscreteDivergences.renyi(pq[0], pq[1], 0.5), 1e-13 * 5.8e-18);
        assertEquals(1.72099172179971496e-17, DiscreteDivergences.renyi(pq[0], pq[1], 2), 1e-13 * 1.7e-17);
        assertEquals(2.34097503230474768e-18, DiscreteDivergences.bhattacharyya(pq[0], pq[1]), 1e-13 * 2.3e-18);
    }
}
