package dev.kl4j.core.djl;

import java.util.function.ToDoubleFunction;

/** Central finite differences in double precision, the independent reference for DJL gradients. */
final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** ∂f/∂x_ij, row-major, by (f(x + h e) − f(x − h e)) / 2h. */
    static double[] gradient(ToDoubleFunction<double[][]> f, double[][] x, double h) {
        int cols = x[0].length;
        double[] out = new double[x.length * cols];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < cols; j++) {
                double[][] plus = copy(x);
                double[][] minus = copy(x);
                plus[i][j] += h;
                minus[i][j] -= h;
                out[i * cols + j] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
            }
        }
        return out;
    }

    /** ∂f/∂x of a vector function. */
    static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        return gradient(m -> f.applyAsDouble(m[0]), new double[][] {x}, h);
    }

    /** ∂²f/∂x_i∂x_j by the four-point second difference. */
    static double[][] hessian(ToDoubleFunction<double[]> f, double[] x, double h) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = (f.applyAsDouble(shift(x, i, h, j, h)) - f.applyAsDouble(shift(x, i, h, j, -h))
                        - f.applyAsDouble(shift(x, i, -h, j, h)) + f.applyAsDouble(shift(x, i, -h, j, -h)))
                        / (4 * h * h);
            }
        }
        return out;
    }

    private static double[] shift(double[] x, int i, double hi, int j, double hj) {
        double[] y = x.clone();
        y[i] += hi;
        y[j] += hj;
        return y;
    }

    private static double[][] copy(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
        }
        return y;
    }
}
