package dev.kl4j.examples.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PcaTest {

    @Test
    void jacobiFindsKnownEigenpairs() {
        // [[2, 1], [1, 2]] has eigenvalues 3 (vector (1, 1)/√2) and 1 (vector (1, −1)/√2)
        double[][] a = {{2, 1}, {1, 2}};
        double[][] v = new double[2][2];
        double[] values = Pca.jacobiEigen(a, v);
        int big = values[0] > values[1] ? 0 : 1;
        assertEquals(3, values[big], 1e-12);
        assertEquals(1, values[1 - big], 1e-12);
        assertEquals(1, Math.abs(v[0][big] + v[1][big]) / Math.sqrt(2), 1e-12);
    }

    @Test
    void projectionRecoversTheDominantDirection() {
        // points along (3, 4)/5 with small spread along (−4, 3)/5, in 3-D with a constant third coordinate
        int n = 48; // t symmetric around 0 and s a function of |t|: t and s uncorrelated, both mean 0
        float[] data = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double t = i - 23.5;
            double s = ((int) Math.abs(t)) % 2 == 0 ? 0.1 : -0.1;
            data[3 * i] = (float) (0.6 * t - 0.8 * s + 1);
            data[3 * i + 1] = (float) (0.8 * t + 0.6 * s - 2);
            data[3 * i + 2] = 5f;
        }
        double[] p = Pca.project(data, n, 3, 2);
        for (int i = 0; i < n; i++) {
            double t = i - 23.5;
            assertEquals(Math.abs(t), Math.abs(p[2 * i]), 1e-4);          // first component = t up to sign
            assertEquals(0.1, Math.abs(p[2 * i + 1]), 1e-4);               // second = ±0.1
        }
    }
}
