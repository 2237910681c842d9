package dev.kl4j.core.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DjlDivergences#klFromLogits} (chunked, closed-form gradients, fast path without −∞) against the
 * straightforward autograd formula below, on random logits with −∞ entries: categories masked in P only,
 * in Q only (KL = +∞) and in both, over several row chunks.
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
            if (Double.isInfinite(expected[i])) {
                assertEquals(expected[i], actual[i], what + "[" + i + "]");
            } else {
                assertEquals(expected[i], actual[i], tolerance * (1 + Math.abs(expected[i])), what + "[" + i + "]");
            }
        }
    }

    private void compare(double[] a, double[] b, Shape shape, DataType type, double tolerance) {
        for (boolean[] need : new boolean[][] {{true, true}, {false, true}, {true, false}, {false, false}}) {
            ValueAndGradients simple = evaluate(LeanKlFromLogitsTest::simpleKlFromLogits, a, b, shape, type, need[0], need[1]);
            ValueAndGradients lean = evaluate(DjlDivergences::klFromLogits, a, b, shape, type, need[0], need[1]);
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
}
