package dev.kl4j.core.distribution;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Multivariate normal whose covariance is low rank plus diagonal, Σ = W Wᵀ + D, with W the n×r
 * {@code cov_factor} and D = diag({@code cov_diag}) &gt; 0 (PyTorch's
 * {@code LowRankMultivariateNormal(loc, cov_factor, cov_diag)}).
 * <pre>
 *   ln p(x), H: those of N(μ, Σ)        sampling: μ + W z₁ + √D ⊙ z₂ with z₁ ~ N(0, I_r), z₂ ~ N(0, I_n)
 * </pre>
 * Density, entropy and the KL pairs go through the Cholesky factor of the full n×n Σ (exact, O(n³) once
 * at construction); PyTorch's capacitance-matrix identities save work for large n and small r but give
 * the same values.
 */
public final class LowRankMultivariateNormal implements Distribution {
    private final double[] loc;
    private final double[][] covFactor;
    private final double[] covDiag;
    private final MultivariateNormal full;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param loc       mean vector μ, finite, length n
     * @param covFactor W, n rows of r ≥ 1 finite entries each
     * @param covDiag   D, n entries &gt; 0
     */
    public LowRankMultivariateNormal(double[] loc, double[][] covFactor, double[] covDiag) {
        this.loc = Checks.finite("loc", loc);
        int n = loc.length;
        if (covFactor == null || covFactor.length != n) {
            throw new InvalidArgumentException("cov_factor", "cov_factor must have " + n + " rows (one per entry of loc), got "
                    + (covFactor == null ? "none" : covFactor.length));
        }
        int r = covFactor[0] == null ? 0 : covFactor[0].length;
        this.covFactor = new double[n][];
        for (int i = 0; i < n; i++) {
            if (covFactor[i] == null || covFactor[i].length != r || r == 0) {
                throw new InvalidArgumentException("cov_factor", "cov_factor rows must all have the same length >= 1");
            }
            this.covFactor[i] = Checks.finite("cov_factor[" + i + "]", covFactor[i]);
        }
        this.covDiag = Checks.positive("cov_diag", covDiag);
        Checks.sameLength("loc", loc, "cov_diag", covDiag);
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += covFactor[i][k] * covFactor[j][k];
                }
                cov[i][j] = s + (i == j ? covDiag[i] : 0);
            }
        }
        this.full = new MultivariateNormal(loc, cov);
    }

    /**
     * Returns N(loc, cov_factor cov_factorᵀ + diag(cov_diag)).
     *
     * @param loc mean vector μ, finite, length n
     * @param covFactor W, n rows of r ≥ 1 finite entries each
     * @param covDiag D, n entries &gt; 0
     * @return N(loc, cov_factor cov_factorᵀ + diag(cov_diag))
     */
    public static LowRankMultivariateNormal of(double[] loc, double[][] covFactor, double[] covDiag) {
        return new LowRankMultivariateNormal(loc, covFactor, covDiag);
    }

    /** {@return a copy of the mean vector μ, in the units of x} */
    public double[] loc() {
        return loc.clone();
    }

    /** {@return a copy of W (n×r), the low-rank part of Σ = W Wᵀ + D} */
    public double[][] covFactor() {
        return Cholesky.copy(covFactor);
    }

    /** {@return a copy of the diagonal D &gt; 0 of Σ = W Wᵀ + D, in squared units of x} */
    public double[] covDiag() {
        return covDiag.clone();
    }

    /** {@return a copy of the full covariance Σ} */
    public double[][] covariance() {
        return full.covariance();
    }

    /** {@return a copy of the lower Cholesky factor of Σ} */
    public double[][] scaleTril() {
        return full.scaleTril();
    }

    @Override
    public String name() {
        return "low_rank_mvn";
    }

    @Override
    public int eventSize() {
        return loc.length;
    }

    @Override
    public double logProb(double[] x) {
        return full.logProb(x);
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        int n = loc.length;
        int r = covFactor[0].length;
        double[] z = new double[r];
        for (int k = 0; k < r; k++) {
            z[k] = rng.nextGaussian();
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double s = loc[i];
            for (int k = 0; k < r; k++) {
                s += covFactor[i][k] * z[k];
            }
            x[i] = s + Math.sqrt(covDiag[i]) * rng.nextGaussian();
        }
        return x;
    }

    @Override
    public double entropy() {
        return full.entropy();
    }

    @Override
    public double[] mean() {
        return loc.clone();
    }

    @Override
    public double[] variance() {
        return full.variance();
    }

    @Override
    public String toString() {
        return "LowRankMultivariateNormal(loc=" + Arrays.toString(loc) + ", cov_factor="
                + Arrays.deepToString(covFactor) + ", cov_diag=" + Arrays.toString(covDiag) + ")";
    }
}
