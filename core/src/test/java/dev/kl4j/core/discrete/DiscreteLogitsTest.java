package dev.kl4j.core.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kl4j.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/** The logits and reverse forms on double[], against SciPy and against their probability forms. */
class DiscreteLogitsTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    /** The rows the DJL and ND4J tests use; references from SciPy 1.10 (p = softmax(A), q = softmax(B)). */
    private static final double[][] A = {{0.3, -1.2, 2.0, 0.7}, {1.5, 0.0, -0.4, -2.2}};
    private static final double[][] B = {{-0.5, 0.8, 1.1, 0.0}, {0.2, 0.2, 0.9, -1.0}};
    private static final double[] KL_PQ = {0.2917919132699, 0.565433416560654};       // rel_entr(p, q).sum(1)
    private static final double[] KL_QP = {0.5627670767560112, 0.6080795769199115};   // rel_entr(q, p).sum(1)
    private static final double[] H_P = {0.9344003914000945, 0.8429600335203689};     // entropy(p, axis=1)
    private static final double[] JS_PQ = {0.08852800320951933, 0.13723173811430456}; // jensenshannon(p, q)**2

    @Test
    void logitFormsMatchScipy() {
        for (int r = 0; r < A.length; r++) {
            assertEquals(KL_PQ[r], DiscreteDivergences.klFromLogits(A[r], B[r]), 1e-13);
            assertEquals(KL_QP[r], DiscreteDivergences.reverseKlFromLogits(A[r], B[r]), 1e-13);
            assertEquals(H_P[r], DiscreteDivergences.entropyFromLogits(A[r]), 1e-13);
            assertEquals(JS_PQ[r], DiscreteDivergences.jsFromLogits(A[r], B[r]), 1e-13);
        }
    }

    @Test
    void reverseKlIsKlWithTheArgumentsSwapped() {
        double[] p = {0.1, 0.7, 0.2, 0.0};
        double[] q = {0.2, 0.6, 0.1, 0.1};
        assertEquals(DiscreteDivergences.kl(q, p), DiscreteDivergences.reverseKl(p, q), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, DiscreteDivergences.reverseKl(p, q)); // q > 0 where p = 0
        assertEquals(DiscreteDivergences.kl(p, q), DiscreteDivergences.reverseKl(q, p), 0.0);
        double[] r = {0.25, 0.75};
        double[] s = {0.5, 0.5};
        // KL(S‖R) = 0.5 ln 2 + 0.5 ln(2/3) = 0.1438410362258904...
        assertEquals(0.14384103622589045, DiscreteDivergences.reverseKl(r, s), 1e-16);
        assertEquals(0.14384103622589045 / Math.log(2),
                DiscreteDivergences.reverseKl(r, s, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)), 1e-16);
    }

    @Test
    void masksFollowTheTensorFrontEnds() {
        // P = [1, 0] (masked), Q = [½, ½]: KL = ln 2, reverse KL = +∞, H(P) = 0.
        assertEquals(Math.log(2), DiscreteDivergences.klFromLogits(new double[] {0, NEG_INF}, new double[] {3, 3}), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY,
                DiscreteDivergences.reverseKlFromLogits(new double[] {0, NEG_INF}, new double[] {3, 3}));
        assertEquals(0.0, DiscreteDivergences.entropyFromLogits(new double[] {0, NEG_INF}), 0.0);
        // A finite logit is p > 0 even where exp underflows: masked in Q only makes KL +∞.
        assertEquals(Double.POSITIVE_INFINITY,
                DiscreteDivergences.klFromLogits(new double[] {0, -800}, new double[] {0, NEG_INF}));
        // Logits of magnitude 1e4: exact, where softmax then ln would give ln 0.
        assertEquals(DiscreteDivergences.klFromLogits(A[0], B[0]),
                DiscreteDivergences.klFromLogits(shift(A[0], 1e4), shift(B[0], -1e4)), 1e-11);
        // JS: a masked category in both adds nothing; disjoint supports give ln 2.
        assertEquals(Math.log(2), DiscreteDivergences.jsFromLogits(new double[] {0, NEG_INF}, new double[] {NEG_INF, 0}), 1e-15);
    }

    @Test
    void argumentsAreNamed() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> DiscreteDivergences.reverseKlFromLogits(new double[] {0, 1}, new double[] {0, Double.NaN}));
        assertEquals("logitsQ", e.argument());
        assertEquals("logitsQ[1] = NaN must be finite or -Infinity", e.getMessage());
        assertEquals("logitsQ", assertThrows(InvalidArgumentException.class,
                () -> DiscreteDivergences.klFromLogits(new double[] {0, 1}, new double[] {0, 1, 2})).argument());
        assertEquals("logits", assertThrows(InvalidArgumentException.class,
                () -> DiscreteDivergences.entropyFromLogits(new double[] {NEG_INF})).argument());
        // reverseKl names p and q as the caller passed them, not swapped.
        e = assertThrows(InvalidArgumentException.class,
                () -> DiscreteDivergences.reverseKl(new double[] {0.5, -0.5, 1}, new double[] {0.2, 0.3, 0.5}));
        assertEquals("p[1] = -0.5 is negative; probabilities must be >= 0", e.getMessage());
    }

    private static double[] shift(double[] a, double c) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + c;
        }
        return out;
    }
}
