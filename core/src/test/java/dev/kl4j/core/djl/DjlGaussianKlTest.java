package dev.kl4j.core.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.kl.GaussianKl;
import org.junit.jupiter.api.Test;

class DjlGaussianKlTest {

    @Test
    void standardNormalTermMatchesHandComputedValue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // μ = 1, σ² = e: ½(1 + e − 1 − 1) = (e − 1)/2
            NDArray mu = manager.create(new float[] {1f, 0f});
            NDArray logVar = manager.create(new float[] {1f, 0f});
            float[] kl = DjlGaussianKl.toStandardNormalFromLogVarPerDimension(mu, logVar).toFloatArray();
            assertEquals((Math.E - 1) / 2, kl[0], 1e-6);
            assertEquals(0.0, kl[1], 1e-7);
        }
    }

    @Test
    void diagonalAgainstStandardNormalEqualsToStandardNormal() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mu = manager.create(new float[][] {{0.3f, -1.2f, 2f}, {0f, 0.5f, -0.1f}});
            NDArray logVar = manager.create(new float[][] {{-0.7f, 0.4f, 1.1f}, {0f, -2f, 0.3f}});
            NDArray zeros = manager.zeros(mu.getShape());
            float[] a = DjlGaussianKl.diagonalFromLogVar(mu, logVar, zeros, zeros).toFloatArray();
            float[] b = DjlGaussianKl.toStandardNormalFromLogVar(mu, logVar).toFloatArray();
            assertEquals(2, a.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-5);
            }
        }
    }

    @Test
    void diagonalValueAndGradientMatchHandComputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // μp = 0.5, vp = 2, μq = −1, vq = 0.5:
            // KL = ½[ln 0.5 − ln 2 + (2 + 1.5²)/0.5 − 1] = ½(8.5 − 1 − 2 ln 2)
            // ∂/∂μp = (μp − μq)/vq = 3, ∂/∂ln vp = ½(vp/vq − 1) = 1.5,
            // ∂/∂μq = −3, ∂/∂ln vq = ½(1 − (vp + (μp − μq)²)/vq) = ½(1 − 8.5) = −3.75
            NDArray muP = manager.create(new double[] {0.5});
            NDArray logVarP = manager.create(new double[] {Math.log(2)});
            NDArray muQ = manager.create(new double[] {-1});
            NDArray logVarQ = manager.create(new double[] {Math.log(0.5)});
            for (NDArray x : new NDArray[] {muP, logVarP, muQ, logVarQ}) {
                x.setRequiresGradient(true);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray kl = DjlGaussianKl.diagonalFromLogVar(muP, logVarP, muQ, logVarQ);
                assertEquals(0.5 * (7.5 - 2 * Math.log(2)), kl.getDouble(), 1e-12);
                gc.backward(kl);
            }
            assertEquals(3.0, muP.getGradient().getDouble(0), 1e-12);
            assertEquals(1.5, logVarP.getGradient().getDouble(0), 1e-12);
            assertEquals(-3.0, muQ.getGradient().getDouble(0), 1e-12);
            assertEquals(-3.75, logVarQ.getGradient().getDouble(0), 1e-12);
        }
    }

    @Test
    void float32StaysFloat32AndShapesAreChecked() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mu = manager.create(new float[][] {{0.1f, 0.2f}});
            NDArray logVar = manager.create(new float[][] {{0.3f, -0.4f}});
            assertEquals(DataType.FLOAT32, DjlGaussianKl.toStandardNormalFromLogVar(mu, logVar).getDataType());
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> DjlGaussianKl.toStandardNormalFromLogVar(mu, manager.create(new float[] {1f})));
            assertEquals("logVar", e.argument());
        }
    }

    @Test
    void sharedLogStdBroadcastsAgainstBatchedMeansWithTheRightGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[][] muP = {{0.5, -1.0}, {0.0, 2.0}, {-0.3, 0.1}};
            double[][] muQ = {{0.2, 0.0}, {1.0, 1.5}, {-0.3, -0.4}};
            double[] logStdP = {-0.4, 0.3};
            double[] logStdQ = {0.1, -0.2};
            NDArray muPArray = manager.create(muP);
            NDArray logStdPArray = manager.create(logStdP);
            NDArray muQArray = manager.create(muQ);
            NDArray logStdQArray = manager.create(logStdQ);
            for (NDArray x : new NDArray[] {muPArray, logStdPArray, muQArray, logStdQArray}) {
                x.setRequiresGradient(true);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray kl = DjlGaussianKl.diagonalFromLogStd(muPArray, logStdPArray, muQArray, logStdQArray);
                assertEquals(new ai.djl.ndarray.types.Shape(3), kl.getShape());
                double[] values = kl.toDoubleArray();
                for (int b = 0; b < 3; b++) {
                    assertEquals(GaussianKl.diagonal(muP[b], DjlDiagNormalTest.exp(logStdP), muQ[b], DjlDiagNormalTest.exp(logStdQ)), values[b], 1e-12);
                }
                gc.backward(kl.sum());
            }
            // ∂/∂ shared log-std = Σ over the batch of the per-row derivatives, here by finite differences
            // of the double closed form summed over rows.
            double[] gP = logStdPArray.getGradient().toDoubleArray();
            double[] gQ = logStdQArray.getGradient().toDoubleArray();
            double[] numericP = FiniteDifferences.gradient(s -> totalKl(muP, s, muQ, logStdQ), logStdP, 1e-6);
            double[] numericQ = FiniteDifferences.gradient(s -> totalKl(muP, logStdP, muQ, s), logStdQ, 1e-6);
            double[] numericMuP = FiniteDifferences.gradient(m -> totalKl(m, logStdP, muQ, logStdQ), muP, 1e-6);
            assertArrayEquals(numericP, gP, 1e-8);
            assertArrayEquals(numericQ, gQ, 1e-8);
            assertArrayEquals(numericMuP, muPArray.getGradient().toDoubleArray(), 1e-8);
        }
    }

    private static double totalKl(double[][] muP, double[] logStdP, double[][] muQ, double[] logStdQ) {
        double sum = 0;
        for (int b = 0; b < muP.length; b++) {
            sum += GaussianKl.diagonal(muP[b], DjlDiagNormalTest.exp(logStdP), muQ[b], DjlDiagNormalTest.exp(logStdQ));
        }
        return sum;
    }

    @Test
    void logVarFormBroadcastsTooAndIncompatibleShapesAreNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mu = manager.create(new float[][] {{0.3f, -1.2f}, {0f, 0.5f}});
            NDArray logVar = manager.create(new float[] {0.4f, -0.6f});
            NDArray zeros = manager.zeros(new ai.djl.ndarray.types.Shape(2));
            float[] broadcast = DjlGaussianKl.diagonalFromLogVar(mu, logVar, zeros, zeros).toFloatArray();
            float[] full = DjlGaussianKl.diagonalFromLogVar(mu, logVar.broadcast(2, 2), manager.zeros(mu.getShape()),
                    manager.zeros(mu.getShape())).toFloatArray();
            assertArrayEquals(full, broadcast, 1e-7f);
            // log-std form = log-var form with ln v = 2 ln σ
            float[] fromLogStd = DjlGaussianKl.diagonalFromLogStd(mu, logVar.div(manager.create(2f)), zeros, zeros)
                    .toFloatArray();
            assertArrayEquals(full, fromLogStd, 1e-6f);
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> DjlGaussianKl.diagonalFromLogStd(mu, manager.create(new float[] {0f, 0f, 0f}), mu, logVar));
            assertEquals("logStdP", e.argument());
            InvalidArgumentException q = assertThrows(InvalidArgumentException.class,
                    () -> DjlGaussianKl.diagonalFromLogVar(mu, logVar, manager.zeros(new ai.djl.ndarray.types.Shape(3, 2)), logVar));
            assertEquals("muQ", q.argument());
        }
    }
}
