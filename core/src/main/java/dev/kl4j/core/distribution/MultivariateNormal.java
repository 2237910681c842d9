package dev.kl4j.core.distribution;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Multivariate normal N(loc, Σ) with a full covariance, stored through its lower Cholesky factor
 * L (Σ = L Lᵀ, PyTorch's {@code scale_tril}).
 * <pre>
 *   ln p(x) = −½ ‖L⁻¹(x − μ)‖² − Σ_i ln L_ii − (n/2) ln 2π      H = n/2 (1 + ln 2π) + Σ_i ln L_ii
 * </pre>
 * The covariance must be symmetric (|Σ_ij − Σ_ji| ≤ 1e-10 √(Σ_ii Σ_jj)) and positive-definite (the
 * Cholesky factorisation must succeed); otherwise the error names {@code "covariance"}.
 * Sampling: μ + L z with z ~ N(0, I). Source: PyTorch's
 * {@code torch.distributions.MultivariateNormal(loc, covariance_matrix)}.
 */
public final class MultivariateNormal implements Distribution {
    private final double[] loc;
    private final double[][] covariance;
    private final double[][] scaleTril;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param loc        the mean vector, finite, non-empty
     * @param covariance symmetric positive-definite n×n matrix, n = loc.length
     */
    public MultivariateNormal(double[] loc, double[][] covariance) {
        this.loc = Checks.finite("loc", loc);
        Cholesky.requireSymmetric("covariance", covariance, loc.length);
        this.covariance = Cholesky.copy(covariance);
        this.scaleTril = Cholesky.lower("covariance", covariance);
    }

    /**
     * Returns N(loc, covariance).
     *
     * @param loc the mean vector, finite, non-empty
     * @param covariance symmetric positive-definite n×n matrix, n = loc.length
     * @return N(loc, covariance)
     */
    public static MultivariateNormal of(double[] loc, double[][] covariance) {
        return new MultivariateNormal(loc, covariance);
    }

    /** {@return a copy of the mean vector μ, in the units of x} */
    public double[] loc() {
        return loc.clone();
    }

    /** {@return a copy of the covariance Σ} */
    public double[][] covariance() {
        return Cholesky.copy(covariance);
    }

    /** {@return a copy of the lower Cholesky factor L, Σ = L Lᵀ} */
    public double[][] scaleTril() {
        return Cholesky.copy(scaleTril);
    }

    @Override
    public String name() {
        return "mvn";
    }

    @Override
    public int eventSize() {
        return loc.length;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, loc.length);
        double[] diff = new double[loc.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = x[i] - loc[i];
        }
        double[] z = Cholesky.forwardSolve(scaleTril, diff);
        double sq = 0;
        for (double v : z) {
            sq += v * v;
        }
        return -0.5 * sq - Cholesky.halfLogDet(scaleTril) - loc.length * Normal.HALF_LOG_TWO_PI;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        double[] z = new double[loc.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        double[] x = Cholesky.multiply(scaleTril, z);
        for (int i = 0; i < x.length; i++) {
            x[i] += loc[i];
        }
        return x;
    }

    @Override
    public double entropy() {
        return loc.length * (0.5 + Normal.HALF_LOG_TWO_PI) + Cholesky.halfLogDet(scaleTril);
    }

    @Override
    public double[] mean() {
        return loc.clone();
    }

    @Override
    public double[] variance() {
        double[] v = new double[loc.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = covariance[i][i];
        }
        return v;
    }

    @Override
    public String toString() {
        return "MultivariateNormal(loc=" + Arrays.toString(loc) + ", covariance="
                + Arrays.deepToString(covariance) + ")";
    }
}
