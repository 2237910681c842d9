package dev.kl4j.ppo.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ConjugateGradientTest {

    /** A = MᵀM + I for a seeded Gaussian M: symmetric positive-definite. */
    private static double[][] spdMatrix(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] m = new double[n][n];
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += m[k][i] * m[k][j];
                }
            }
            a[i][i] += 1;
        }
        return a;
    }

    private static UnaryOperator<double[]> times(double[][] a) {
        return v -> {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                for (int j = 0; j < v.length; j++) {
                    out[i] += a[i][j] * v[j];
                }
            }
            return out;
        };
    }

    @Test
    void solvesAKnownSpdSystemWithinNIterations() {
        int n = 6;
        double[][] a = spdMatrix(n, 1);
        double[] expected = {1.0, -2.0, 0.5, 3.0, 0.0, -1.5};
        double[] b = times(a).apply(expected);
        ConjugateGradient.Result result = ConjugateGradient.solve(times(a), b, 10, 1e-20);
        assertTrue(result.iterations() <= n + 1, "iterations " + result.iterations());
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], result.x()[i], 1e-9);
        }
        double[] residual = times(a).apply(result.x());
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm += (b[i] - residual[i]) * (b[i] - residual[i]);
        }
        assertEquals(Math.sqrt(norm), result.residualNorm(), 1e-8);
    }

    @Test
    void aDiagonalSystemWithKDistinctEigenvaluesTakesKIterations() {
        // CG converges in as many iterations as A has distinct eigenvalues (Nocedal & Wright, Thm 5.4).
        double[] diagonal = {2, 2, 5, 5, 5, 9};
        UnaryOperator<double[]> a = v -> {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = diagonal[i] * v[i];
            }
            return out;
        };
        double[] b = {1, 2, 3, 4, 5, 6};
        ConjugateGradient.Result result = ConjugateGradient.solve(a, b);
        assertEquals(3, result.iterations());
        for (int i = 0; i < b.length; i++) {
            assertEquals(b[i] / diagonal[i], result.x()[i], 1e-12);
        }
    }

    @Test
    void stopsAtTheIterationLimitAndTheTolerance() {
        double[][] a = spdMatrix(30, 2);
        double[] b = new double[30];
        b[0] = 1;
        assertEquals(ConjugateGradient.DEFAULT_MAX_ITERATIONS, ConjugateGradient.solve(times(a), b).iterations());
        assertEquals(0, ConjugateGradient.solve(times(a), b, 5, 2.0).iterations());   // rᵀr = 1 < 2 at once
    }

    @Test
    void rejectsAnIndefiniteOperatorAndBadArguments() {
        UnaryOperator<double[]> negative = v -> new double[] {-v[0]};
        assertEquals("a", assertThrows(InvalidArgumentException.class,
                () -> ConjugateGradient.solve(negative, new double[] {1})).argument());
        assertEquals("maxIterations", assertThrows(InvalidArgumentException.class,
                () -> ConjugateGradient.solve(negative, new double[] {1}, 0, 0)).argument());
        assertEquals("b", assertThrows(InvalidArgumentException.class,
                () -> ConjugateGradient.solve(negative, new double[] {Double.NaN})).argument());
    }
}
