package dev.kl4j.core.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class DjlGaussianKlTest {

    @Test
    void standardNormalTermMatchesHandComputedValue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // μ = 1, σ² = e: ½(1 + e − 1 − 1) = (e − 1)/2
            NDArray mu = manager.create(new float[] {1f, 0f});
            NDArray logVar = manager.create(new float[] {1f, 0f});
            float[] kl = DjlGaussianKl.toStandardNormalPerDimension(mu, logVar).toFloatArray();
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
            float[] a = DjlGaussianKl.diagonal(mu, logVar, zeros, zeros).toFloatArray();
            float[] b = DjlGaussianKl.toStandardNormal(mu, logVar).toFloatArray();
            assertEquals(2, a.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-5);
            }
        }
    }
}
