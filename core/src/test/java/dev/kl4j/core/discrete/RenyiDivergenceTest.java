package dev.kl4j.core.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Rényi divergence references. SciPy has no Rényi function, so the references are NumPy expressions
 * (with {@code m = (p > 0) & (q > 0)}):
 * {@code ren(p, q, a) = np.log(np.sum(p[m]**a * q[m]**(1-a))) / (a-1)},
 * for α = 1000 {@code scipy.special.logsumexp(a*np.log(p[m]) + (1-a)*np.log(q[m])) / (a-1)}, and near
 * α = 1 Python's {@code decimal} at 60 digits on the exact binary inputs and orders, divided by Σp
 * (Rényi's definition; the double 0.1 + 0.7 + 0.2 is 1 − 2.8e-17, which 1/(α − 1) would blow up):
 * {@code (sum(D(x)**D(a) * D(y)**(1-D(a)) for x, y in zip(p, q) if x > 0 and y > 0) / sum(map(D, p))).ln() / (D(a)-1)}.
 */
class RenyiDivergenceTest {

    private static final double[] P_A = {0.1, 0.7, 0.2};
    private static final double[] Q_A = {0.2, 0.6, 0.2};
    private static final double[] P_B = {0.2, 0.0, 0.5, 0.3};
    private static final double[] Q_B = {0.1, 0.4, 0.3, 0.2};
    /** p > 0 where q = 0 (index 1) and q > 0 where p = 0 (index 2), overlapping at index 0. */
    private static final double[] P_C = {0.5, 0.5, 0.0};
    private static final double[] Q_C = {0.5, 0.0, 0.5};

    private static void assertRelative(double expected, double actual, double relative) {
        assertEquals(expected, actual, relative * Math.abs(expected) + 1e-300);
    }

    @Test
    void ordersAgainstNumpy() {
        // ren(pA, qA, a) for a = 0.25, 0.5, 2, 3
        assertRelative(0.011041311023010258, DiscreteDivergences.renyi(P_A, Q_A, 0.25), 1e-13);
        assertRelative(0.0211202728158214, DiscreteDivergences.renyi(P_A, Q_A, 0.5), 1e-13);
        assertRelative(0.06453852113757116, DiscreteDivergences.renyi(P_A, Q_A, 2.0), 1e-13);
        assertRelative(0.08181471189090096, DiscreteDivergences.renyi(P_A, Q_A, 3.0), 1e-13);
        // ren(pB, qB, a) for a = 0, 0.25, 0.5, 2, 3
        assertRelative(0.5108256237659905, DiscreteDivergences.renyi(P_B, Q_B, 0.0), 1e-13);
        assertRelative(0.5120166817580876, DiscreteDivergences.renyi(P_B, Q_B, 0.25), 1e-13);
        assertRelative(0.5132231565289884, DiscreteDivergences.renyi(P_B, Q_B, 0.5), 1e-13);
        assertRelative(0.5207759546191587, DiscreteDivergences.renyi(P_B, Q_B, 2.0), 1e-13);
        assertRelative(0.5260902262834022, DiscreteDivergences.renyi(P_B, Q_B, 3.0), 1e-13);
    }

    @Test
    void specialOrders() {
        // α = 0: −ln Σ_{p>0} q. For A all of q lies under p: 0. For B: −ln 0.6.
        assertEquals(0.0, DiscreteDivergences.renyi(P_A, Q_A, 0.0), 1e-15);
        assertEquals(-Math.log(0.6), DiscreteDivergences.renyi(P_B, Q_B, 0.0), 1e-15);
        // α = 1 is KL exactly.
        assertEquals(DiscreteDivergences.kl(P_A, Q_A), DiscreteDivergences.renyi(P_A, Q_A, 1.0));
        // α = ∞: ln max p/q; np.max(np.log(pA/qA)) = ln(7/6), and ln(0.5/0.25) for B.
        assertRelative(0.15415067982725836, DiscreteDivergences.renyi(P_A, Q_A, Double.POSITIVE_INFINITY), 1e-15);
        assertRelative(Math.log(2), DiscreteDivergences.renyi(P_B, Q_B, Double.POSITIVE_INFINITY), 1e-15);
    }

    @Test
    void supportConditions() {
        // α < 1: finite when supports overlap. ren(pC, qC, 0) = ln 2, ren(pC, qC, 0.5) = 2 ln 2,
        // ren(pC, qC, 0.25) = 0.9241962407465939.
        assertEquals(Math.log(2), DiscreteDivergences.renyi(P_C, Q_C, 0.0), 1e-15);
        assertEquals(2 * Math.log(2), DiscreteDivergences.renyi(P_C, Q_C, 0.5), 1e-15);
        assertRelative(0.9241962407465939, DiscreteDivergences.renyi(P_C, Q_C, 0.25), 1e-13);
        // α ≥ 1: infinite as soon as some p > 0 meets q = 0.
        for (double alpha : new double[] {1.0, 1.0 + 1e-9, 2.0, 1e3, Double.POSITIVE_INFINITY}) {
            assertEquals(Double.POSITIVE_INFINITY, DiscreteDivergences.renyi(P_C, Q_C, alpha), "alpha " + alpha);
        }
        // Disjoint supports: infinite for every order, including α = 0.
        double[] p = {1, 0};
        double[] q = {0, 1};
        for (double alpha : new double[] {0.0, 0.5, 0.999, 1.0, 2.0, Double.POSITIVE_INFINITY}) {
            assertEquals(Double.POSITIVE_INFINITY, DiscreteDivergences.renyi(p, q, alpha), "alpha " + alpha);
        }
    }

    @Test
    void continuousAtOrderOne() {
        // decimal references at α = 1 ± 1e-8 and 1 ± 1e-4
        assertRelative(0.038590757507137467, DiscreteDivergences.renyi(P_A, Q_A, 0.99999999), 1e-12);
        assertRelative(0.038590758139035036, DiscreteDivergences.renyi(P_A, Q_A, 1.00000001), 1e-12);
        assertRelative(0.038587598271703133, DiscreteDivergences.renyi(P_A, Q_A, 0.9999), 1e-12);
        assertRelative(0.038593917247431164, DiscreteDivergences.renyi(P_A, Q_A, 1.0001), 1e-12);
        assertRelative(0.51568178037765922, DiscreteDivergences.renyi(P_B, Q_B, 0.99999999), 1e-12);
        assertRelative(0.51568178047720825, DiscreteDivergences.renyi(P_B, Q_B, 1.00000001), 1e-12);
        assertRelative(0.51568128268366542, DiscreteDivergences.renyi(P_B, Q_B, 0.9999), 1e-12);
        assertRelative(0.51568227817358891, DiscreteDivergences.renyi(P_B, Q_B, 1.0001), 1e-12);
        // And the closest doubles to 1 land on KL.
        double kl = DiscreteDivergences.kl(P_A, Q_A);
        assertRelative(kl, DiscreteDivergences.renyi(P_A, Q_A, Math.nextUp(1.0)), 1e-12);
        assertRelative(kl, DiscreteDivergences.renyi(P_A, Q_A, Math.nextDown(1.0)), 1e-12);
    }

    @Test
    void largeOrderDoesNotOverflow() {
        // logsumexp(a*np.log(pA) + (1-a)*np.log(qA)) / (a-1) at a = 1000; decimal agrees to 16 digits
        assertRelative(0.15379364785134364, DiscreteDivergences.renyi(P_A, Q_A, 1e3), 1e-13);
        assertRelative(0.6915361315985495, DiscreteDivergences.renyi(P_B, Q_B, 1e3), 1e-13);
        // At α = 1e6 the value is within ln(Σp)/(α−1) of the α = ∞ limit.
        double max = DiscreteDivergences.renyi(P_A, Q_A, Double.POSITIVE_INFINITY);
        double big = DiscreteDivergences.renyi(P_A, Q_A, 1e6);
        assertEquals(max, big, 2e-6);
    }

    @Test
    void nondecreasingInAlpha() {
        double previous = -1;
        for (double alpha : new double[] {0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1, 1.001, 1.5, 2, 5, 50, 1e3, 1e5,
            Double.POSITIVE_INFINITY}) {
            double d = DiscreteDivergences.renyi(P_B, Q_B, alpha);
            assertEquals(true, d >= previous - 1e-15, "D_" + alpha + " = " + d + " < " + previous);
            previous = d;
        }
    }

    @Test
    void baseAppliesToRenyi() {
        DiscreteOptions bits = DiscreteOptions.DEFAULT.withBase(LogBase.TWO);
        assertRelative(0.5207759546191587 / Math.log(2), DiscreteDivergences.renyi(P_B, Q_B, 2.0, bits), 1e-13);
    }

    @Test
    void nearlyDisjointSupportsStayFiniteNearOrderOne() {
        // Σ p^α q^(1−α) = 0.5^0.6 · (1e-300)^0.4 ≈ 1e-120: 1 + Σ w expm1(...) rounds to 0 there, so the
        // value must come from the log-sum-exp. decimal (60 digits), see the class comment:
        // ren([0.5, 0.5, 0], [0, 1e-300, 1 - 1e-300], 0.6)
        double[] p = {0.5, 0.5, 0.0};
        double[] q = {0.0, 1e-300, 1.0 - 1e-300};
        assertRelative(691.81524866905362, DiscreteDivergences.renyi(p, q, 0.6), 1e-13);
    }

    @Test
    void subnormalRatiosKeepTheirPrecision() {
        // p_0/q_0 = 100·MIN_VALUE/0.3 is subnormal (rounded to 3 digits); at α = 0.001 the term
        // p_0^α q_0^(1−α) ≈ 0.24 carries that error unless ln(p/q) is taken as ln p − ln q.
        // decimal: ren([100 * 5e-324, 1], [0.3, 0.7], 0.001)
        double[] p = {100 * Double.MIN_VALUE, 1.0};
        double[] q = {0.3, 0.7};
        assertRelative(0.17027082515736375, DiscreteDivergences.renyi(p, q, 0.001), 1e-13);
    }

    @Test
    void largestFiniteOrderIsNotNaN() {
        // D_α = ln(p_0/q_0) + ln(p_0)/(α − 1) + O(e^−α): decimal ln(D(0.9)/D(1e-200)) = 460.41165808315131,
        // the correction is −6e-310.
        double[] p = {0.9, 0.1};
        double[] q = {1e-200, 1.0 - 1e-200};
        assertRelative(460.41165808315131, DiscreteDivergences.renyi(p, q, Double.MAX_VALUE), 1e-15);
        assertRelative(460.41165808315131, DiscreteDivergences.renyi(p, q, 1e300), 1e-15);
    }

    @Test
    void orderZeroIsExactlyZeroWhenTheSupportHoldsAllOfQ() {
        // Σ_{p>0} q rounds: the general path gave −5.55e-17 here (printed "-0.000000" by the tour).
        double[] p = {0.1, 0.7, 0.2};
        double[] q = {0.2, 0.6, 0.2};
        assertEquals(0.0, DiscreteDivergences.renyi(p, q, 0.0), 0.0);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(DiscreteDivergences.renyi(p, q, 0.0)));
        // Random vectors (with zeros) whose sums round; Q restricted to P's support: exactly 0, never negative.
        java.util.SplittableRandom random = new java.util.SplittableRandom(6);
        for (int trial = 0; trial < 200; trial++) {
            double[] a = RandomVectors.probabilities(random, 2 + random.nextInt(40), 0.3);
            double[] b = RandomVectors.restrictedTo(RandomVectors.probabilities(random, a.length, 0.0), a);
            assertEquals(0.0, DiscreteDivergences.renyi(a, b, 0.0), 0.0, "trial " + trial);
        }
    }

    @Test
    void orderZeroWithMassOutsideTheSupport() {
        // Q puts 0.2 where P has none: D_0 = −ln(1 − 0.2) = −ln 0.8, the 0.2 summed directly.
        double[] p = {0.5, 0.5, 0.0};
        double[] q = {0.2, 0.6, 0.2};
        // decimal: −ln(0.8) = 0.22314355131420975576629509030983...
        assertEquals(0.22314355131420976, DiscreteDivergences.renyi(p, q, 0.0), 3e-17);
        // Nearly all of Q outside: −ln of the small mass inside, not of 1 minus the large one.
        double[] pTiny = {1.0, 0.0};
        double[] qTiny = {1e-20, 1.0};
        // decimal: −ln(1e-20) = 46.051701859880913680...
        assertEquals(46.05170185988091, DiscreteDivergences.renyi(pTiny, qTiny, 0.0), 1e-14);
        // In bits: ln → log2 after the exact zero stays 0.
        assertEquals(0.0, DiscreteDivergences.renyi(new double[] {0.1, 0.7, 0.2}, new double[] {0.2, 0.6, 0.2}, 0.0,
                DiscreteOptions.DEFAULT.withBase(LogBase.TWO)), 0.0);
    }
}
