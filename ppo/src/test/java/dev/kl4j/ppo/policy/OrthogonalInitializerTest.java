package dev.kl4j.ppo.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrthogonalInitializerTest {

    /** (W Wᵀ)_ij for the rows of a row-major [rows, cols] matrix. */
    private static double rowDot(double[] w, int cols, int i, int j) {
        double s = 0;
        for (int c = 0; c < cols; c++) {
            s += w[i * cols + c] * w[j * cols + c];
        }
        return s;
    }

    private static double columnDot(double[] w, int rows, int cols, int i, int j) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
            s += w[r * cols + i] * w[r * cols + j];
        }
        return s;
    }

    @Test
    void wideMatricesHaveOrthonormalRowsAndTallOnesOrthonormalColumnsTimesTheGain() {
        double gain = Math.sqrt(2);
        double[] wide = OrthogonalInitializer.orthogonal(3, 8, gain, new SplittableRandom(1));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? gain * gain : 0, rowDot(wide, 8, i, j), 1e-12);
            }
        }
        double[] tall = OrthogonalInitializer.orthogonal(64, 4, 0.01, new SplittableRandom(2));
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i == j ? 1e-4 : 0, columnDot(tall, 64, 4, i, j), 1e-15);
            }
        }
    }

    @Test
    void isTheSignCorrectedQFactorOfTheSeededGaussianMatrix() {
        // Redraw G [tall=5, narrow=3] in the initializer's order; R = QᵀG must be upper triangular with
        // a positive diagonal (PyTorch's orthogonal_: Q·sign(diag R)).
        int rows = 5;
        int cols = 3;
        SplittableRandom rng = new SplittableRandom(7);
        double[][] g = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                g[i][j] = rng.nextGaussian();
            }
        }
        double[] q = OrthogonalInitializer.orthogonal(rows, cols, 1, new SplittableRandom(7));
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                double r = 0;
                for (int k = 0; k < rows; k++) {
                    r += q[k * cols + i] * g[k][j];
                }
                if (i > j) {
                    assertEquals(0, r, 1e-12, "R[" + i + "][" + j + "]");
                } else if (i == j) {
                    assertTrue(r > 0, "diag R must be positive");
                }
            }
        }
    }

    @Test
    void sameSeedSameWeightsAndAsADjlInitializer() {
        assertArrayEquals(OrthogonalInitializer.orthogonal(4, 6, 1, new SplittableRandom(3)),
                OrthogonalInitializer.orthogonal(4, 6, 1, new SplittableRandom(3)));
        assertFalse(Arrays.equals(OrthogonalInitializer.orthogonal(4, 6, 1, new SplittableRandom(3)),
                OrthogonalInitializer.orthogonal(4, 6, 1, new SplittableRandom(4))));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = OrthogonalInitializer.of(2, new SplittableRandom(3)).initialize(manager, new Shape(4, 6), DataType.FLOAT32);
            assertEquals(DataType.FLOAT32, w.getDataType());
            double[] expected = OrthogonalInitializer.orthogonal(4, 6, 2, new SplittableRandom(3));
            float[] actual = w.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals((float) expected[i], actual[i]);
            }
        }
        assertEquals("gain", assertThrows(InvalidArgumentException.class,
                () -> OrthogonalInitializer.of(0, new SplittableRandom(1))).argument());
    }
}
