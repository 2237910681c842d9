package dev.kl4j.core.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DjlDivergences#klFromLogits} (chunked, closed-form gradients, fast path without −∞) against the
 * straightforward autograd formula below, on random logits with −∞ entries: categories masked in P only,
 * in Q only (KL = +∞) and in both, over several row chunks; every path of the per-row work (the Vector
 * API kernel, the scalar Java kernel, libtorch operations; one and several threads), rows longer than a
 * block, rows whose length is not a multiple of the vector length, non-contiguous inputs and rows with
 * NaN or +∞ logits.
 */
class LeanKlFromLogitsTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** The simple path: logSoftmax, masks, where; every op recorded by autograd. */
    private static NDArray simpleKlFromLogits(NDArray logitsP, NDArray logitsQ) {
        NDArray logP = logitsP.logSoftmax(-1);
        NDArray logQ = logitsQ.logSoftmax(-1);
        NDArray inP = logP.gt(Float.NEGATIVE_INFINITY);
        NDArray inQ = logQ.gt(Float.NEGATIVE_INFINITY);
        NDArray zero = logP.getManager().zeros(new Shape(), logP.getDataType());
        NDArray logRatio = NDArrays.where(inP.logicalAnd(inQ), logP.sub(logQ), zero);
        NDArray kl = logP.exp().mul(logRatio).sum(new int[] {-1});
        NDArray missingInQ = inP.logicalAnd(inQ.logicalNot()).sum(new int[] {-1});
        NDArray inf = kl.getManager().full(new Shape(), Float.POSITIVE_INFINITY, kl.getDataType());
        return NDArrays.where(missingInQ.eq(0), kl, inf);
    }

    private interface Kl {
        NDArray of(NDArray a, NDArray b);
    }

    private record ValueAndGradients(double[] value, double[] gradA, double[] gradB) {
    }

    private ValueAndGradients evaluate(Kl kl, double[] a, double[] b, Shape shape, DataType type,
            boolean needA, boolean needB) {
        NDArray x = manager.create(a, shape).toType(type, true);
        NDArray y = manager.create(b, shape).toType(type, true);
        x.setRequiresGradient(needA);
        y.setRequiresGradient(needB);
        double[] value;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray result = kl.of(x, y);
            value = result.toType(DataType.FLOAT64, false).toDoubleArray();
            if (needA || needB) {
                // A weighted sum over the finite rows, so that each row's gradient is checked separately.
                NDArray finite = result.isInfinite().logicalNot();
                NDArray weights = manager.arange((float) result.size()).reshape(result.getShape()).add(1f).toType(type, false);
                NDArray zero = manager.zeros(new Shape(), type);
                collector.backward(NDArrays.where(finite, result, zero).mul(weights).sum());
            }
        }
        return new ValueAndGradients(value,
                needA ? x.getGradient().toType(DataType.FLOAT64, false).toDoubleArray() : null,
                needB ? y.getGradient().toType(DataType.FLOAT64, false).toDoubleArray() : null);
    }

    private static double[] randomLogits(SplittableRandom random, int n, double maskRate) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() < maskRate ? Double.NEGATIVE_INFINITY : 6 * (random.nextDouble() - 0.5);
        }
        return x;
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            if (!Double.isFinite(expected[i])) {   // ±∞ and NaN exactly
                assertEquals(expected[i], actual[i], what + "[" + i + "]");
            } else {
                assertEquals(expected[i], actual[i], tolerance * (1 + Math.abs(expected[i])), what + "[" + i + "]");
            }
        }
    }

    private void compare(double[] a, double[] b, Shape shape, DataType type, double tolerance) {
        compare(DjlDivergences::klFromLogits, a, b, shape, type, tolerance);
    }

    private void compare(Kl leanPath, double[] a, double[] b, Shape shape, DataType type, double tolerance) {
        compare(leanPath, a, b, shape, type, tolerance, new boolean[][] {{true, true}, {false, true}, {true, false}, {false, false}});
    }

    /** {@code needs}: which gradients each evaluation asks for, {a, b}. */
    private void compare(Kl leanPath, double[] a, double[] b, Shape shape, DataType type, double tolerance,
            boolean[][] needs) {
        for (boolean[] need : needs) {
            ValueAndGradients simple = evaluate(LeanKlFromLogitsTest::simpleKlFromLogits, a, b, shape, type, need[0], need[1]);
            ValueAndGradients lean = evaluate(leanPath, a, b, shape, type, need[0], need[1]);
            assertClose(simple.value(), lean.value(), tolerance, "KL " + type);
            if (need[0]) {
                assertClose(simple.gradA(), lean.gradA(), tolerance, "dKL/da " + type);
            }
            if (need[1]) {
                assertClose(simple.gradB(), lean.gradB(), tolerance, "dKL/db " + type);
            }
        }
    }

    @Test
    void leanPathEqualsTheSimpleOneWithMaskedCategoriesOverSeveralChunks() {
        SplittableRandom random = new SplittableRandom(11);
        int rows = 200;
        int categories = 4096;     // 64 rows per chunk of 2^18 elements: 3 chunks
        double[] a = randomLogits(random, rows * categories, 0.0);
        double[] b = randomLogits(random, rows * categories, 0.0);
        for (int r = 0; r < rows; r++) {
            int base = r * categories;
            switch (r % 5) {
                case 0 -> { }                                          // no mask in this row
                case 1 -> a[base + random.nextInt(categories)] = Double.NEGATIVE_INFINITY;  // masked in P only
                case 2 -> {                                            // masked in both
                    int k = random.nextInt(categories);
                    a[base + k] = Double.NEGATIVE_INFINITY;
                    b[base + k] = Double.NEGATIVE_INFINITY;
                }
                case 3 -> b[base + random.nextInt(categories)] = Double.NEGATIVE_INFINITY;  // masked in Q only: +inf
                default -> {                                           // many masked in both, a few in P
                    for (int k = 0; k < categories; k += 7) {
                        a[base + k] = Double.NEGATIVE_INFINITY;
                        b[base + k] = Double.NEGATIVE_INFINITY;
                    }
                    a[base + 3] = Double.NEGATIVE_INFINITY;
                }
            }
        }
        compare(a, b, new Shape(rows, categories), DataType.FLOAT64, 1e-12);
        compare(a, b, new Shape(rows, categories), DataType.FLOAT32, 1e-5);
        compare(a, b, new Shape(4, 50, categories), DataType.FLOAT32, 1e-5);
        double[] infinite = evaluate(DjlDivergences::klFromLogits, a, b, new Shape(rows, categories), DataType.FLOAT32,
                true, true).value();
        assertEquals(Double.POSITIVE_INFINITY, infinite[3], "a category masked in Q only gives +inf");
    }

    @Test
    void fastPathWithoutMasksEqualsTheSimpleOne() {
        SplittableRandom random = new SplittableRandom(12);
        double[] a = randomLogits(random, 70 * 5000, 0.0);
        double[] b = randomLogits(random, 70 * 5000, 0.0);
        compare(a, b, new Shape(70, 5000), DataType.FLOAT64, 1e-12);
        compare(a, b, new Shape(7, 10, 5000), DataType.FLOAT32, 1e-5);
        // A small input and a single distribution ([K] gives a scalar).
        compare(new double[] {0.1, -2, 3}, new double[] {1, 1, Double.NEGATIVE_INFINITY}, new Shape(3), DataType.FLOAT64, 1e-12);
        compare(new double[] {0.1, -2, 3}, new double[] {1, 1, -1}, new Shape(3), DataType.FLOAT64, 1e-12);
    }

    @Test
    void gradientsReachInputsThatAreOutputsOfOtherOperations() {
        // A model's logits are not leaves: the gradient must flow through them to the parameters.
        SplittableRandom random = new SplittableRandom(14);
        double[] w = randomLogits(random, 6 * 9, 0.0);
        double[] t = randomLogits(random, 6 * 9, 0.0);
        double[][] gradients = new double[2][];
        Kl[] paths = {LeanKlFromLogitsTest::simpleKlFromLogits, DjlDivergences::klFromLogits};
        for (int i = 0; i < 2; i++) {
            NDArray weights = manager.create(w, new Shape(6, 9));
            weights.setRequiresGradient(true);
            NDArray teacher = manager.create(t, new Shape(6, 9));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray student = weights.mul(manager.create(3.0));
                collector.backward(paths[i].of(teacher, student).sum());
            }
            gradients[i] = weights.getGradient().toDoubleArray();
        }
        assertClose(gradients[0], gradients[1], 1e-12, "gradient through a non-leaf student");
        assertTrue(java.util.Arrays.stream(gradients[1]).anyMatch(g -> Math.abs(g) > 1e-3), "a non-zero gradient");
    }

    @Test
    void logitsOfMagnitude1e4StayFinite() {
        SplittableRandom random = new SplittableRandom(13);
        double[] a = randomLogits(random, 8 * 300, 0.0);
        double[] b = randomLogits(random, 8 * 300, 0.0);
        for (int i = 0; i < a.length; i++) {
            a[i] *= 1e4 / 3;
            b[i] *= 1e4 / 3;
        }
        ValueAndGradients lean = evaluate(DjlDivergences::klFromLogits, a, b, new Shape(8, 300), DataType.FLOAT32, true, true);
        for (double v : lean.value()) {
            assertTrue(Double.isFinite(v) && v >= 0, "KL " + v);
        }
        for (double g : lean.gradA()) {
            assertTrue(Double.isFinite(g));
        }
        // In float32 both paths lose ~1e-3 of the gradient to cancellation in ln p − ln q − KL with
        // terms of size 1e4; in float64 they agree closely.
        compare(a, b, new Shape(8, 300), DataType.FLOAT64, 1e-9);
    }

    /** The per-row work of every path: Java kernels on one, two and three threads, and libtorch chunks. */
    private static List<Kl> everyPath() {
        assertNotNull(LogitsKlKernel.VECTOR, "the tests run with --add-modules jdk.incubator.vector");
        return List.of(
                (x, y) -> DjlDivergences.klFromLogits(x, y, LogitsKlKernel.VECTOR, 1),
                (x, y) -> DjlDivergences.klFromLogits(x, y, LogitsKlKernel.VECTOR, 2),
                (x, y) -> DjlDivergences.klFromLogits(x, y, ScalarLogitsKl.INSTANCE, 1),
                (x, y) -> DjlDivergences.klFromLogits(x, y, ScalarLogitsKl.INSTANCE, 3),
                (x, y) -> DjlDivergences.klFromLogits(x, y, null, 1));
    }

    /** Masks as in the first test, row r with pattern r % 5. */
    private static void mask(SplittableRandom random, double[] a, double[] b, int rows, int categories) {
        for (int r = 0; r < rows; r++) {
            int base = r * categories;
            switch (r % 5) {
                case 0 -> { }
                case 1 -> a[base + random.nextInt(categories)] = Double.NEGATIVE_INFINITY;
                case 2 -> {
                    int k = random.nextInt(categories);
                    a[base + k] = Double.NEGATIVE_INFINITY;
                    b[base + k] = Double.NEGATIVE_INFINITY;
                }
                case 3 -> b[base + random.nextInt(categories)] = Double.NEGATIVE_INFINITY;
                default -> {
                    for (int k = 0; k < categories; k += 7) {
                        a[base + k] = Double.NEGATIVE_INFINITY;
                        b[base + k] = Double.NEGATIVE_INFINITY;
                    }
                }
            }
        }
    }

    @Test
    void everyPathEqualsTheSimpleOneOverSeveralBlocksAndRowLengths() {
        SplittableRandom random = new SplittableRandom(21);
        // 4099 = 256 vectors of 16 lanes + 3: a scalar tail; 63 rows per block of 2^18: 3 blocks.
        // 5: shorter than one vector. 270001: one row longer than a block.
        int[][] shapes = {{130, 4099}, {23, 5}, {2, 270_001}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int categories = shape[1];
            double[] plainA = randomLogits(random, rows * categories, 0.0);
            double[] plainB = randomLogits(random, rows * categories, 0.0);
            double[] maskedA = plainA.clone();
            double[] maskedB = plainB.clone();
            mask(random, maskedA, maskedB, rows, categories);
            boolean[][] bothGradients = {{true, true}};   // the other cases are the first tests'
            for (Kl path : everyPath()) {
                compare(path, plainA, plainB, new Shape(rows, categories), DataType.FLOAT32, 1e-5, bothGradients);
                compare(path, maskedA, maskedB, new Shape(rows, categories), DataType.FLOAT32, 1e-5, bothGradients);
            }
        }
    }

    @Test
    void rowsWithNanOrPositiveInfinityGiveWhatTheLibtorchOperationsGive() {
        int categories = 37;
        double[][] rowsA = new double[9][];
        double[][] rowsB = new double[9][];
        SplittableRandom random = new SplittableRandom(22);
        for (int r = 0; r < rowsA.length; r++) {
            rowsA[r] = randomLogits(random, categories, 0.0);
            rowsB[r] = randomLogits(random, categories, 0.0);
        }
        rowsA[1][20] = Double.NaN;                     // NaN in P's row: KL and gradients NaN
        rowsB[2][20] = Double.NaN;                     // NaN in Q's row: no ln q is > −∞, KL = +∞
        rowsA[3][36] = Double.POSITIVE_INFINITY;       // +∞ makes the log-sum-exp NaN, as NaN does
        rowsB[4][0] = Double.POSITIVE_INFINITY;
        java.util.Arrays.fill(rowsA[5], Double.NEGATIVE_INFINITY);   // no support in P
        java.util.Arrays.fill(rowsB[6], Double.NEGATIVE_INFINITY);   // no support in Q
        rowsA[7][3] = Double.NaN;                      // NaN and −∞ in one row
        rowsA[7][4] = Double.NEGATIVE_INFINITY;
        rowsA[8][5] = Double.NEGATIVE_INFINITY;        // a finite row with a mask, for reference
        rowsB[8][5] = Double.NEGATIVE_INFINITY;
        double[] a = new double[rowsA.length * categories];
        double[] b = new double[a.length];
        for (int r = 0; r < rowsA.length; r++) {
            System.arraycopy(rowsA[r], 0, a, r * categories, categories);
            System.arraycopy(rowsB[r], 0, b, r * categories, categories);
        }
        Shape shape = new Shape(rowsA.length, categories);
        // Values: the simple formula's. Gradients: in rows without NaN or +∞ the formula's; in the others
        // the libtorch operations' (the formula's autograd differs there, e.g. 0 instead of q − p = NaN
        // for Q when P's row is NaN), and 0 at a non-finite logit, where the surrogate selects 0.
        ValueAndGradients simple = evaluate(LeanKlFromLogitsTest::simpleKlFromLogits, a, b, shape, DataType.FLOAT32, true, true);
        ValueAndGradients libtorch = evaluate((x, y) -> DjlDivergences.klFromLogits(x, y, null, 1), a, b, shape,
                DataType.FLOAT32, true, true);
        int[] regularRows = {0, 8};
        for (Kl path : everyPath()) {
            ValueAndGradients lean = evaluate(path, a, b, shape, DataType.FLOAT32, true, true);
            assertClose(simple.value(), lean.value(), 1e-5, "KL");
            assertClose(libtorch.gradA(), lean.gradA(), 1e-5, "dKL/da as libtorch's");
            assertClose(libtorch.gradB(), lean.gradB(), 1e-5, "dKL/db as libtorch's");
            for (int r : regularRows) {
                for (int k = r * categories; k < (r + 1) * categories; k++) {
                    assertClose(new double[] {simple.gradA()[k], simple.gradB()[k]},
                            new double[] {lean.gradA()[k], lean.gradB()[k]}, 1e-5, "gradients [" + k + "]");
                }
            }
            for (int i = 0; i < a.length; i++) {
                assertTrue(Double.isFinite(a[i]) || lean.gradA()[i] == 0.0, "0 at a non-finite logit a[" + i + "]");
                assertTrue(Double.isFinite(b[i]) || lean.gradB()[i] == 0.0, "0 at a non-finite logit b[" + i + "]");
            }
        }
        double[] value = evaluate(DjlDivergences::klFromLogits, a, b, shape, DataType.FLOAT32, true, true).value();
        assertTrue(Double.isFinite(value[0]) && Double.isFinite(value[8]), "rows without NaN stay finite");
        assertTrue(Double.isNaN(value[1]) && Double.isNaN(value[3]) && Double.isNaN(value[5]), "NaN in P's row");
        assertEquals(Double.POSITIVE_INFINITY, value[2], "NaN in Q's row");
    }

    @Test
    void nonContiguousInputsAreReadCorrectly() {
        // A transposed view is not contiguous: the Java kernel reads a contiguous copy of it.
        SplittableRandom random = new SplittableRandom(23);
        int rows = 40;
        int categories = 333;
        double[] a = randomLogits(random, rows * categories, 0.1);
        double[] b = randomLogits(random, rows * categories, 0.0);
        double[][] gradients = new double[2][];
        double[][] values = new double[2][];
        Kl[] paths = {LeanKlFromLogitsTest::simpleKlFromLogits, DjlDivergences::klFromLogits};
        for (int i = 0; i < 2; i++) {
            NDArray teacher = manager.create(a, new Shape(categories, rows)).toType(DataType.FLOAT32, false);
            NDArray weights = manager.create(b, new Shape(categories, rows)).toType(DataType.FLOAT32, false);
            weights.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray kl = paths[i].of(teacher.transpose(), weights.transpose());
                values[i] = kl.toType(DataType.FLOAT64, false).toDoubleArray();
                NDArray finite = kl.isInfinite().logicalNot();
                collector.backward(NDArrays.where(finite, kl, manager.zeros(new Shape(), DataType.FLOAT32)).sum());
            }
            gradients[i] = weights.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        }
        assertClose(values[0], values[1], 1e-5, "KL of transposed views");
        assertClose(gradients[0], gradients[1], 1e-5, "gradient through transposed views");
    }

    @Test
    void vectorExpIsWithinTwoUlpsOfMathExpAndZeroBelowTheNormalRange() {
        float[] xs = new float[1 << 16];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -87f * i / (xs.length - 1);              // [−87, 0]
        }
        int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        for (int i = 0; i + lanes <= xs.length; i += lanes) {
            float[] e = VectorLogitsKl.expNonPositive(jdk.incubator.vector.FloatVector.fromArray(
                    jdk.incubator.vector.FloatVector.SPECIES_PREFERRED, xs, i)).toArray();
            for (int lane = 0; lane < lanes; lane++) {
                double exact = Math.exp(xs[i + lane]);
                assertEquals(exact, e[lane], 2 * Math.ulp((float) exact), "exp(" + xs[i + lane] + ")");
            }
        }
        float[] special = new float[lanes];
        java.util.Arrays.fill(special, -88f);
        special[0] = Float.NEGATIVE_INFINITY;
        special[1] = Float.NaN;
        special[2] = -1000f;
        float[] e = VectorLogitsKl.expNonPositive(jdk.incubator.vector.FloatVector.fromArray(
                jdk.incubator.vector.FloatVector.SPECIES_PREFERRED, special, 0)).toArray();
        assertEquals(0f, e[0], "exp(−∞)");
        assertTrue(Float.isNaN(e[1]), "exp(NaN)");
        assertEquals(0f, e[2], "exp(−1000)");
        assertEquals(0f, e[3], "exp(−88) is below the smallest normal float: 0");
    }

    /** Bits of the Vector API kernel's output on fixed inputs with −∞ and a scalar tail, as one hash. */
    static long kernelChecksum() {
        int rows = 6;
        int categories = 1003;
        SplittableRandom random = new SplittableRandom(25);
        java.nio.ByteBuffer[] buffers = new java.nio.ByteBuffer[5];
        for (int i = 0; i < 5; i++) {
            int floats = i == 4 ? rows : rows * categories;
            buffers[i] = java.nio.ByteBuffer.allocateDirect(floats * Float.BYTES).order(java.nio.ByteOrder.nativeOrder());
        }
        for (int i = 0; i < rows * categories; i++) {
            buffers[0].putFloat(i * Float.BYTES, random.nextDouble() < 0.01 ? Float.NEGATIVE_INFINITY : (float) (8 * random.nextDouble() - 4));
            buffers[1].putFloat(i * Float.BYTES, i % categories == 7 && i / categories == 2 ? Float.NEGATIVE_INFINITY : (float) (8 * random.nextDouble() - 4));
        }
        LogitsKlKernel.VECTOR.klRows(buffers[0], buffers[1], buffers[2], buffers[3], buffers[4], categories);
        long hash = 17;
        for (int i = 2; i < 5; i++) {
            for (int at = 0; at < buffers[i].capacity(); at += Float.BYTES) {
                hash = 31 * hash + Float.floatToRawIntBits(buffers[i].getFloat(at));
            }
        }
        return hash;
    }

    /**
     * Prints {@link #kernelChecksum()}, for the interpreted JVM of
     * {@link #sameNumbersInterpretedAsCompiled}.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println(kernelChecksum());
    }

    @Test
    void sameNumbersInterpretedAsCompiled() throws Exception {
        // Compiled code (after many calls) must give the bits of the interpreter (java -Xint): the kernel
        // avoids operations whose rounding differs between the two (VectorOperators.EXP, reduceLanes(ADD)),
        // so that a resumed or longer run repeats a shorter one's numbers.
        long compiled = 0;
        for (int i = 0; i < 3000; i++) {
            compiled = kernelChecksum();
        }
        Process process = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xint", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                LeanKlFromLogitsTest.class.getName()).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(Long.toString(compiled), out, "interpreted and compiled kernels agree bit for bit");
    }
}
