package dev.kl4j.core.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Reference values: SciPy 1.10 (Debian, /usr/bin/python3) with the producing expression beside each
 * number, or a hand computation. Case A is the example, case B has p = 0 where q &gt; 0.
 * Python set-up: {@code import numpy as np; from scipy.special import rel_entr, xlogy;
 * from scipy.stats import entropy, wasserstein_distance, chisquare;
 * from scipy.spatial.distance import jensenshannon, euclidean}.
 */
class DiscreteDivergencesTest {

    private static final double[] P_A = {0.1, 0.7, 0.2};
    private static final double[] Q_A = {0.2, 0.6, 0.2};
    private static final double[] P_B = {0.2, 0.0, 0.5, 0.3};
    private static final double[] Q_B = {0.1, 0.4, 0.3, 0.2};
    private static final double TOL = 1e-14;

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, TOL * Math.max(1.0, Math.abs(expected)));
    }

    @Test
    void klMatchesScipy() {
        // rel_entr(pA, qA).sum()
        assertClose(0.038590757823086325, DiscreteDivergences.kl(P_A, Q_A));
        // rel_entr(pB, qB).sum()
        assertClose(0.5156817804274337, DiscreteDivergences.kl(P_B, Q_B));
    }

    @Test
    void klMatchesHandComputation() {
        // 0.1 ln(0.1/0.2) + 0.7 ln(0.7/0.6) + 0.2 ln 1
        double expected = 0.1 * Math.log(0.5) + 0.7 * Math.log(7.0 / 6.0);
        assertEquals(expected, DiscreteDivergences.kl(P_A, Q_A), 1e-15);
        // KL([1, 0] ‖ [½, ½]) = ln 2; the p = 0 entry adds nothing.
        assertEquals(Math.log(2), DiscreteDivergences.kl(new double[] {1, 0}, new double[] {0.5, 0.5}), 1e-16);
    }

    @Test
    void klInOtherBases() {
        // entropy(pA, qA, base=2), entropy(pA, qA, base=10)
        assertClose(0.055674694935513615, DiscreteDivergences.kl(P_A, Q_A, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)));
        assertClose(0.016759753175031138, DiscreteDivergences.kl(P_A, Q_A, DiscreteOptions.DEFAULT.withBase(LogBase.TEN)));
        // entropy(pB, qB, base=2)
        assertClose(0.74397154729945, DiscreteDivergences.kl(P_B, Q_B, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)));
    }

    @Test
    void klZeroConventions() {
        // p = 0 where q = 0 adds 0 (0 log 0 = 0); p > 0 where q = 0 gives +inf.
        // 0.5 ln(0.5/0.25) + 0.5 ln(0.5/0.75); the third entry is 0 in both and adds 0.
        assertEquals(0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3.0),
                DiscreteDivergences.kl(new double[] {0.5, 0.5, 0}, new double[] {0.25, 0.75, 0}), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, DiscreteDivergences.kl(new double[] {0.5, 0.5}, new double[] {1, 0}));
        assertEquals(Double.POSITIVE_INFINITY, DiscreteDivergences.kl(new double[] {1, 0}, new double[] {0, 1}));
        assertEquals(Double.POSITIVE_INFINITY,
                DiscreteDivergences.kl(new double[] {0.5, 0.5}, new double[] {1, 0}, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)));
        assertEquals(0.0, DiscreteDivergences.kl(new double[] {1}, new double[] {1}));
        assertEquals(0.0, DiscreteDivergences.kl(P_B, P_B));
    }

    @Test
    void klStaysFiniteWhereTheRatioOverflows() {
        // q_1 = 1e-320 (subnormal): p/q = 5e319 overflows, but 0.5 ln(0.5/1e-320) ≈ 368 is finite.
        // SciPy returns inf here (rel_entr computes x*log(x/y)); kl4j keeps the finite value.
        double tiny = 1e-320;
        double[] p = {0.5, 0.5};
        double[] q = {1.0 - tiny, tiny};
        double expected = 0.5 * Math.log(0.5 / (1.0 - tiny)) + 0.5 * (Math.log(0.5) - Math.log(tiny));
        assertEquals(expected, DiscreteDivergences.kl(p, q), 1e-12);
        // A subnormal p adds a subnormal term (p/q cannot underflow to 0 since q <= 1).
        double[] p2 = {Double.MIN_VALUE, 1.0 - Double.MIN_VALUE};
        double[] q2 = {0.75, 0.25};
        assertEquals(Math.log(4.0), DiscreteDivergences.kl(p2, q2), 1e-15);
    }

    @Test
    void entropyMatchesScipy() {
        // entropy(pA), entropy(pA, base=2), entropy(pB)
        assertClose(0.8018185525433373, DiscreteDivergences.entropy(P_A));
        assertClose(1.1567796494470395, DiscreteDivergences.entropy(P_A, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)));
        assertClose(1.0296530140645737, DiscreteDivergences.entropy(P_B));
        // Hand: uniform over 4 is ln 4 = 2 bits; a point mass has 0 (0 ln 0 = 0).
        assertEquals(2.0, DiscreteDivergences.entropy(new double[] {0.25, 0.25, 0.25, 0.25},
                DiscreteOptions.DEFAULT.withBase(LogBase.TWO)), 1e-15);
        assertEquals(0.0, DiscreteDivergences.entropy(new double[] {0, 1, 0}));
    }

    @Test
    void crossEntropyMatchesScipy() {
        // -xlogy(pA, qA).sum(), -xlogy(pB, qB).sum()
        assertClose(0.8404093103664236, DiscreteDivergences.crossEntropy(P_A, Q_A));
        assertClose(1.5453347944920073, DiscreteDivergences.crossEntropy(P_B, Q_B));
        assertEquals(Double.POSITIVE_INFINITY, DiscreteDivergences.crossEntropy(new double[] {0.5, 0.5}, new double[] {1, 0}));
        // p = 0 where q = 0 adds nothing: H([1,0],[1,0]) = 0.
        assertEquals(0.0, DiscreteDivergences.crossEntropy(new double[] {1, 0}, new double[] {1, 0}));
    }

    @Test
    void jensenShannonMatchesScipy() {
        // jensenshannon(pA, qA)**2, jensenshannon(pA, qA), jensenshannon(pA, qA, base=2)
        assertClose(0.010419929791511665, DiscreteDivergences.js(P_A, Q_A));
        assertClose(0.1020780573458942, DiscreteDivergences.jsDistance(P_A, Q_A));
        assertClose(0.12260824212354181, DiscreteDivergences.jsDistance(P_A, Q_A, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)));
        // jensenshannon(pB, qB)**2, jensenshannon(pB, qB), jensenshannon(pB, qB, base=2)
        assertClose(0.1647918433002164, DiscreteDivergences.js(P_B, Q_B));
        assertClose(0.4059456161854891, DiscreteDivergences.jsDistance(P_B, Q_B));
        assertClose(0.48759037634901425, DiscreteDivergences.jsDistance(P_B, Q_B, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)));
    }

    @Test
    void jensenShannonOfDisjointSupportsIsLn2() {
        double[] p = {1, 0};
        double[] q = {0, 1};
        assertEquals(Math.log(2), DiscreteDivergences.js(p, q), 1e-16);
        assertEquals(1.0, DiscreteDivergences.js(p, q, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)), 1e-16);
        assertEquals(1.0, DiscreteDivergences.jsDistance(p, q, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)), 1e-16);
        // Subnormal mass: m = p/2 would round to 0, the ratio form keeps the term finite.
        double[] tiny = {Double.MIN_VALUE, 1.0};
        double[] other = {0.0, 1.0};
        assertEquals(0.0, DiscreteDivergences.js(tiny, other), 1e-300);
    }

    @Test
    void distancesMatchScipy() {
        // 0.5*np.abs(pA-qA).sum(), euclidean(np.sqrt(pA), np.sqrt(qA))/np.sqrt(2),
        // chisquare(pA, qA).statistic, -np.log(np.sum(np.sqrt(pA*qA)))
        assertClose(0.09999999999999999, DiscreteDivergences.tv(P_A, Q_A));
        assertClose(0.102491823683182, DiscreteDivergences.hellinger(P_A, Q_A));
        assertClose(0.06666666666666667, DiscreteDivergences.chi2(P_A, Q_A));
        assertClose(0.0105601364079107, DiscreteDivergences.bhattacharyya(P_A, Q_A));
        // the same for case B
        assertClose(0.39999999999999997, DiscreteDivergences.tv(P_B, Q_B));
        assertClose(0.47574292938900414, DiscreteDivergences.hellinger(P_B, Q_B));
        assertClose(0.6833333333333335, DiscreteDivergences.chi2(P_B, Q_B));
        assertClose(0.25661157826449393, DiscreteDivergences.bhattacharyya(P_B, Q_B));
    }

    @Test
    void distancesByHand() {
        // chi2 hand: (0.1-0.2)²/0.2 + (0.7-0.6)²/0.6 = 0.05 + 1/60
        assertEquals(0.05 + 1.0 / 60.0, DiscreteDivergences.chi2(P_A, Q_A), 1e-16);
        double[] p = {1, 0};
        double[] q = {0, 1};
        assertEquals(1.0, DiscreteDivergences.tv(p, q));
        assertEquals(1.0, DiscreteDivergences.hellinger(p, q), 1e-16);
        assertEquals(Double.POSITIVE_INFINITY, DiscreteDivergences.chi2(p, q));
        assertEquals(Double.POSITIVE_INFINITY, DiscreteDivergences.bhattacharyya(p, q));
        // chi2: a 0/0 term is 0.
        assertEquals(0.0, DiscreteDivergences.chi2(new double[] {1, 0}, new double[] {1, 0}));
        // bhattacharyya is logarithmic: base 2 divides by ln 2.
        assertEquals(0.0105601364079107 / Math.log(2),
                DiscreteDivergences.bhattacharyya(P_A, Q_A, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)), 1e-15);
    }

    @Test
    void hellingerIsAccurateForNearlyEqualInputs() {
        // decimal, 50 digits, exact binary inputs: sqrt(sum((D(a).sqrt() - D(b).sqrt())**2) / 2)
        // (SciPy's euclidean(np.sqrt(p), np.sqrt(q))/np.sqrt(2) gives 7.071067620323411e-10, off by 3e-8)
        double[] p = {0.5 + 1e-9, 0.5 - 1e-9};
        double[] q = {0.5, 0.5};
        assertEquals(7.0710678081435805e-10, DiscreteDivergences.hellinger(p, q), 1e-14 * 7.07e-10);
    }

    @Test
    void jensenShannonIsAccurateForNearlyEqualInputs() {
        // decimal, 60 digits, exact binary inputs: sum(a*(2*a/(a+b)).ln() + b*(2*b/(a+b)).ln()) / 2
        // (SciPy's jensenshannon(p, q)**2 and the two-logarithm sum give 7.8e-17 for the first: the
        // first-order parts of the two logarithms cancel)
        double[] p = {0.5, 0.5};
        double[] q = {0.5 + 1e-8, 0.5 - 1e-8};
        assertEquals(5.0000000224920174e-17, DiscreteDivergences.js(p, q), 1e-13 * 5e-17);
        assertEquals(7.0710678277697327e-9, DiscreteDivergences.jsDistance(p, q), 1e-13 * 7.07e-9);
        double[] p3 = {0.2, 0.3, 0.5};
        double[] q3 = {0.2 + 3e-7, 0.3 - 1e-7, 0.5 - 2e-7};
        assertEquals(7.0416627177698377e-14, DiscreteDivergences.js(p3, q3), 1e-13 * 7.04e-14);
        assertEquals(1.0158971882539245e-13,
                DiscreteDivergences.js(p3, q3, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)), 1e-13 * 1.02e-13);
    }

    @Test
    void fDivergenceWhereTheRatioOverflows() {
        // q_1 = MIN_VALUE: p_1/q_1 = +inf in double, yet every term with a finite slope f'(∞) is finite.
        // NumPy/SciPy on the same arrays (p = [.5, .5], q = [1., 5e-324]):
        // 0.5*np.abs(p-q).sum(), ((np.sqrt(p)-np.sqrt(q))**2).sum(), jensenshannon(p, q)**2, rel_entr(q, p).sum()
        double[] p = {0.5, 0.5};
        double[] q = {1.0, Double.MIN_VALUE};
        assertEquals(0.5, DiscreteDivergences.fDivergence(p, q, FGenerator.TOTAL_VARIATION), 1e-16);
        assertEquals(0.5857864376269051, DiscreteDivergences.fDivergence(p, q, FGenerator.SQUARED_HELLINGER), 1e-15);
        assertEquals(0.21576155433883562, DiscreteDivergences.fDivergence(p, q, FGenerator.JENSEN_SHANNON), 1e-15);
        assertEquals(0.6931471805599453, DiscreteDivergences.fDivergence(p, q, FGenerator.REVERSE_KL), 1e-15);
    }

    @Test
    void nonLogarithmicMeasuresIgnoreTheBase() {
        DiscreteOptions bits = DiscreteOptions.DEFAULT.withBase(LogBase.TWO);
        assertEquals(DiscreteDivergences.tv(P_B, Q_B), DiscreteDivergences.tv(P_B, Q_B, bits));
        assertEquals(DiscreteDivergences.hellinger(P_B, Q_B), DiscreteDivergences.hellinger(P_B, Q_B, bits));
        assertEquals(DiscreteDivergences.chi2(P_B, Q_B), DiscreteDivergences.chi2(P_B, Q_B, bits));
        assertEquals(DiscreteDivergences.wasserstein1(P_B, Q_B), DiscreteDivergences.wasserstein1(P_B, Q_B, bits));
        assertEquals(DiscreteDivergences.fDivergence(P_B, Q_B, FGenerator.KL),
                DiscreteDivergences.fDivergence(P_B, Q_B, FGenerator.KL, bits));
    }

    @Test
    void wassersteinMatchesScipy() {
        // wasserstein_distance(np.arange(3), np.arange(3), pA, qA), same with np.arange(4) for B
        assertClose(0.10000000000000012, DiscreteDivergences.wasserstein1(P_A, Q_A));
        assertClose(0.5000000000000001, DiscreteDivergences.wasserstein1(P_B, Q_B));
        // wasserstein_distance(g, g, pA, qA) with g = [0.0, 0.5, 2.0]; g = [0.0, 0.5, 2.0, 3.5] for B
        assertClose(0.05000000000000017, DiscreteDivergences.wasserstein1(P_A, Q_A, new double[] {0.0, 0.5, 2.0}));
        assertClose(0.6500000000000001, DiscreteDivergences.wasserstein1(P_B, Q_B, new double[] {0.0, 0.5, 2.0, 3.5}));
        // Hand: moving all mass from 0 to 3 on the unit grid costs 3; on grid {0, 10} it costs 10.
        assertEquals(3.0, DiscreteDivergences.wasserstein1(new double[] {1, 0, 0, 0}, new double[] {0, 0, 0, 1}));
        assertEquals(10.0, DiscreteDivergences.wasserstein1(new double[] {1, 0}, new double[] {0, 1}, new double[] {-4, 6}));
        assertEquals(0.0, DiscreteDivergences.wasserstein1(new double[] {1}, new double[] {1}));
    }

    @Test
    void normalizeRescalesLikeScipyEntropy() {
        DiscreteOptions normalize = DiscreteOptions.DEFAULT.withNormalize(true);
        // entropy([1, 7, 2], [2, 6, 2]) equals case A: SciPy normalises counts.
        double[] counts = {1, 7, 2};
        double[] countsQ = {2, 6, 2};
        assertEquals(0.038590757823086325, DiscreteDivergences.kl(counts, countsQ, normalize), 1e-15);
        assertEquals(0.8018185525433373, DiscreteDivergences.entropy(counts, normalize), 1e-15);
        assertEquals(0.010419929791511665, DiscreteDivergences.js(counts, countsQ, normalize), 1e-15);
        assertEquals(0.09999999999999999, DiscreteDivergences.tv(counts, countsQ, normalize), 1e-15);
        // A vector already summing to 1 is unchanged by normalisation.
        assertEquals(DiscreteDivergences.kl(P_B, Q_B), DiscreteDivergences.kl(P_B, Q_B, normalize), 1e-16);
    }

    @Test
    void smoothingRenormalisesAndEqualsTheFormula() {
        double s = 0.05;
        DiscreteOptions smooth = DiscreteOptions.DEFAULT.withSmoothing(s);
        double[] p = {0.5, 0.5, 0.0};
        double[] q = {1.0, 0.0, 0.0};
        int n = 3;
        double[] ps = new double[n];
        double[] qs = new double[n];
        double sumPs = 0;
        for (int i = 0; i < n; i++) {
            ps[i] = (p[i] + s) / (1 + n * s);
            qs[i] = (q[i] + s) / (1 + n * s);
            sumPs += ps[i];
        }
        assertEquals(1.0, sumPs, 1e-15);
        // KL(p‖q) is infinite; smoothed it is finite and equals KL of the explicitly smoothed vectors.
        assertEquals(Double.POSITIVE_INFINITY, DiscreteDivergences.kl(p, q));
        double byHand = 0;
        for (int i = 0; i < n; i++) {
            byHand += ps[i] * Math.log(ps[i] / qs[i]);
        }
        assertEquals(byHand, DiscreteDivergences.kl(p, q, smooth), 1e-15);
        assertEquals(DiscreteDivergences.chi2(ps, qs), DiscreteDivergences.chi2(p, q, smooth), 1e-15);
        assertEquals(DiscreteDivergences.entropy(ps), DiscreteDivergences.entropy(p, smooth), 1e-15);
        // Smoothing applies after normalisation: counts [1, 1, 0] behave like p.
        assertEquals(byHand, DiscreteDivergences.kl(new double[] {1, 1, 0}, new double[] {3, 0, 0},
                smooth.withNormalize(true)), 1e-15);
    }

    @Test
    void fDivergenceConventionsAtZero() {
        double[] p = {0.5, 0.5, 0.0};
        double[] q = {0.5, 0.0, 0.5};
        // TV: p > 0 = q adds p f'(∞) = ½ p, p = 0 < q adds q f(0) = ½ q: total ½(0.5 + 0.5) = 0.5.
        assertEquals(0.5, DiscreteDivergences.fDivergence(p, q, FGenerator.TOTAL_VARIATION), 1e-16);
        assertEquals(Double.POSITIVE_INFINITY, DiscreteDivergences.fDivergence(p, q, FGenerator.KL));
        // Reverse KL = KL(q‖p): infinite here because q > 0 = p at index 2.
        assertEquals(Double.POSITIVE_INFINITY, DiscreteDivergences.fDivergence(p, q, FGenerator.REVERSE_KL));
        // Reverse KL where only p > 0 = q: the slope 0 makes that term vanish, as KL(q‖p) has no term there.
        double[] q2 = {1.0, 0.0, 0.0};
        assertEquals(DiscreteDivergences.kl(q2, p), DiscreteDivergences.fDivergence(p, q2, FGenerator.REVERSE_KL), 1e-15);
        // Squared Hellinger with slope 1: Σ(√p − √q)² = 2 hellinger².
        double h = DiscreteDivergences.hellinger(p, q);
        assertEquals(2 * h * h, DiscreteDivergences.fDivergence(p, q, FGenerator.SQUARED_HELLINGER), 1e-15);
        // JS with slope ½ ln 2 equals js even on disjoint parts.
        assertEquals(DiscreteDivergences.js(p, q), DiscreteDivergences.fDivergence(p, q, FGenerator.JENSEN_SHANNON), 1e-15);
        // A user generator: f(t) = |t − 1| is 2 TV.
        FGenerator twiceTv = FGenerator.of("2TV", t -> Math.abs(t - 1), 1.0);
        assertEquals(1.0, DiscreteDivergences.fDivergence(p, q, twiceTv), 1e-16);
        assertEquals("2TV", twiceTv.toString());
    }

    @Test
    void logBaseParsesTheCliSpellings() {
        assertEquals(LogBase.E, LogBase.parse("e"));
        assertEquals(LogBase.TWO, LogBase.parse("2"));
        assertEquals(LogBase.TEN, LogBase.parse(" 10 "));
        assertEquals(1.0, LogBase.TWO.fromNats(Math.log(2)), 1e-16);
        assertEquals(1.0, LogBase.TEN.fromNats(Math.log(10)), 1e-16);
        assertEquals(Double.POSITIVE_INFINITY, LogBase.TEN.fromNats(Double.POSITIVE_INFINITY));
    }
}
