package dev.kl4j.core.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.discrete.DiscreteDivergences;
import dev.kl4j.core.distribution.Categorical;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DjlCategoricalTest {
    private static final double[][] LOGITS = {{0.3, -1.2, 2.0, 0.7}, {1.5, 0.0, -0.4, -2.2}, {0.0, 0.1, -0.1, 0.05}};
    private static final double[][] OTHER = {{-0.5, 0.8, 1.1, 0.0}, {0.2, 0.2, 0.9, -1.0}, {1.0, -1.0, 0.5, 0.0}};
    private static final long[] ACTIONS = {2, 0, 3};

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

    @Test
    void logProbAndEntropyMatchTheDoubleCategorical() {
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            double tolerance = type == DataType.FLOAT32 ? 2e-6 : 1e-13;
            DjlCategorical pi = DjlCategorical.fromLogits(manager.create(LOGITS).toType(type, false));
            double[] logProb = pi.logProb(manager.create(ACTIONS)).toType(DataType.FLOAT64, false).toDoubleArray();
            double[] entropy = pi.entropy().toType(DataType.FLOAT64, false).toDoubleArray();
            assertEquals(type, pi.logProb(manager.create(ACTIONS)).getDataType());
            for (int b = 0; b < LOGITS.length; b++) {
                Categorical reference = Categorical.ofLogits(LOGITS[b]);
                assertEquals(reference.logProb(new double[] {ACTIONS[b]}), logProb[b], tolerance, "row " + b);
                assertEquals(reference.entropy(), entropy[b], tolerance, "row " + b);
            }
        }
    }

    @Test
    void actionsOfAnyNumericTypeAreIndices() {
        DjlCategorical pi = DjlCategorical.fromLogits(f32(LOGITS));
        float[] fromLong = pi.logProb(manager.create(ACTIONS)).toFloatArray();
        float[] fromFloat = pi.logProb(manager.create(new float[] {2f, 0f, 3f})).toFloatArray();
        float[] fromInt = pi.logProb(manager.create(new int[] {2, 0, 3})).toFloatArray();
        assertArrayEquals(fromLong, fromFloat);
        assertArrayEquals(fromLong, fromInt);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> pi.logProb(manager.create(new long[] {1, 2})));
        assertEquals("actions", e.argument());
    }

    @Test
    void klMatchesTheDoubleDivergence() {
        DjlCategorical p = DjlCategorical.fromLogits(f32(LOGITS));
        DjlCategorical q = DjlCategorical.fromLogits(f32(OTHER));
        float[] kl = p.kl(q).toFloatArray();
        for (int b = 0; b < LOGITS.length; b++) {
            double expected = DiscreteDivergences.kl(Categorical.ofLogits(LOGITS[b]).probs(),
                    Categorical.ofLogits(OTHER[b]).probs());
            assertEquals(expected, kl[b], 1e-5 * expected + 1e-7);
        }
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> p.kl(DjlDiagNormal.fromLogStd(f32(LOGITS), f32(LOGITS))));
        assertEquals("other", e.argument());
    }

    @Test
    void logProbAndEntropyGradientsMatchFiniteDifferences() {
        double[] weights = {0.7, -1.3, 0.4};
        ToDoubleFunction<double[][]> objective = logits -> {
            double sum = 0;
            for (int b = 0; b < logits.length; b++) {
                Categorical c = Categorical.ofLogits(logits[b]);
                sum += weights[b] * c.logProb(new double[] {ACTIONS[b]}) + c.entropy();
            }
            return sum;
        };
        NDArray logits = manager.create(LOGITS);
        logits.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            DjlCategorical pi = DjlCategorical.fromLogits(logits);
            NDArray loss = pi.logProb(manager.create(ACTIONS)).mul(manager.create(weights)).sum().add(pi.entropy().sum());
            gc.backward(loss);
        }
        double[] gradient = logits.getGradient().toDoubleArray();
        double[] numeric = FiniteDifferences.gradient(objective, LOGITS, 1e-6);
        for (int i = 0; i < gradient.length; i++) {
            assertEquals(numeric[i], gradient[i], 1e-8, "element " + i);
        }
    }

    @Test
    void klGradientsInBothArgumentsMatchFiniteDifferences() {
        // PPO's KL penalty differentiates KL(π_old ‖ π_θ) in its second argument; distillation in its first.
        NDArray p = manager.create(LOGITS);
        NDArray q = manager.create(OTHER);
        p.setRequiresGradient(true);
        q.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(DjlCategorical.fromLogits(p).kl(DjlCategorical.fromLogits(q)).sum());
        }
        ToDoubleFunction<double[][]> inP = x -> totalKl(x, OTHER);
        ToDoubleFunction<double[][]> inQ = x -> totalKl(LOGITS, x);
        assertArrayEquals(FiniteDifferences.gradient(inP, LOGITS, 1e-6), p.getGradient().toDoubleArray(), 1e-8);
        assertArrayEquals(FiniteDifferences.gradient(inQ, OTHER, 1e-6), q.getGradient().toDoubleArray(), 1e-8);
    }

    @Test
    void klGradientReachesTheSecondArgumentWhenOnlyItNeedsOne() {
        // PPO-KL and TRPO: π_old is a constant (computed outside the gradient collector), π_θ comes from
        // a network (a non-leaf array). Here θ = logits, π_θ's logits = θ + 0 computed under the collector.
        NDArray old = manager.create(LOGITS);
        NDArray theta = manager.create(OTHER);
        theta.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = theta.add(manager.zeros(new ai.djl.ndarray.types.Shape()));
            gc.backward(DjlCategorical.fromLogits(old).kl(DjlCategorical.fromLogits(logits)).sum());
        }
        ToDoubleFunction<double[][]> inQ = x -> totalKl(LOGITS, x);
        assertArrayEquals(FiniteDifferences.gradient(inQ, OTHER, 1e-6), theta.getGradient().toDoubleArray(), 1e-8);
    }

    private static double totalKl(double[][] a, double[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += DiscreteDivergences.kl(Categorical.ofLogits(a[i]).probs(), Categorical.ofLogits(b[i]).probs());
        }
        return sum;
    }

    @Test
    void fisherProductEqualsTheFiniteDifferenceHessianOfTheKl() {
        double[][] u = {{0.5, -1.0, 0.25, 2.0}, {-0.3, 0.0, 1.1, 0.4}, {1.0, 1.0, 1.0, 1.0}};
        DjlCategorical pi = DjlCategorical.fromLogits(manager.create(LOGITS));
        double[] product = pi.fisherVectorProduct(new NDList(manager.create(u))).get(0).toDoubleArray();
        for (int b = 0; b < LOGITS.length; b++) {
            double[] p = Categorical.ofLogits(LOGITS[b]).probs();
            // H of ℓ ↦ KL(p ‖ softmax(ℓ)) at ℓ = LOGITS[b], by second differences of the double closed form.
            double[][] hessian = FiniteDifferences.hessian(
                    l -> DiscreteDivergences.kl(p, Categorical.ofLogits(l).probs()), LOGITS[b], 1e-4);
            for (int i = 0; i < 4; i++) {
                double expected = 0;
                for (int j = 0; j < 4; j++) {
                    expected += hessian[i][j] * u[b][j];
                }
                assertEquals(expected, product[b * 4 + i], 1e-6, "row " + b + " element " + i);
            }
        }
        // A constant shift of the logits does not change the distribution: M·1 = 0 (third row).
        for (int i = 8; i < 12; i++) {
            assertEquals(0, product[i], 1e-15);
        }
    }

    @Test
    void maskedActionsHaveProbabilityZeroAndLogProbabilityMinusInfinity() {
        boolean[][] allowed = {{true, false, true, true}, {false, true, true, false}, {true, true, true, true}};
        NDArray logits = f32(LOGITS);
        DjlCategorical pi = DjlCategorical.fromLogits(logits, manager.create(allowed));
        float[] probs = pi.probs().toFloatArray();
        assertEquals(0f, probs[1]);
        assertEquals(0f, probs[4]);
        assertEquals(0f, probs[7]);
        float[] logProb = pi.logProb(manager.create(new long[] {1, 0, 3})).toFloatArray();
        assertEquals(Float.NEGATIVE_INFINITY, logProb[0]);
        assertEquals(Float.NEGATIVE_INFINITY, logProb[1]);
        assertTrue(Float.isFinite(logProb[2]));
        // Entropy is that of the renormalised allowed actions (double reference with −∞ logits).
        float[] entropy = pi.entropy().toFloatArray();
        for (int b = 0; b < 3; b++) {
            double[] masked = LOGITS[b].clone();
            for (int k = 0; k < 4; k++) {
                if (!allowed[b][k]) {
                    masked[k] = Double.NEGATIVE_INFINITY;
                }
            }
            assertEquals(Categorical.ofLogits(masked).entropy(), entropy[b], 2e-6);
        }
        // The mode and samples avoid masked actions.
        long[] mode = pi.mode().toLongArray();
        assertTrue(allowed[0][(int) mode[0]] && allowed[1][(int) mode[1]]);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            long[] a = pi.sample(rng).toLongArray();
            for (int b = 0; b < 3; b++) {
                assertTrue(allowed[b][(int) a[b]], "sampled a masked action");
            }
        }
    }

    @Test
    void maskedLogitsGetNoGradientAndKlToAMaskedActionIsInfinite() {
        NDArray logits = manager.create(new double[][] {LOGITS[0]});
        logits.setRequiresGradient(true);
        NDArray mask = manager.create(new boolean[] {true, false, true, true});   // one [K] mask for all rows
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            DjlCategorical pi = DjlCategorical.fromLogits(logits, mask);
            gc.backward(pi.entropy().add(pi.logProb(manager.create(new long[] {2}))).sum());
        }
        double[] g = logits.getGradient().toDoubleArray();
        assertEquals(0.0, g[1]);
        for (double x : g) {
            assertTrue(Double.isFinite(x));
        }
        DjlCategorical unmasked = DjlCategorical.fromLogits(f32(new double[][] {LOGITS[0]}));
        DjlCategorical masked = DjlCategorical.fromLogits(f32(new double[][] {LOGITS[0]}), mask);
        assertEquals(Float.POSITIVE_INFINITY, unmasked.kl(masked).toFloatArray()[0]);
        assertTrue(Float.isFinite(masked.kl(unmasked).toFloatArray()[0]));
        // Fisher products ignore the masked category even for a non-finite u there.
        float[] mu = masked.fisherVectorProduct(new NDList(manager.create(
                new float[][] {{1f, Float.NaN, -1f, 0.5f}}))).get(0).toFloatArray();
        for (float x : mu) {
            assertTrue(Float.isFinite(x));
        }
        assertEquals(0f, mu[1]);
    }

    @Test
    void badMasksAreRejectedByName() {
        NDArray logits = f32(LOGITS);
        assertEquals("allowedMask", assertThrows(InvalidArgumentException.class, () -> DjlCategorical.fromLogits(logits,
                manager.create(new boolean[][] {{true, true, true, true}, {false, false, false, false}, {true, true, true, true}})))
                .argument());
        assertEquals("allowedMask", assertThrows(InvalidArgumentException.class,
                () -> DjlCategorical.fromLogits(logits, manager.create(new boolean[] {true, true}))).argument());
        assertEquals("allowedMask", assertThrows(InvalidArgumentException.class,
                () -> DjlCategorical.fromLogits(logits, manager.create(new float[] {1f, 1f, 1f, 1f}))).argument());
    }

    @Test
    void samplesAreSeededAndFollowTheProbabilities() {
        DjlCategorical pi = DjlCategorical.fromLogits(f32(new double[][] {LOGITS[0], LOGITS[0]}));
        long[] first = pi.sample(new SplittableRandom(42)).toLongArray();
        long[] again = pi.sample(new SplittableRandom(42)).toLongArray();
        assertArrayEquals(first, again);
        double[] p = Categorical.ofLogits(LOGITS[0]).probs();
        int n = 20000;
        int[] counts = new int[4];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < n / 2; i++) {
            for (long a : pi.sample(rng).toLongArray()) {
                counts[(int) a]++;
            }
        }
        for (int k = 0; k < 4; k++) {
            double sd = Math.sqrt(n * p[k] * (1 - p[k]));
            assertEquals(n * p[k], counts[k], 4 * sd, "category " + k);
        }
        assertNotEquals(0, counts[0]);
        assertArrayEquals(new long[] {2, 0, 1}, DjlCategorical.fromLogits(f32(LOGITS)).mode().toLongArray());
    }
}
