package dev.kl4j.core.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jDivergencesTest {
    private static final double LN2 = Math.log(2);
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    private static final double[][] A = {{0.3, -1.2, 2.0, 0.7}, {1.5, 0.0, -0.4, -2.2}};
    private static final double[][] B = {{-0.5, 0.8, 1.1, 0.0}, {0.2, 0.2, 0.9, -1.0}};
    // SciPy 1.10: p = softmax(A, axis=1); q = softmax(B, axis=1)
    private static final double[][] P = {
        {0.12211649004101796, 0.027247871979616464, 0.6684592421469108, 0.18217639583245482},
        {0.7156032903009146, 0.1596726767675864, 0.10703179604148227, 0.017692236890016623}};
    private static final double[][] Q = {
        {0.08872287566987348, 0.32555055203706335, 0.43944727997845984, 0.1462792923146033},
        {0.23175256119791757, 0.23175256119791757, 0.46669234757552375, 0.06980253002864116}};
    // rel_entr(p, q).sum(1); entropy(p, axis=1); jensenshannon(p, q, axis=1)**2
    private static final double[] KL_PQ = {0.2917919132699, 0.565433416560654};
    private static final double[] H_P = {0.9344003914000945, 0.8429600335203689};
    private static final double[] JS_PQ = {0.08852800320951933, 0.13723173811430456};

    private static void assertClose(double[] expected, INDArray actual, double relative) {
        double[] got = actual.toDoubleVector();
        assertEquals(expected.length, got.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], relative * Math.abs(expected[i]) + 1e-15, "row " + i);
        }
    }

    @Test
    void probabilityRowsMatchScipyInFloat64() {
        INDArray p = Nd4j.createFromArray(P);
        INDArray q = Nd4j.createFromArray(Q);
        assertClose(KL_PQ, Nd4jDivergences.kl(p, q), 1e-12);
        assertClose(H_P, Nd4jDivergences.entropy(p), 1e-12);
        assertClose(JS_PQ, Nd4jDivergences.js(p, q), 1e-12);
        assertArrayEquals(P[0], p.getRow(0).toDoubleVector(), "inputs are not modified");
    }

    @Test
    void logitRowsMatchScipyInFloat64AndFloat32() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray a = Nd4j.createFromArray(A).castTo(type);
            INDArray b = Nd4j.createFromArray(B).castTo(type);
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            INDArray kl = Nd4jDivergences.klFromLogits(a, b);
            assertEquals(type, kl.dataType());
            assertClose(KL_PQ, kl, tolerance);
            assertClose(H_P, Nd4jDivergences.entropyFromLogits(a), tolerance);
            assertClose(JS_PQ, Nd4jDivergences.jsFromLogits(a, b), tolerance);
            assertEquals(A[0][0], a.getDouble(0, 0), 1e-7, "inputs are not modified");
        }
    }

    @Test
    void zerosFollowScipySemantics() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.5, 0.5, 0}, {0.5, 0.5, 0}, {0, 1, 0}});
        INDArray q = Nd4j.createFromArray(new double[][] {{0.25, 0.25, 0.5}, {1, 0, 0}, {0, 1, 0}});
        double[] kl = Nd4jDivergences.kl(p, q).toDoubleVector();
        assertEquals(LN2, kl[0], 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, kl[1]);
        assertEquals(0.0, kl[2], 0.0);
        // jensenshannon([.5,.5,0], [.25,.25,.5])**2 = 0.21576155433883562; disjoint [.5,.5,0] vs [1,0,0]:
        // jensenshannon([.5,.5,0], [1,0,0])**2 = 0.21576155433883568
        double[] js = Nd4jDivergences.js(p, q).toDoubleVector();
        assertEquals(0.21576155433883562, js[0], 1e-15);
        assertEquals(0.21576155433883568, js[1], 1e-15);
        assertEquals(0.0, js[2], 0.0);
        assertEquals(0.0, Nd4jDivergences.entropy(p).getDouble(2), 0.0);
    }

    @Test
    void hugeAndMaskedLogitsStayExact() {
        INDArray a = Nd4j.createFromArray(new float[][] {{1e4f, 0f, -1e4f}, {0f, (float) NEG_INF, 0f}, {0f, -200f, 0f}});
        INDArray b = Nd4j.createFromArray(new float[][] {{0f, 1e4f, -1e4f}, {0f, (float) NEG_INF, (float) Math.log(3)},
            {0f, (float) NEG_INF, 0f}});
        double[] kl = Nd4jDivergences.klFromLogits(a, b).toDoubleVector();
        assertEquals(1e4, kl[0], 1e-2);                                     // p ≈ [1, 0, 0]: KL = 0 − (−1e4)
        assertEquals(0.5 * LN2 + 0.5 * Math.log(2.0 / 3.0), kl[1], 1e-6);   // p = [½,0,½], q = [¼,0,¾]
        assertEquals(Double.POSITIVE_INFINITY, kl[2]);                      // p_2 = e^-200/(2+e^-200) > 0 = q_2
        double[] js = Nd4jDivergences.jsFromLogits(a, b).toDoubleVector();
        assertEquals(LN2, js[0], 1e-6);
        assertEquals(0.0338220755686052, js[1], 1e-6);   // jensenshannon([.5,0,.5], [.25,0,.75])**2
        double[] h = Nd4jDivergences.entropyFromLogits(a).toDoubleVector();
        assertEquals(0.0, h[0], 1e-6);
        assertEquals(LN2, h[1], 1e-6);
    }

    @Test
    void badInputsNameTheArgument() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.5, 0.5}});
        assertEquals("q", assertThrows(InvalidArgumentException.class,
                () -> Nd4jDivergences.kl(p, Nd4j.createFromArray(new double[][] {{1.1, -0.1}}))).argument());
        InvalidArgumentException sum = assertThrows(InvalidArgumentException.class,
                () -> Nd4jDivergences.kl(Nd4j.createFromArray(new double[][] {{0.5, 0.6}}), p));
        assertEquals("p", sum.argument());
        assertTrue(sum.getMessage().contains("sum"), sum.getMessage());
        assertEquals("p", assertThrows(InvalidArgumentException.class,
                () -> Nd4jDivergences.entropy(Nd4j.createFromArray(new double[][] {{Double.NaN, 1}}))).argument());
        assertEquals("q", assertThrows(InvalidArgumentException.class,
                () -> Nd4jDivergences.js(p, Nd4j.createFromArray(new double[][] {{0.2, 0.3, 0.5}}))).argument());
        assertEquals("logitsQ", assertThrows(InvalidArgumentException.class,
                () -> Nd4jDivergences.klFromLogits(p, Nd4j.createFromArray(new double[][] {{NEG_INF, NEG_INF}})))
                .argument());
        assertEquals("logits", assertThrows(InvalidArgumentException.class,
                () -> Nd4jDivergences.entropyFromLogits(Nd4j.createFromArray(new double[] {1, 2}))).argument());
    }

    @Test
    void messagesNameTheEntryAsTheDoubleFrontEndDoes() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {0.5, 0.5}});
        InvalidArgumentException negative = assertThrows(InvalidArgumentException.class,
                () -> Nd4jDivergences.kl(p, Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {1.1, -0.1}})));
        assertEquals("q", negative.argument());
        assertEquals("q[1][1] = -0.1 is negative; probabilities must be >= 0", negative.getMessage());
        InvalidArgumentException sum = assertThrows(InvalidArgumentException.class,
                () -> Nd4jDivergences.entropy(Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {0.5, 0.25}})));
        assertEquals("p[1] sums to 0.75 (|sum-1| > 1e-6); each row must sum to 1", sum.getMessage());
        InvalidArgumentException logit = assertThrows(InvalidArgumentException.class,
                () -> Nd4jDivergences.klFromLogits(p, Nd4j.createFromArray(new double[][] {{0, 0}, {0, Double.NaN}})));
        assertEquals("logitsQ", logit.argument());
        assertEquals("logitsQ[1][1] = NaN must be finite or -Infinity", logit.getMessage());
    }
}
