package dev.kl4j.core.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.DiagNormal;
import dev.kl4j.core.kl.GaussianKl;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DjlDiagNormalTest {
    private static final double[][] MEAN = {{0.5, -1.0}, {0.0, 2.0}, {-0.3, 0.1}};
    private static final double[] SHARED_LOG_STD = {-0.4, 0.3};
    private static final double[][] LOG_STD = {{-0.4, 0.3}, {0.2, -1.1}, {0.0, 0.7}};
    private static final double[][] ACTIONS = {{0.9, -0.2}, {-1.0, 2.5}, {0.0, 0.0}};

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

    static double[] exp(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.exp(x[i]);
        }
        return y;
    }

    @Test
    void logProbAndEntropyMatchTheDoubleDiagNormalForSharedAndPerRowLogStd() {
        for (boolean shared : new boolean[] {true, false}) {
            NDArray logStd = shared ? manager.create(SHARED_LOG_STD).toType(DataType.FLOAT32, false) : f32(LOG_STD);
            DjlDiagNormal pi = DjlDiagNormal.fromLogStd(f32(MEAN), logStd);
            float[] logProb = pi.logProb(f32(ACTIONS)).toFloatArray();
            float[] entropy = pi.entropy().toFloatArray();
            assertEquals(3, logProb.length);
            assertEquals(3, entropy.length);
            for (int b = 0; b < 3; b++) {
                DiagNormal reference = DiagNormal.of(MEAN[b], exp(shared ? SHARED_LOG_STD : LOG_STD[b]));
                assertEquals(reference.logProb(ACTIONS[b]), logProb[b], 2e-6, "row " + b);
                assertEquals(reference.entropy(), entropy[b], 2e-6, "row " + b);
            }
        }
    }

    @Test
    void float64KeepsDoublePrecision() {
        DjlDiagNormal pi = DjlDiagNormal.fromLogStd(manager.create(MEAN), manager.create(SHARED_LOG_STD));
        double[] logProb = pi.logProb(manager.create(ACTIONS)).toDoubleArray();
        double[] entropy = pi.entropy().toDoubleArray();
        for (int b = 0; b < 3; b++) {
            DiagNormal reference = DiagNormal.of(MEAN[b], exp(SHARED_LOG_STD));
            assertEquals(reference.logProb(ACTIONS[b]), logProb[b], 1e-13, "row " + b);
            assertEquals(reference.entropy(), entropy[b], 1e-13, "row " + b);
        }
    }

    @Test
    void klMatchesTheDoubleClosedForm() {
        NDArray otherMean = f32(ACTIONS);
        DjlDiagNormal p = DjlDiagNormal.fromLogStd(f32(MEAN), manager.create(SHARED_LOG_STD).toType(DataType.FLOAT32, false));
        DjlDiagNormal q = DjlDiagNormal.fromLogStd(otherMean, f32(LOG_STD));
        float[] kl = p.kl(q).toFloatArray();
        for (int b = 0; b < 3; b++) {
            double expected = GaussianKl.diagonal(MEAN[b], exp(SHARED_LOG_STD), ACTIONS[b], exp(LOG_STD[b]));
            assertEquals(expected, kl[b], 1e-5 * expected + 1e-6, "row " + b);
        }
        assertEquals("other", assertThrows(InvalidArgumentException.class,
                () -> p.kl(DjlCategorical.fromLogits(f32(MEAN)))).argument());
    }

    @Test
    void gradientsWithASharedLogStdMatchFiniteDifferences() {
        NDArray mean = manager.create(MEAN);
        NDArray logStd = manager.create(SHARED_LOG_STD);
        mean.setRequiresGradient(true);
        logStd.setRequiresGradient(true);
        double[] weights = {1.0, -0.5, 2.0};
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            DjlDiagNormal pi = DjlDiagNormal.fromLogStd(mean, logStd);
            NDArray loss = pi.logProb(manager.create(ACTIONS)).mul(manager.create(weights)).sum()
                    .add(pi.entropy().sum());
            gc.backward(loss);
        }
        double[] gMean = mean.getGradient().toDoubleArray();
        double[] gLogStd = logStd.getGradient().toDoubleArray();
        // Reference: the same objective with the double DiagNormal, differentiated numerically.
        double[] numericMean = FiniteDifferences.gradient(m -> objective(m, SHARED_LOG_STD, weights), MEAN, 1e-6);
        double[] numericLogStd = FiniteDifferences.gradient(s -> objective(MEAN, s, weights), SHARED_LOG_STD, 1e-6);
        assertArrayEquals(numericMean, gMean, 1e-8);
        assertArrayEquals(numericLogStd, gLogStd, 1e-8);
    }

    private static double objective(double[][] mean, double[] logStd, double[] weights) {
        double sum = 0;
        for (int b = 0; b < mean.length; b++) {
            DiagNormal d = DiagNormal.of(mean[b], exp(logStd));
            sum += weights[b] * d.logProb(ACTIONS[b]) + d.entropy();
        }
        return sum;
    }

    @Test
    void fisherProductEqualsTheFiniteDifferenceHessianOfTheKl() {
        double[][] uMean = {{1.0, -2.0}, {0.5, 0.5}, {0.0, 1.0}};
        double[][] uLogStd = {{0.3, 0.1}, {-1.0, 2.0}, {0.7, -0.2}};
        DjlDiagNormal pi = DjlDiagNormal.fromLogStd(manager.create(MEAN), manager.create(LOG_STD));
        NDList product = pi.fisherVectorProduct(new NDList(manager.create(uMean), manager.create(uLogStd)));
        double[] onMean = product.get(0).toDoubleArray();
        double[] onLogStd = product.get(1).toDoubleArray();
        for (int b = 0; b < 3; b++) {
            int row = b;
            // x = (μ, ln σ) of the second argument; H of x ↦ KL(N(μ_b, σ_b) ‖ N(x)) at x = (μ_b, ln σ_b).
            double[] x = {MEAN[b][0], MEAN[b][1], LOG_STD[b][0], LOG_STD[b][1]};
            double[][] h = FiniteDifferences.hessian(y -> GaussianKl.diagonal(MEAN[row], exp(LOG_STD[row]),
                    new double[] {y[0], y[1]}, exp(new double[] {y[2], y[3]})), x, 1e-4);
            double[] u = {uMean[b][0], uMean[b][1], uLogStd[b][0], uLogStd[b][1]};
            for (int i = 0; i < 4; i++) {
                double expected = 0;
                for (int j = 0; j < 4; j++) {
                    expected += h[i][j] * u[j];
                }
                double actual = i < 2 ? onMean[b * 2 + i] : onLogStd[b * 2 + i - 2];
                assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), "row " + b + " element " + i);
            }
        }
    }

    @Test
    void parametersBroadcastASharedLogStd() {
        DjlDiagNormal pi = DjlDiagNormal.fromLogStd(f32(MEAN), manager.create(SHARED_LOG_STD).toType(DataType.FLOAT32, false));
        NDList parameters = pi.parameters();
        assertEquals(new Shape(3, 2), parameters.get(0).getShape());
        assertEquals(new Shape(3, 2), parameters.get(1).getShape());
        assertArrayEquals(new float[] {-0.4f, 0.3f, -0.4f, 0.3f, -0.4f, 0.3f}, parameters.get(1).toFloatArray());
        assertEquals("logStd", assertThrows(InvalidArgumentException.class,
                () -> DjlDiagNormal.fromLogStd(f32(MEAN), manager.create(new float[] {0f, 0f, 0f}))).argument());
        assertEquals("actions", assertThrows(InvalidArgumentException.class,
                () -> pi.logProb(manager.create(new float[] {0f, 0f}))).argument());
    }

    @Test
    void samplesAreSeededWithTheRightMomentsAndTheModeIsTheMean() {
        int rows = 4000;
        double[][] mean = new double[rows][];
        for (int b = 0; b < rows; b++) {
            mean[b] = new double[] {1.5, -2.0};
        }
        DjlDiagNormal pi = DjlDiagNormal.fromLogStd(f32(mean), manager.create(new float[] {-1f, 0.5f}));
        float[] a = pi.sample(new SplittableRandom(11)).toFloatArray();
        assertArrayEquals(a, pi.sample(new SplittableRandom(11)).toFloatArray());
        double[] sigma = {Math.exp(-1), Math.exp(0.5)};
        double[] expectedMean = {1.5, -2.0};
        for (int i = 0; i < 2; i++) {
            double sum = 0;
            double sumSquares = 0;
            for (int b = 0; b < rows; b++) {
                double x = a[b * 2 + i];
                sum += x;
                sumSquares += x * x;
            }
            double m = sum / rows;
            double variance = sumSquares / rows - m * m;
            assertEquals(expectedMean[i], m, 4 * sigma[i] / Math.sqrt(rows));
            // sd of the sample variance ≈ σ² √(2/n)
            assertEquals(sigma[i] * sigma[i], variance, 4 * sigma[i] * sigma[i] * Math.sqrt(2.0 / rows));
        }
        assertArrayEquals(f32(MEAN).toFloatArray(), DjlDiagNormal.fromLogStd(f32(MEAN), f32(LOG_STD)).mode().toFloatArray());
    }
}
