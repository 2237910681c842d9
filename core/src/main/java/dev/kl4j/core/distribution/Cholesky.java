package dev.kl4j.core.distribution;

import dev.kl4j.core.InvalidArgumentException;

/**
 * Dense Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix and the triangular
 * solves built on it. Used by {@link MultivariateNormal} and the Gaussian KL/Rényi closed forms, which
 * never form an explicit inverse.
 */
public final class Cholesky {
    private Cholesky() {
    }

    /**
     * Checks that {@code a} is square, finite and symmetric: |a_ij − a_ji| ≤ 1e-10 · √(a_ii a_jj).
     *
     * @param name the parameter name used in error messages
     * @param a    the matrix
     * @param n    the required dimension
     */
    public static void requireSymmetric(String name, double[][] a, int n) {
        if (a == null || a.length != n) {
            throw new InvalidArgumentException(name, name + " must be a " + n + "x" + n + " matrix, got "
                    + (a == null ? "null" : a.length + " rows"));
        }
        for (int i = 0; i < n; i++) {
            if (a[i] == null || a[i].length != n) {
                throw new InvalidArgumentException(name, name + " row " + i + " has length "
                        + (a[i] == null ? "null" : a[i].length) + ", expected " + n);
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new InvalidArgumentException(name, name + "[" + i + "][" + j + "] = " + a[i][j]
                            + " must be finite");
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double scale = Math.sqrt(Math.abs(a[i][i] * a[j][j]));
                if (Math.abs(a[i][j] - a[j][i]) > 1e-10 * scale) {
                    throw new InvalidArgumentException(name, name + " is not symmetric: [" + i + "][" + j + "] = "
                            + a[i][j] + " but [" + j + "][" + i + "] = " + a[j][i]);
                }
            }
        }
    }

    /**
     * Lower Cholesky factor L with A = L Lᵀ, reading the lower triangle of {@code a}, column by column:
     * L_jj = √(a_jj − Σ_{k&lt;j} L_jk²), L_ij = (a_ij − Σ_{k&lt;j} L_ik L_jk) / L_jj for i &gt; j (the factor
     * {@code numpy.linalg.cholesky} returns).
     *
     * @param name the parameter name used in the error message
     * @param a    a symmetric matrix (only the lower triangle is read)
     * @return L, lower triangular with a positive diagonal
     * @throws InvalidArgumentException naming {@code name} when a pivot is not positive
     */
    public static double[][] lower(String name, double[][] a) {
        double[][] l = tryLower(a);
        if (l == null) {
            throw new InvalidArgumentException(name, name + " is not positive-definite (Cholesky failed)");
        }
        return l;
    }

    /**
     * Like {@link #lower} but returns {@code null} when the matrix is not positive-definite.
     *
     * @param a a square matrix (lower triangle read)
     * @return L or {@code null}
     */
    public static double[][] tryLower(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0) || !Double.isFinite(d)) {
                return null;
            }
            double ljj = Math.sqrt(d);
            l[j][j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / ljj;
            }
        }
        return l;
    }

    /**
     * Solves L y = b by forward substitution, y_i = (b_i − Σ_{k&lt;i} L_ik y_k) / L_ii (no inverse is formed).
     *
     * @param l lower triangular with non-zero diagonal
     * @param b right-hand side
     * @return y = L⁻¹ b
     */
    public static double[] forwardSolve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        return y;
    }

    /**
     * Returns Σ ln L_ii = ½ ln det(L Lᵀ).
     *
     * @param l lower triangular with non-zero diagonal
     * @return Σ ln L_ii = ½ ln det(L Lᵀ)
     */
    public static double halfLogDet(double[][] l) {
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += Math.log(l[i][i]);
        }
        return s;
    }

    /**
     * The product of a lower-triangular matrix and a vector (entries above the diagonal are not read).
     *
     * @param l lower triangular with non-zero diagonal, n×n
     * @param v a vector of length n
     * @return L v, a new array of length n
     */
    public static double[] multiply(double[][] l, double[] v) {
        int n = v.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += l[i][k] * v[k];
            }
            out[i] = s;
        }
        return out;
    }

    /** {@return a deep copy of {@code a}} */
    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
