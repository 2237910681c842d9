package dev.kl4j.examples.vae;

/**
 * Leading principal components of a small set of vectors: the sample covariance (D × D, in double)
 * and its eigenvectors by the cyclic Jacobi method (exact for symmetric matrices, fine for D ≤ a few
 * hundred).
 */
public final class Pca {
    private Pca() {
    }

    /**
     * Projects the rows onto the {@code k} leading principal components.
     *
     * @param data flat {@code [n * d]} row-major
     * @param n    rows
     * @param d    columns
     * @param k    components, ≤ d
     * @return flat {@code [n * k]}: the centred rows times the k leading eigenvectors (largest
     *         eigenvalue first)
     */
    public static double[] project(float[] data, int n, int d, int k) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += data[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double ca = data[i * d + a] - mean[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += ca * (data[i * d + b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= Math.max(1, n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        double[][] vectors = new double[d][d];
        double[] values = jacobiEigen(cov, vectors);
        Integer[] order = new Integer[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                int col = order[c];
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (data[i * d + j] - mean[j]) * vectors[j][col];
                }
                out[i * k + c] = s;
            }
        }
        return out;
    }

    /**
     * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
     *
     * @param a       symmetric matrix (overwritten)
     * @param vectors receives the eigenvectors as columns
     * @return the eigenvalues, in the order of the columns
     */
    static double[] jacobiEigen(double[][] a, double[][] vectors) {
        int d = a.length;
        for (int i = 0; i < d; i++) {
            java.util.Arrays.fill(vectors[i], 0);
            vectors[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) { // A ← A J (columns p, q)
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) { // A ← Jᵀ A (rows p, q)
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = vectors[k][p];
                        double vkq = vectors[k][q];
                        vectors[k][p] = c * vkp - s * vkq;
                        vectors[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}
