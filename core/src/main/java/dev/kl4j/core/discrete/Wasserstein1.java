package dev.kl4j.core.discrete;

import dev.kl4j.core.ArgumentChecks;
import dev.kl4j.core.InvalidArgumentException;

/**
 * The numerics of the 1-Wasserstein (earth mover's) distance between histograms on one sorted grid
 * x_0 &lt; … &lt; x_{n−1} (Vallender 1974: in one dimension W₁ is the L¹ distance of the CDFs):
 * <pre>
 *   W₁(P, Q) = Σ_{i=0}^{n−2} |F_P(i) − F_Q(i)| (x_{i+1} − x_i),   F the cumulative sums
 * </pre>
 * The CDF difference is accumulated directly as Σ_{j≤i} (p_j − q_j), never as F_P − F_Q, which would
 * cancel. On the unit grid 0, 1, …, n − 1 every gap is 1. SciPy:
 * {@code scipy.stats.wasserstein_distance(grid, grid, p, q)}.
 */
final class Wasserstein1 {
    private Wasserstein1() {
    }

    /** W₁ on the unit grid, of prepared vectors, in [0, n − 1]. */
    static double unitGrid(double[] p, double[] q) {
        double cdfDifference = 0.0;
        double sum = 0.0;
        for (int i = 0; i < p.length - 1; i++) {
            cdfDifference += p[i] - q[i];
            sum += Math.abs(cdfDifference);
        }
        return sum;
    }

    /** W₁ on a checked grid ({@link #requireGrid}), of prepared vectors, in the grid's units. */
    static double onGrid(double[] p, double[] q, double[] grid) {
        double cdfDifference = 0.0;
        double sum = 0.0;
        for (int i = 0; i < p.length - 1; i++) {
            cdfDifference += p[i] - q[i];
            sum += Math.abs(cdfDifference) * (grid[i + 1] - grid[i]);
        }
        return sum;
    }

    /** @throws InvalidArgumentException naming {@code "grid"}: missing, another length, not finite, not increasing */
    static void requireGrid(double[] grid, int n) {
        if (grid == null) {
            throw new InvalidArgumentException("grid", "grid is null; pass the support points");
        }
        ArgumentChecks.sameLength("p", n, "grid", grid.length);
        for (int i = 0; i < n; i++) {
            ArgumentChecks.finite(ArgumentChecks.entry("grid", i), grid[i]);
            if (i > 0 && !(grid[i] > grid[i - 1])) {
                throw new InvalidArgumentException("grid", "grid[" + i + "] = " + grid[i] + " is not greater than grid["
                        + (i - 1) + "] = " + grid[i - 1] + "; the grid must be strictly increasing");
            }
        }
    }
}
