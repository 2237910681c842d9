package dev.kl4j.core.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.InvalidArgumentException;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DjlDivergencesTest {
    private static final float NEG_INF = Float.NEGATIVE_INFINITY;
    private static final double LN2 = Math.log(2);

    /** Two rows of logits used by several tests; the references below come from SciPy 1.10. */
    private static final double[][] A = {{0.3, -1.2, 2.0, 0.7}, {1.5, 0.0, -0.4, -2.2}};
    private static final double[][] B = {{-0.5, 0.8, 1.1, 0.0}, {0.2, 0.2, 0.9, -1.0}};
    // p = softmax(A, axis=1); q = softmax(B, axis=1); rel_entr(p, q).sum(1)
    private static final double[] KL_PQ = {0.2917919132699, 0.565433416560654};
    // rel_entr(q, p).sum(1)
    private static final double[] KL_QP = {0.5627670767560112, 0.6080795769199115};
    // scipy.stats.entropy(p, axis=1)
    private static final double[] H_P = {0.9344003914000945, 0.8429600335203689};
    // scipy.spatial.distance.jensenshannon(p, q, axis=1)**2
    private static final double[] JS_PQ = {0.08852800320951933, 0.13723173811430456};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray f32(double[][] x) {
        return manager.create(x).toType(DataType.FLOAT32, false);
    }

    private static void assertAllClose(double[] expected, float[] actual, double relative) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.abs(expected[i]) + 1e-7, "element " + i);
        }
    }

    @Test
    void klFromLogitsMatchesScipyInFloat32() {
        NDArray kl = DjlDivergences.klFromLogits(f32(A), f32(B));
        assertEquals(DataType.FLOAT32, kl.getDataType());
        assertAllClose(KL_PQ, kl.toFloatArray(), 1e-5);
    }

    @Test
    void reverseKlSwapsTheDistributions() {
        assertAllClose(KL_QP, DjlDivergences.reverseKlFromLogits(f32(A), f32(B)).toFloatArray(), 1e-5);
    }

    @Test
    void klFromProbabilitiesMatchesFromLogits() {
        NDArray p = f32(A).softmax(-1);
        NDArray q = f32(B).softmax(-1);
        assertAllClose(KL_PQ, DjlDivergences.kl(p, q).toFloatArray(), 1e-5);
    }

    @Test
    void entropyMatchesScipy() {
        assertAllClose(H_P, DjlDivergences.entropyFromLogits(f32(A)).toFloatArray(), 1e-5);
        assertAllClose(H_P, DjlDivergences.entropy(f32(A).softmax(-1)).toFloatArray(), 1e-5);
    }

    @Test
    void jsMatchesScipySquaredDistance() {
        assertAllClose(JS_PQ, DjlDivergences.jsFromLogits(f32(A), f32(B)).toFloatArray(), 1e-5);
        assertAllClose(JS_PQ, DjlDivergences.js(f32(A).softmax(-1), f32(B).softmax(-1)).toFloatArray(), 1e-5);
    }

    @Test
    void zerosFollowScipySemantics() {
        NDArray p = manager.create(new float[][] {{0.5f, 0.5f, 0f}, {0.5f, 0.5f, 0f}, {0f, 1f, 0f}});
        NDArray q = manager.create(new float[][] {{0.25f, 0.25f, 0.5f}, {1f, 0f, 0f}, {0f, 1f, 0f}});
        float[] kl = DjlDivergences.kl(p, q).toFloatArray();
        assertEquals(LN2, kl[0], 1e-6);                       // ½ln2 + ½ln2 + 0·ln(0/0.5)
        assertEquals(Float.POSITIVE_INFINITY, kl[1]);         // p = ½ where q = 0
        assertEquals(0f, kl[2]);                               // 0·ln(0/0) = 0, 1·ln 1 = 0
        float[] h = DjlDivergences.entropy(p).toFloatArray();
        assertEquals(LN2, h[0], 1e-6);
        assertEquals(0.0, h[2], 0.0);           // −0 is fine
        float[] js = DjlDivergences.js(p, q).toFloatArray();
        // jensenshannon([.5,.5,0], [.25,.25,.5])**2 = 0.21576155433883565
        assertEquals(0.21576155433883565, js[0], 1e-6);
        assertEquals(0f, js[2]);
    }

    @Test
    void disjointSupportsGiveLn2ForJsAndInfinityForKl() {
        NDArray a = manager.create(new float[] {0f, NEG_INF});
        NDArray b = manager.create(new float[] {NEG_INF, 0f});
        assertEquals(LN2, DjlDivergences.jsFromLogits(a, b).getFloat(), 1e-6);
        assertEquals(Float.POSITIVE_INFINITY, DjlDivergences.klFromLogits(a, b).getFloat());
        assertEquals(LN2, DjlDivergences.js(a.softmax(-1), b.softmax(-1)).getFloat(), 1e-6);
    }

    @Test
    void maskedLogitsContributeExactlyZeroWithoutNaN() {
        // p = [½, 0, ½], q = [¼, 0, ¾]: KL = ½ln2 + ½ln(2/3)
        NDArray a = manager.create(new float[] {0f, NEG_INF, 0f});
        NDArray b = manager.create(new float[] {0f, NEG_INF, (float) Math.log(3)});
        double expected = 0.5 * LN2 + 0.5 * Math.log(2.0 / 3.0);
        assertEquals(expected, DjlDivergences.klFromLogits(a, b).getFloat(), 1e-6);
        assertEquals(LN2, DjlDivergences.entropyFromLogits(a).getFloat(), 1e-6);
        // jensenshannon([.5,0,.5], [.25,0,.75])**2 = 0.0338220755686052
        assertEquals(0.0338220755686052, DjlDivergences.jsFromLogits(a, b).getFloat(), 1e-6);
    }

    @Test
    void categoryMaskedOnlyInQGivesInfinityEvenWhenPUnderflows() {
        // p_2 = e^-200 / (1 + e^-200) underflows to 0 in float32 but is > 0: KL(P‖Q) = +∞ as in SciPy.
        NDArray a = manager.create(new float[] {0f, -200f});
        NDArray b = manager.create(new float[] {0f, NEG_INF});
        assertEquals(0f, a.softmax(-1).toFloatArray()[1], "precondition: p underflows");
        assertEquals(Float.POSITIVE_INFINITY, DjlDivergences.klFromLogits(a, b).getFloat());
        // ...while the reverse direction is finite: KL(Q‖P) = −ln p_1 = ln(1 + e^-200) ≈ 0.
        assertEquals(0.0, DjlDivergences.reverseKlFromLogits(a, b).getFloat(), 1e-7);
    }

    @Test
    void hugeLogitsStayFiniteThroughLogSoftmax() {
        // p ≈ [1, e^-1e4, e^-2e4], q ≈ [e^-1e4, 1, e^-2e4]: KL = 1·(0 − (−1e4)) = 1e4 up to e^-1e4.
        NDArray a = manager.create(new float[] {1e4f, 0f, -1e4f});
        NDArray b = manager.create(new float[] {0f, 1e4f, -1e4f});
        assertEquals(1e4, DjlDivergences.klFromLogits(a, b).getFloat(), 1e-6 * 1e4);
        assertEquals(0.0, DjlDivergences.entropyFromLogits(a).getFloat(), 1e-6);
        assertEquals(LN2, DjlDivergences.jsFromLogits(a, b).getFloat(), 1e-6);
        // Shifting all logits by a constant changes nothing.
        assertEquals(DjlDivergences.klFromLogits(a.sub(5e3f), b.add(5e3f)).getFloat(), 1e4, 1e-2);
    }

    @Test
    void leadingAxesAreBatched() {
        NDArray a = f32(A).reshape(1, 2, 4).repeat(0, 3);   // [3, 2, 4]
        NDArray b = f32(B).reshape(1, 2, 4).repeat(0, 3);
        NDArray kl = DjlDivergences.klFromLogits(a, b);
        assertEquals(new ai.djl.ndarray.types.Shape(3, 2), kl.getShape());
        float[] flat = kl.toFloatArray();
        for (int i = 0; i < 3; i++) {
            assertEquals(KL_PQ[0], flat[2 * i], 1e-5);
            assertEquals(KL_PQ[1], flat[2 * i + 1], 1e-5);
        }
    }

    @Test
    void shapeMismatchNamesTheArgument() {
        NDArray a = manager.zeros(new ai.djl.ndarray.types.Shape(2, 3));
        NDArray b = manager.zeros(new ai.djl.ndarray.types.Shape(2, 4));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> DjlDivergences.klFromLogits(a, b));
        assertEquals("logitsQ", e.argument());
        assertTrue(e.getMessage().contains("logitsQ"), e.getMessage());
        assertEquals("q", assertThrows(InvalidArgumentException.class,
                () -> DjlDivergences.js(a, b)).argument());
        assertEquals("logits", assertThrows(InvalidArgumentException.class,
                () -> DjlDivergences.entropyFromLogits(manager.create(1f))).argument());
    }

    @Test
    void resultJoinsTheCallersScopeAndIntermediatesAreClosed() {
        NDArray a = f32(A);
        NDArray b = f32(B);
        int before = manager.getManagedArrays().size();
        NDArray kept;
        NDArray scoped;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            scoped = DjlDivergences.jsFromLogits(a, b);
            kept = DjlDivergences.klFromLogits(a, b);
            NDScope.unregister(kept);
            assertFalse(scoped.isReleased());
        }
        assertTrue(scoped.isReleased(), "the caller's scope owns the result");
        assertFalse(kept.isReleased());
        assertEquals(before + 1, manager.getManagedArrays().size(), "only the kept result remains");
    }

    // ---- gradients, in float64 -------------------------------------------------------------

    /** Gradient of sum(f(x, y)) with respect to x by autograd. */
    private double[] autogradWrtFirst(BinaryOperator<NDArray> f, double[][] x, double[][] y) {
        NDArray xs = manager.create(x);
        NDArray ys = manager.create(y);
        xs.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(f.apply(xs, ys).sum());
        }
        return xs.getGradient().toDoubleArray();
    }

    /** Central finite difference of sum(f(x, y)) in x, float64, step h. */
    private double[] finiteDifferenceWrtFirst(BinaryOperator<NDArray> f, double[][] x, double[][] y, double h) {
        int cols = x[0].length;
        double[] grad = new double[x.length * cols];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < cols; j++) {
                double[][] plus = deepCopy(x);
                double[][] minus = deepCopy(x);
                plus[i][j] += h;
                minus[i][j] -= h;
                double fp = f.apply(manager.create(plus), manager.create(y)).sum().getDouble();
                double fm = f.apply(manager.create(minus), manager.create(y)).sum().getDouble();
                grad[i * cols + j] = (fp - fm) / (2 * h);
            }
        }
        return grad;
    }

    private static double[][] deepCopy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }

    private static void assertGradientsClose(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Double.isFinite(actual[i]), "gradient " + i + " is " + actual[i]);
            assertEquals(expected[i], actual[i], tolerance, "gradient element " + i);
        }
    }

    @Test
    void klGradientsMatchAnalyticFormAndFiniteDifferences() {
        double[] autoA = autogradWrtFirst(DjlDivergences::klFromLogits, A, B);
        double[] autoB = autogradWrtFirst((b, a) -> DjlDivergences.klFromLogits(a, b), B, A);
        // Analytic: ∂KL/∂a_k = p_k(ln p_k − ln q_k − KL), ∂KL/∂b_k = q_k − p_k, in plain double.
        for (int i = 0; i < A.length; i++) {
            double[] p = softmax(A[i]);
            double[] q = softmax(B[i]);
            double kl = 0;
            for (int k = 0; k < p.length; k++) {
                kl += p[k] * Math.log(p[k] / q[k]);
            }
            for (int k = 0; k < p.length; k++) {
                assertEquals(p[k] * (Math.log(p[k] / q[k]) - kl), autoA[i * 4 + k], 1e-12);
                assertEquals(q[k] - p[k], autoB[i * 4 + k], 1e-12);
            }
        }
        assertGradientsClose(finiteDifferenceWrtFirst(DjlDivergences::klFromLogits, A, B, 1e-6),
                autoA, 1e-8);
    }

    @Test
    void entropyAndJsGradientsMatchFiniteDifferences() {
        BinaryOperator<NDArray> entropy = (a, unused) -> DjlDivergences.entropyFromLogits(a);
        assertGradientsClose(finiteDifferenceWrtFirst(entropy, A, B, 1e-6), autogradWrtFirst(entropy, A, B), 1e-8);
        assertGradientsClose(finiteDifferenceWrtFirst(DjlDivergences::jsFromLogits, A, B, 1e-6),
                autogradWrtFirst(DjlDivergences::jsFromLogits, A, B), 1e-8);
        BinaryOperator<NDArray> jsProbs = (a, b) -> DjlDivergences.js(a.softmax(-1), b.softmax(-1));
        assertGradientsClose(finiteDifferenceWrtFirst(jsProbs, A, B, 1e-6), autogradWrtFirst(jsProbs, A, B), 1e-8);
        BinaryOperator<NDArray> klProbs = (a, b) -> DjlDivergences.kl(a.softmax(-1), b.softmax(-1));
        assertGradientsClose(finiteDifferenceWrtFirst(klProbs, A, B, 1e-6), autogradWrtFirst(klProbs, A, B), 1e-8);
    }

    @Test
    void totalVariationValueAndGradientsMatchHandFormulaAndFiniteDifferences() {
        double[] tv = DjlDivergences.tvFromLogits(manager.create(A), manager.create(B)).toDoubleArray();
        double[] auto = autogradWrtFirst(DjlDivergences::tvFromLogits, A, B);
        // By hand: TV = ½ Σ|p − q|; ∂TV/∂a_k = ½ Σ_j sign(p_j − q_j)·p_j(δ_jk − p_k) (softmax Jacobian).
        for (int i = 0; i < A.length; i++) {
            double[] p = softmax(A[i]);
            double[] q = softmax(B[i]);
            double expected = 0;
            double signedMass = 0;
            for (int k = 0; k < p.length; k++) {
                expected += 0.5 * Math.abs(p[k] - q[k]);
                signedMass += Math.signum(p[k] - q[k]) * p[k];
            }
            assertEquals(expected, tv[i], 1e-15);
            for (int k = 0; k < p.length; k++) {
                assertEquals(0.5 * p[k] * (Math.signum(p[k] - q[k]) - signedMass), auto[i * 4 + k], 1e-12);
            }
        }
        // No p_k equals q_k here, so |·| is differentiable and central differences apply.
        assertGradientsClose(finiteDifferenceWrtFirst(DjlDivergences::tvFromLogits, A, B, 1e-6), auto, 1e-8);
        BinaryOperator<NDArray> tvProbs = (a, b) -> DjlDivergences.tv(a.softmax(-1), b.softmax(-1));
        assertGradientsClose(auto, autogradWrtFirst(tvProbs, A, B), 1e-12);
    }

    /** Target classes of A's and B's rows, as the boolean mask decoupledKlFromLogits takes. */
    private static final boolean[][] TARGET = {{false, false, true, false}, {true, false, false, false}};
    private static final int[] TARGET_CLASS = {2, 0};

    /** α·KL(binary P ‖ binary Q) + β·KL(P̂ ‖ Q̂) by the definition, with the core's double[] KL. */
    private static double decoupledByDefinition(double[] a, double[] b, int y, double alpha, double beta) {
        double[] p = softmax(a);
        double[] q = softmax(b);
        double tckd = dev.kl4j.core.discrete.DiscreteDivergences.kl(new double[] {p[y], 1 - p[y]},
                new double[] {q[y], 1 - q[y]});
        double[] pHat = new double[p.length - 1];
        double[] qHat = new double[q.length - 1];
        for (int c = 0, i = 0; c < p.length; c++) {
            if (c != y) {
                pHat[i] = p[c] / (1 - p[y]);
                qHat[i++] = q[c] / (1 - q[y]);
            }
        }
        return alpha * tckd + beta * dev.kl4j.core.discrete.DiscreteDivergences.kl(pHat, qHat);
    }

    @Test
    void decoupledKlMatchesItsDefinitionAndFiniteDifferences() {
        NDArray target = manager.create(TARGET);
        for (float[] weights : new float[][] {{1f, 8f}, {0.5f, 0.5f}, {1f, 0f}, {0f, 2f}}) {
            double[] value = DjlDivergences.decoupledKlFromLogits(manager.create(A), manager.create(B), target,
                    weights[0], weights[1]).toDoubleArray();
            for (int i = 0; i < A.length; i++) {
                assertEquals(decoupledByDefinition(A[i], B[i], TARGET_CLASS[i], weights[0], weights[1]), value[i], 1e-13,
                        "alpha " + weights[0] + ", beta " + weights[1] + ", row " + i);
            }
            BinaryOperator<NDArray> d = (a, b) -> DjlDivergences.decoupledKlFromLogits(a, b, target, weights[0], weights[1]);
            BinaryOperator<NDArray> swapped = (b, a) -> DjlDivergences.decoupledKlFromLogits(a, b, target, weights[0], weights[1]);
            assertGradientsClose(finiteDifferenceWrtFirst(d, A, B, 1e-6), autogradWrtFirst(d, A, B), 1e-8);
            assertGradientsClose(finiteDifferenceWrtFirst(swapped, B, A, 1e-6), autogradWrtFirst(swapped, B, A), 1e-8);
        }
        // α = β = 1 and the identity KL = TCKD + (1 − p_y)·NCKD: with β = α = 1, D − KL = p_y·NCKD ≥ 0
        double[] d = DjlDivergences.decoupledKlFromLogits(manager.create(A), manager.create(B), target, 1f, 1f)
                .toDoubleArray();
        for (int i = 0; i < A.length; i++) {
            assertTrue(d[i] >= KL_PQ[i], "row " + i);
        }
    }

    @Test
    void decoupledKlMasksAndRejectsBadArguments() {
        double ninf = Double.NEGATIVE_INFINITY;
        NDArray target = manager.create(new boolean[][] {{true, false, false}});
        // a class outside P's support adds 0; inside P's and outside Q's support gives +∞
        double[][] a = {{0.5, ninf, 1.0}};
        double[][] b = {{0.2, 0.3, -0.1}};
        double outsideP = DjlDivergences.decoupledKlFromLogits(manager.create(a), manager.create(b), target, 1f, 8f)
                .getDouble();
        assertEquals(decoupledByDefinition(new double[] {0.5, -1e300, 1.0}, b[0], 0, 1, 8), outsideP, 1e-13);
        double outsideQ = DjlDivergences.decoupledKlFromLogits(manager.create(b), manager.create(a), target, 1f, 8f)
                .getDouble();
        assertEquals(Double.POSITIVE_INFINITY, outsideQ);
        NDArray p = manager.create(b);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> DjlDivergences.decoupledKlFromLogits(p, p, target, -1f, 8f));
        assertEquals("alpha", e.argument());
        e = assertThrows(InvalidArgumentException.class,
                () -> DjlDivergences.decoupledKlFromLogits(p, p, manager.create(new float[][] {{1f, 0f, 0f}}), 1f, 8f));
        assertEquals("target", e.argument());
        e = assertThrows(InvalidArgumentException.class,
                () -> DjlDivergences.decoupledKlFromLogits(p, p, manager.create(new boolean[] {true, false, false}), 1f, 8f));
        assertEquals("target", e.argument());
    }

    @Test
    void gradientsStayFiniteWithMaskedCategories() {
        double ninf = Double.NEGATIVE_INFINITY;
        double[][] a = {{0.4, ninf, -0.3, ninf}};
        double[][] b = {{-0.2, ninf, 0.9, 1.3}};   // supp P ⊂ supp Q: KL(P‖Q) is finite, KL(Q‖P) is not
        java.util.List<BinaryOperator<NDArray>> functions = java.util.List.of(
                DjlDivergences::klFromLogits, DjlDivergences::jsFromLogits,
                (x, y) -> DjlDivergences.reverseKlFromLogits(y, x),
                (x, y) -> DjlDivergences.entropyFromLogits(x).add(DjlDivergences.entropyFromLogits(y)),
                (x, y) -> DjlDivergences.kl(x.softmax(-1), y.softmax(-1)),
                (x, y) -> DjlDivergences.js(x.softmax(-1), y.softmax(-1)));
        for (int n = 0; n < functions.size(); n++) {
            BinaryOperator<NDArray> f = functions.get(n);
            double[] g = autogradWrtFirst(f, a, b);
            double[] gb = autogradWrtFirst((y, x) -> f.apply(x, y), b, a);
            for (int k = 0; k < 4; k++) {
                assertTrue(Double.isFinite(g[k]) && Double.isFinite(gb[k]),
                        "function " + n + ": gradient " + k + " not finite: " + g[k] + ", " + gb[k]);
            }
            assertEquals(0.0, g[1], 0.0);
            assertEquals(0.0, g[3], 0.0);
        }
    }

    private static double[] softmax(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            e[i] = Math.exp(a[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < a.length; i++) {
            e[i] /= sum;
        }
        return e;
    }
}
