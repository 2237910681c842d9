package dev.kl4j.distillation.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.discrete.DiscreteDivergences;
import dev.kl4j.distillation.loss.DistillationLoss.TeacherOutput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every loss against a reference computed row by row in double precision with the core's
 * {@link DiscreteDivergences} (softmax written out in the test), gradients against central finite
 * differences, and the properties the issue asks for (T² scaling, zero at agreement, masks, GJSD limits,
 * large logits, argument checks).
 */
class DistillationLossesTest {
    private static final int ROWS = 5;
    private static final int CLASSES = 7;

    private NDManager manager;
    private double[][] student;
    private double[][] teacher;
    private int[] labels;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        SplittableRandom random = new SplittableRandom(7);
        student = new double[ROWS][CLASSES];
        teacher = new double[ROWS][CLASSES];
        labels = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < CLASSES; c++) {
                student[r][c] = 2 * gaussian(random);
                teacher[r][c] = 2 * gaussian(random);
            }
            labels[r] = random.nextInt(CLASSES);
        }
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    // ---- the reference, in double, with the core's double[] divergences ----

    private static double[] softmax(double[] z, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v / temperature);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] / temperature - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[] mix(double w, double[] a, double[] b) {
        double[] m = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            m[i] = w * a[i] + (1 - w) * b[i];
        }
        return m;
    }

    private static double crossEntropy(double[] s, int y) {
        return -Math.log(softmax(s, 1)[y]);
    }

    /** DKD's parts in double: binary (p_y, 1 − p_y) and the renormalised non-target distribution. */
    private static double dkd(double[] s, double[] t, int y, double alpha, double beta, double temperature) {
        double[] ps = softmax(s, temperature);
        double[] pt = softmax(t, temperature);
        double tckd = DiscreteDivergences.kl(new double[] {pt[y], 1 - pt[y]}, new double[] {ps[y], 1 - ps[y]});
        double[] rs = new double[s.length - 1];
        double[] rt = new double[s.length - 1];
        for (int c = 0, k = 0; c < s.length; c++) {
            if (c != y) {
                rs[k] = ps[c] / (1 - ps[y]);
                rt[k] = pt[c] / (1 - pt[y]);
                k++;
            }
        }
        double nckd = DiscreteDivergences.kl(rt, rs);
        return crossEntropy(s, y) + temperature * temperature * (alpha * tckd + beta * nckd);
    }

    private interface RowReference {
        double value(double[] s, double[] t, int y);
    }

    private Map<String, DistillationLoss> losses() {
        Map<String, DistillationLoss> m = new LinkedHashMap<>();
        m.put("hinton", DistillationLosses.hinton(3f, 0.75f));
        m.put("fkl", DistillationLosses.forwardKl(2f));
        m.put("rkl", DistillationLosses.reverseKl(1f));
        m.put("gjsd", DistillationLosses.generalizedJsd(0.3f, 1.5f));
        m.put("skl", DistillationLosses.skewKl(0.1f, 1f));
        m.put("srkl", DistillationLosses.skewReverseKl(0.2f, 2f));
        m.put("tv", DistillationLosses.totalVariation(1f));
        m.put("dkd", DistillationLosses.decoupledKd(1f, 8f, 4f));
        m.put("none", DistillationLosses.hardLabels());
        m.put("tv+ce", DistillationLosses.withHardLabels(DistillationLosses.totalVariation(), 0.6f));
        return m;
    }

    private static Map<String, RowReference> references() {
        Map<String, RowReference> m = new LinkedHashMap<>();
        m.put("hinton", (s, t, y) -> 0.75 * 9 * DiscreteDivergences.kl(softmax(t, 3), softmax(s, 3)) + 0.25 * crossEntropy(s, y));
        m.put("fkl", (s, t, y) -> 4 * DiscreteDivergences.kl(softmax(t, 2), softmax(s, 2)));
        m.put("rkl", (s, t, y) -> DiscreteDivergences.kl(softmax(s, 1), softmax(t, 1)));
        m.put("gjsd", (s, t, y) -> {
            double[] p = softmax(t, 1.5);
            double[] q = softmax(s, 1.5);
            double[] mix = mix(0.3, p, q);
            return 2.25 * (0.3 * DiscreteDivergences.kl(p, mix) + 0.7 * DiscreteDivergences.kl(q, mix));
        });
        m.put("skl", (s, t, y) -> {
            double[] p = softmax(t, 1);
            return DiscreteDivergences.kl(p, mix(0.1, p, softmax(s, 1)));
        });
        m.put("srkl", (s, t, y) -> {
            double[] p = softmax(t, 2);
            double[] q = softmax(s, 2);
            return 4 * DiscreteDivergences.kl(q, mix(0.8, p, q));
        });
        m.put("tv", (s, t, y) -> DiscreteDivergences.tv(softmax(t, 1), softmax(s, 1)));
        m.put("dkd", (s, t, y) -> dkd(s, t, y, 1, 8, 4));
        m.put("none", (s, t, y) -> crossEntropy(s, y));
        m.put("tv+ce", (s, t, y) -> 0.6 * DiscreteDivergences.tv(softmax(t, 1), softmax(s, 1)) + 0.4 * crossEntropy(s, y));
        return m;
    }

    private NDArray labelArray() {
        long[] y = new long[ROWS];
        for (int r = 0; r < ROWS; r++) {
            y[r] = labels[r];
        }
        return manager.create(y);
    }

    @Test
    void everyLossMatchesTheDoubleReference() {
        Map<String, RowReference> references = references();
        for (Map.Entry<String, DistillationLoss> entry : losses().entrySet()) {
            RowReference reference = references.get(entry.getKey());
            double expected = 0;
            for (int r = 0; r < ROWS; r++) {
                expected += reference.value(student[r], teacher[r], labels[r]) / ROWS;
            }
            // 1e-7: weights such as beta = 0.3f and their logarithms are float constants even on float64 data.
            double in64 = entry.getValue().compute(manager.create(student), manager.create(teacher), labelArray(), null).getDouble();
            assertEquals(expected, in64, 1e-7 * Math.max(1, Math.abs(expected)), entry.getKey() + " float64");
            float in32 = entry.getValue().compute(manager.create(student).toType(DataType.FLOAT32, false),
                    manager.create(teacher).toType(DataType.FLOAT32, false), labelArray(), null).getFloat();
            assertEquals(expected, in32, 2e-5 * Math.max(1, Math.abs(expected)), entry.getKey() + " float32");
        }
    }

    @Test
    void evaluateReadsTrainerStyleListsAndTeacherProbabilities() {
        NDArray s = manager.create(student);
        NDArray t = manager.create(teacher);
        double direct = DistillationLosses.hinton(3f, 0.75f).compute(s, t, labelArray(), null).getDouble();
        double viaEvaluate = DistillationLosses.hinton(3f, 0.75f).evaluate(new NDList(labelArray(), t), new NDList(s)).getDouble();
        assertEquals(direct, viaEvaluate, 0);
        double fromProbabilities = new HintonLoss(3f, 0.75f, TeacherOutput.PROBABILITIES)
                .compute(s, t.softmax(-1), labelArray(), null).getDouble();
        assertEquals(direct, fromProbabilities, 1e-12);
    }

    @Test
    void gradientsMatchCentralFiniteDifferences() {
        for (Map.Entry<String, DistillationLoss> entry : losses().entrySet()) {
            DistillationLoss loss = entry.getValue();
            NDArray s = manager.create(student);
            NDArray t = manager.create(teacher);
            NDArray y = labelArray();
            assertGradientMatchesFiniteDifferences(entry.getKey(), loss, gradient(loss, s, t, y, null), t, y);
        }
    }

    /** Autograd's ∂L/∂s against central differences (step 1e-6, tolerance 1e-6) at the shared student logits. */
    private void assertGradientMatchesFiniteDifferences(String name, DistillationLoss loss, double[] gradient, NDArray t,
            NDArray y) {
        double h = 1e-6;
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < CLASSES; c++) {
                double[][] up = copy(student);
                double[][] down = copy(student);
                up[r][c] += h;
                down[r][c] -= h;
                double fd = (loss.compute(manager.create(up), t, y, null).getDouble()
                        - loss.compute(manager.create(down), t, y, null).getDouble()) / (2 * h);
                assertTrue(Double.isFinite(gradient[r * CLASSES + c]), name + " finite d/ds[" + r + "][" + c + "]");
                assertEquals(fd, gradient[r * CLASSES + c], 1e-6, name + " d/ds[" + r + "][" + c + "]");
            }
        }
    }

    private static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }

    /**
     * ∂L/∂s by autograd, flattened. The loss sees s·1, not s, because a model's logits are not leaves of
     * the graph (and DJL cannot tell whether a non-leaf array needs a gradient).
     */
    private static double[] gradient(DistillationLoss loss, NDArray s, NDArray t, NDArray y, NDArray mask) {
        s.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray modelOutput = s.mul(s.getManager().ones(new ai.djl.ndarray.types.Shape(), s.getDataType()));
            collector.backward(loss.compute(modelOutput, t, y, mask));
        }
        return s.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
    }

    @Test
    void hintonTemperatureSquaredKeepsTheSoftGradientSize() {
        // With α = 1 only the soft term remains. Without T² its gradient would shrink like 1/T
        // (a factor 8 from T = 2 to T = 16); with T² the norm stays within a small factor.
        double[] norms = new double[4];
        float[] temperatures = {2f, 4f, 8f, 16f};
        for (int i = 0; i < temperatures.length; i++) {
            double[] g = gradient(DistillationLosses.hinton(temperatures[i], 1f),
                    manager.create(student), manager.create(teacher), labelArray(), null);
            double sum = 0;
            for (double v : g) {
                sum += v * v;
            }
            norms[i] = Math.sqrt(sum);
        }
        for (int i = 1; i < norms.length; i++) {
            double ratio = norms[i] / norms[0];
            assertTrue(ratio > 0.5 && ratio < 2, "gradient norm at T=" + temperatures[i] + " / at T=2 = " + ratio);
        }
        assertEquals(1, norms[3] / norms[2], 0.1, "large-T limit: T=16 vs T=8");
    }

    @Test
    void everyDivergenceIsZeroWhenStudentEqualsTeacher() {
        Map<String, DistillationLoss> divergences = new LinkedHashMap<>();
        divergences.put("hinton α=1", DistillationLosses.hinton(4f, 1f));
        divergences.put("fkl", DistillationLosses.forwardKl(2f));
        divergences.put("rkl", DistillationLosses.reverseKl());
        divergences.put("gjsd", DistillationLosses.generalizedJsd(0.3f, 1f));
        divergences.put("skl", DistillationLosses.skewKl());
        divergences.put("srkl", DistillationLosses.skewReverseKl());
        divergences.put("tv", DistillationLosses.totalVariation());
        divergences.put("dkd without CE", new DecoupledKdLoss(1f, 8f, 4f, 0f, TeacherOutput.LOGITS));
        for (Map.Entry<String, DistillationLoss> entry : divergences.entrySet()) {
            NDArray s = manager.create(teacher);
            double value = entry.getValue().compute(s, manager.create(teacher), labelArray(), null).getDouble();
            assertEquals(0, value, 1e-12, entry.getKey());
            double[] g = gradient(entry.getValue(), s, manager.create(teacher), labelArray(), null);
            for (double v : g) {
                assertEquals(0, v, 1e-9, entry.getKey() + " gradient");
            }
        }
    }

    @Test
    void masksIgnorePaddedPositionsInValueAndGradient() {
        // [B=2, T=3, C]; positions (0,2) and (1,1), (1,2) are padding and hold garbage, even NaN.
        boolean[] keep = {true, true, false, true, false, false};
        double[][][] s = new double[2][3][];
        double[][][] t = new double[2][3][];
        long[][] y = new long[2][3];
        for (int i = 0; i < 6; i++) {
            s[i / 3][i % 3] = keep[i] ? student[i % ROWS].clone() : filled(Double.NaN);
            t[i / 3][i % 3] = keep[i] ? teacher[i % ROWS].clone() : filled(1e30);
            y[i / 3][i % 3] = keep[i] ? labels[i % ROWS] : 99;   // out of range where padded
        }
        NDArray mask = manager.create(keep, new Shape(2, 3));
        Map<String, RowReference> references = references();
        for (Map.Entry<String, DistillationLoss> entry : losses().entrySet()) {
            NDArray studentArray = manager.create(flatten(s), new Shape(2, 3, CLASSES));
            NDArray teacherArray = manager.create(flatten(t), new Shape(2, 3, CLASSES));
            NDArray labelArray = manager.create(new long[] {y[0][0], y[0][1], y[0][2], y[1][0], y[1][1], y[1][2]}, new Shape(2, 3));
            double expected = 0;
            for (int i = 0; i < 6; i++) {
                if (keep[i]) {
                    expected += references.get(entry.getKey()).value(student[i % ROWS], teacher[i % ROWS], labels[i % ROWS]) / 3;
                }
            }
            double value = entry.getValue().compute(studentArray, teacherArray, labelArray, mask).getDouble();
            assertEquals(expected, value, 1e-7 * Math.max(1, Math.abs(expected)), entry.getKey());
            double[] g = gradient(entry.getValue(), studentArray, teacherArray, labelArray, mask);
            for (int i = 0; i < 6; i++) {
                for (int c = 0; c < CLASSES; c++) {
                    double v = g[i * CLASSES + c];
                    if (keep[i]) {
                        assertTrue(Double.isFinite(v), entry.getKey() + " gradient at a kept position");
                    } else {
                        assertEquals(0.0, v, 0.0, entry.getKey() + " gradient at a padded position");
                    }
                }
            }
            // Numeric masks (1 = keep) mean the same.
            NDArray numericMask = mask.toType(DataType.FLOAT32, false);
            assertEquals(value, entry.getValue().compute(studentArray, teacherArray, labelArray, numericMask).getDouble(), 0);
        }
    }

    private static double[] filled(double v) {
        double[] x = new double[CLASSES];
        java.util.Arrays.fill(x, v);
        return x;
    }

    private static double[] flatten(double[][][] x) {
        double[] flat = new double[6 * CLASSES];
        for (int i = 0; i < 6; i++) {
            System.arraycopy(x[i / 3][i % 3], 0, flat, i * CLASSES, CLASSES);
        }
        return flat;
    }

    @Test
    void generalizedJsdTendsToTheKlsAtItsLimits() {
        NDArray s = manager.create(student);
        NDArray t = manager.create(teacher);
        double forward = DistillationLosses.forwardKl().compute(s, t, null, null).getDouble();
        double reverse = DistillationLosses.reverseKl().compute(s, t, null, null).getDouble();
        double previousGap = Double.POSITIVE_INFINITY;
        for (float beta : new float[] {1e-1f, 1e-2f, 1e-3f, 1e-4f}) {
            double nearZero = DistillationLosses.generalizedJsd(beta, 1f).compute(s, t, null, null).getDouble() / beta;
            double nearOne = DistillationLosses.generalizedJsd(1f - beta, 1f).compute(s, t, null, null).getDouble() / beta;
            double gap = Math.max(Math.abs(nearZero - forward) / forward, Math.abs(nearOne - reverse) / reverse);
            assertTrue(gap < previousGap, "the rescaled GJSD approaches the KLs as beta -> 0 and 1");
            previousGap = gap;
        }
        assertTrue(previousGap < 2e-3, "at beta = 1e-4 the rescaled GJSD is within 0.2% of the KLs: " + previousGap);
        // The end points are the KLs themselves (TRL's convention).
        assertEquals(forward, DistillationLosses.generalizedJsd(0f, 1f).compute(s, t, null, null).getDouble(), 1e-12);
        assertEquals(reverse, DistillationLosses.generalizedJsd(1f, 1f).compute(s, t, null, null).getDouble(), 1e-12);
    }

    @Test
    void logitsOfMagnitude1e4GiveFiniteLossesAndGradients() {
        SplittableRandom random = new SplittableRandom(3);
        float[] s = new float[ROWS * CLASSES];
        float[] t = new float[ROWS * CLASSES];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (1e4 * gaussian(random));
            t[i] = (float) (1e4 * gaussian(random));
        }
        for (Map.Entry<String, DistillationLoss> entry : losses().entrySet()) {
            NDArray studentArray = manager.create(s, new Shape(ROWS, CLASSES));
            NDArray teacherArray = manager.create(t, new Shape(ROWS, CLASSES));
            NDArray labelArray = labelArray();
            studentArray.setRequiresGradient(true);
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = entry.getValue().compute(studentArray, teacherArray, labelArray, null);
                value = loss.getFloat();
                collector.backward(loss);
            }
            assertTrue(Float.isFinite(value) && value >= 0, entry.getKey() + " value " + value);
            for (float g : studentArray.getGradient().toFloatArray()) {
                assertTrue(Float.isFinite(g), entry.getKey() + " gradient " + g);
            }
        }
    }

    @Test
    void decoupledKdWithZeroTeacherProbabilitiesMatchesTheReference() {
        // Teacher probabilities with exact zeros (ln 0 = −∞): at a non-target class in every row and at the
        // target itself in row 0. Their terms are 0 (0·ln 0 = 0): value as the double reference, gradients
        // finite and equal to finite differences.
        double[][] probabilities = new double[ROWS][];
        double[][] logProbabilities = new double[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            double[] p = softmax(teacher[r], 1);
            p[(labels[r] + 1) % CLASSES] = 0;
            if (r == 0) {
                p[labels[r]] = 0;
            }
            double sum = java.util.Arrays.stream(p).sum();
            logProbabilities[r] = new double[CLASSES];
            for (int c = 0; c < CLASSES; c++) {
                p[c] /= sum;
                logProbabilities[r][c] = Math.log(p[c]);
            }
            probabilities[r] = p;
        }
        DecoupledKdLoss loss = new DecoupledKdLoss(1f, 8f, 4f, 1f, TeacherOutput.PROBABILITIES);
        double expected = 0;
        for (int r = 0; r < ROWS; r++) {
            expected += dkd(student[r], logProbabilities[r], labels[r], 1, 8, 4) / ROWS;
        }
        NDArray t = manager.create(probabilities);
        NDArray y = labelArray();
        double value = loss.compute(manager.create(student), t, y, null).getDouble();
        assertEquals(expected, value, 1e-7 * Math.max(1, Math.abs(expected)));
        assertGradientMatchesFiniteDifferences("dkd", loss, gradient(loss, manager.create(student), t, y, null), t, y);
    }

    @Test
    void badArgumentsAreRejectedNamingTheArgument() {
        assertEquals("temperature", assertThrows(InvalidArgumentException.class, () -> DistillationLosses.hinton(0f, 0.5f)).argument());
        assertEquals("temperature", assertThrows(InvalidArgumentException.class, () -> DistillationLosses.forwardKl(-1f)).argument());
        assertEquals("temperature", assertThrows(InvalidArgumentException.class, () -> DistillationLosses.reverseKl(Float.NaN)).argument());
        assertEquals("alpha", assertThrows(InvalidArgumentException.class, () -> DistillationLosses.hinton(4f, 1.5f)).argument());
        assertEquals("beta", assertThrows(InvalidArgumentException.class, () -> DistillationLosses.generalizedJsd(-0.1f, 1f)).argument());
        assertEquals("skew", assertThrows(InvalidArgumentException.class, () -> DistillationLosses.skewKl(1f, 1f)).argument());
        assertEquals("beta", assertThrows(InvalidArgumentException.class, () -> DistillationLosses.decoupledKd(1f, -8f, 4f)).argument());
        assertEquals("alpha", assertThrows(InvalidArgumentException.class,
                () -> DistillationLosses.withHardLabels(DistillationLosses.forwardKl(), Float.NaN)).argument());

        NDArray s = manager.create(student);
        NDArray t = manager.create(teacher);
        NDArray y = labelArray();
        HintonLoss hinton = DistillationLosses.hinton();
        assertEquals("teacherLogits", assertThrows(InvalidArgumentException.class,
                () -> hinton.compute(s, t.get(":, :6"), y, null)).argument());
        assertEquals("teacherProbabilities", assertThrows(InvalidArgumentException.class,
                () -> new ForwardKlLoss(1f, TeacherOutput.PROBABILITIES).compute(s, t.get(":4"), y, null)).argument());
        assertEquals("hardLabels", assertThrows(InvalidArgumentException.class, () -> hinton.compute(s, t, null, null)).argument());
        assertEquals("hardLabels", assertThrows(InvalidArgumentException.class, () -> hinton.compute(s, t, y.get(":3"), null)).argument());
        assertEquals("mask", assertThrows(InvalidArgumentException.class,
                () -> hinton.compute(s, t, y, manager.ones(new Shape(ROWS, 2)))).argument());
        assertEquals("studentLogits", assertThrows(InvalidArgumentException.class,
                () -> hinton.compute(s.flatten(), t.flatten(), y, null)).argument());
        assertEquals("labels", assertThrows(InvalidArgumentException.class,
                () -> hinton.evaluate(new NDList(t), new NDList(s))).argument());
        // A pure divergence needs no hard labels.
        assertTrue(DistillationLosses.forwardKl().compute(s, t, null, null).getDouble() > 0);
    }
}
