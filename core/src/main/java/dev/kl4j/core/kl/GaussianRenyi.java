package dev.kl4j.core.kl;

import dev.kl4j.core.ArgumentChecks;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.StableMath;
import dev.kl4j.core.distribution.Cholesky;

/**
 * Closed-form Rényi divergence of order α between Gaussians (Gil, Alajaji &amp; Linder 2013, "Rényi
 * divergence measures for commonly used univariate continuous distributions"; Pardo 2006 for the
 * multivariate case):
 * <pre>
 *   D_α(p ‖ q) = 1/(α − 1) ln ∫ p^α q^(1−α)
 *             = α/2 (μp − μq)ᵀ Σα⁻¹ (μp − μq) − 1/(2(α − 1)) ln( |Σα| / (|Σp|^(1−α) |Σq|^α) ),
 *   Σα = α Σq + (1 − α) Σp.
 * </pre>
 * For α &gt; 1, Σα may fail to be positive-definite; then ∫ p^α q^(1−α) diverges and D_α = +∞.
 * α = 1 returns the KL divergence ({@link GaussianKl}), the limit of D_α as α → 1; α = 0 gives 0 (both
 * supports are ℝⁿ). Determinants come from Cholesky factors and the quadratic form from a triangular
 * solve. Near α = 1 the second term is a 0/0 form that loses about log10(1/|α − 1|) digits, so for
 * 0 &lt; |α − 1| &lt; 1e-5 kl4j interpolates quadratically through D_{1−δ}, D_1 = KL and D_{1+δ}
 * (δ = 1e-5), which is smooth in α; the result keeps about 10 significant digits there.
 * Both forms are also evaluated without first-order cancellation as q → p: the univariate one in units
 * of σp², the multivariate one through E = Lp⁻¹(Σq − Σp)Lp⁻ᵀ, with the log-determinant ratio written as
 * α H(E) − H(αE), H(X) = tr X − ln det(I + X) = Σ_{k≥2} (−1)^k tr(X^k)/k (the series where ‖X‖_F ≤ 0.1).
 */
public final class GaussianRenyi {
    /** Half-width of the interval around α = 1 where the closed form is replaced by interpolation. */
    static final double NEAR_ONE = 1e-5;

    private GaussianRenyi() {
    }

    /**
     * Quadratic interpolation through (1 − δ, D(1 − δ)), (1, KL), (1 + δ, D(1 + δ)) for |α − 1| &lt; δ.
     */
    static double nearOne(double alpha, double kl, java.util.function.DoubleUnaryOperator direct) {
        double below = direct.applyAsDouble(1 - NEAR_ONE);
        double above = direct.applyAsDouble(1 + NEAR_ONE);
        if (!Double.isFinite(above)) {
            return direct.applyAsDouble(alpha);
        }
        double s = (alpha - 1) / NEAR_ONE;
        return kl + s * (above - below) / 2 + s * s * (above - 2 * kl + below) / 2;
    }

    /**
     * {@return D_α(N(μp, σp²) ‖ N(μq, σq²)) in nats by the class comment's closed form with n = 1,
     * σα² = α σq² + (1 − α) σp² (Gil, Alajaji &amp; Linder 2013); KL at α = 1, +∞ when σα² ≤ 0}
     *
     * @param locP   μp
     * @param scaleP σp &gt; 0
     * @param locQ   μq
     * @param scaleQ σq &gt; 0
     * @param alpha  order α ≥ 0, finite
     */
    public static double normal(double locP, double scaleP, double locQ, double scaleQ, double alpha) {
        checkAlpha(alpha);
        if (alpha == 1) {
            return GaussianKl.normal(locP, scaleP, locQ, scaleQ);
        }
        if (Math.abs(alpha - 1) < NEAR_ONE) {
            return nearOne(alpha, GaussianKl.normal(locP, scaleP, locQ, scaleQ),
                    a -> normalDirect(locP, scaleP, locQ, scaleQ, a));
        }
        return normalDirect(locP, scaleP, locQ, scaleQ, alpha);
    }

    /**
     * The closed form in units of σp²: with u = ln(σq²/σp²), σα²/σp² = 1 + α(e^u − 1) = e^m and
     * ln(σα² / (σp^(2(1−α)) σq^(2α))) = m − αu. For u ≤ 1 that difference is evaluated as
     * α(e^u − 1 − u) − (e^m − 1 − m), two O(u²) parts, so nothing cancels to first order as σq → σp; for
     * u &gt; 1, m = u + ln(α + (1 − α)e^−u), so no variance is formed and nothing overflows.
     */
    private static double normalDirect(double locP, double scaleP, double locQ, double scaleQ, double alpha) {
        ArgumentChecks.finite("locP", locP);
        ArgumentChecks.finite("locQ", locQ);
        ArgumentChecks.positive("scaleP", scaleP);
        ArgumentChecks.positive("scaleQ", scaleQ);
        double u = 2 * StableMath.logRatio(scaleQ, scaleP);
        double logMix;
        double logTerm;
        if (u > 1) {
            double mixOverQ = alpha + (1 - alpha) * Math.exp(-u); // σα²/σq²
            if (!(mixOverQ > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            logMix = u + Math.log(mixOverQ);
            logTerm = (1 - alpha) * u + Math.log(mixOverQ);
        } else {
            double w = alpha * Math.expm1(u); // σα²/σp² − 1
            if (!(w > -1)) {
                return Double.POSITIVE_INFINITY;
            }
            logMix = Math.log1p(w);
            logTerm = alpha * StableMath.expm1MinusX(u) - StableMath.expm1MinusX(logMix);
        }
        double z = (locP - locQ) / scaleP;
        return 0.5 * alpha * z * z * Math.exp(-logMix) - logTerm / (2 * (alpha - 1));
    }

    /**
     * Sum over independent coordinates of {@link #normal} (Rényi divergence is additive over products:
     * D_α(⊗p_i ‖ ⊗q_i) = Σ_i D_α(p_i ‖ q_i)), in nats.
     *
     * @param locP   μp
     * @param scaleP σp
     * @param locQ   μq
     * @param scaleQ σq
     * @param alpha  order α ≥ 0
     * @return D_α between the diagonal Gaussians
     */
    public static double diagonal(double[] locP, double[] scaleP, double[] locQ, double[] scaleQ, double alpha) {
        int n = GaussianKl.requireSameLengths(new String[] {"locP", "scaleP", "locQ", "scaleQ"},
                locP, scaleP, locQ, scaleQ);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += normal(locP[i], scaleP[i], locQ[i], scaleQ[i], alpha);
        }
        return s;
    }

    /**
     * {@return D_α(N(μp, Σp) ‖ N(μq, Σq)) in nats by the class comment's closed form (Pardo 2006), +∞ when
     * Σα = α Σq + (1 − α) Σp is not positive-definite; KL at α = 1}
     *
     * @param locP        μp
     * @param covarianceP Σp, symmetric positive-definite
     * @param locQ        μq
     * @param covarianceQ Σq, symmetric positive-definite
     * @param alpha       order α ≥ 0, finite
     */
    public static double mvn(double[] locP, double[][] covarianceP, double[] locQ, double[][] covarianceQ,
            double alpha) {
        checkAlpha(alpha);
        if (alpha == 1) {
            return GaussianKl.mvn(locP, covarianceP, locQ, covarianceQ);
        }
        if (Math.abs(alpha - 1) < NEAR_ONE) {
            return nearOne(alpha, GaussianKl.mvn(locP, covarianceP, locQ, covarianceQ),
                    a -> mvnDirect(locP, covarianceP, locQ, covarianceQ, a));
        }
        return mvnDirect(locP, covarianceP, locQ, covarianceQ, alpha);
    }

    private static double mvnDirect(double[] locP, double[][] covarianceP, double[] locQ, double[][] covarianceQ,
            double alpha) {
        int n = locP.length;
        ArgumentChecks.sameLength("locP", n, "locQ", locQ.length);
        Cholesky.requireSymmetric("covarianceP", covarianceP, n);
        Cholesky.requireSymmetric("covarianceQ", covarianceQ, n);
        double[][] lp = Cholesky.lower("covarianceP", covarianceP);
        double[][] lq = Cholesky.lower("covarianceQ", covarianceQ);
        double[][] mixed = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mixed[i][j] = alpha * covarianceQ[i][j] + (1 - alpha) * covarianceP[i][j];
            }
        }
        double[][] la = Cholesky.tryLower(mixed);
        if (la == null) {
            return Double.POSITIVE_INFINITY;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = ArgumentChecks.finite("locP", locP[i]) - ArgumentChecks.finite("locQ", locQ[i]);
        }
        double[] w = Cholesky.forwardSolve(la, d);
        double quad = 0;
        for (double v : w) {
            quad += v * v;
        }
        // ln(|Σα| / (|Σp|^(1−α) |Σq|^α)) = ln det(I + αE) − α ln det(I + E) = α H(E) − H(αE), where
        // E = Lp⁻¹ (Σq − Σp) Lp⁻ᵀ and H(X) = tr X − ln det(I + X) ≥ 0 (ln|Σ| = 2 Σ ln L_ii).
        double[][] e = whitenedDifference(lp, covarianceP, covarianceQ);
        double halfLogDetP = Cholesky.halfLogDet(lp);
        double traceE = 0;
        for (int i = 0; i < n; i++) {
            traceE += e[i][i];
        }
        double gapOne = tangentGap(e, 1, traceE, 2 * (Cholesky.halfLogDet(lq) - halfLogDetP));
        double gapAlpha = tangentGap(e, alpha, traceE, 2 * (Cholesky.halfLogDet(la) - halfLogDetP));
        double logRatio = alpha * gapOne - gapAlpha;
        return 0.5 * alpha * quad - logRatio / (2 * (alpha - 1));
    }

    /** E = Lp⁻¹ (Σq − Σp) Lp⁻ᵀ by two rounds of forward substitution, symmetrised. */
    private static double[][] whitenedDifference(double[][] lp, double[][] covarianceP, double[][] covarianceQ) {
        int n = lp.length;
        double[] column = new double[n];
        double[][] half = new double[n][]; // half[j] = Lp⁻¹ (column j of Σq − Σp), i.e. row j of (Lp⁻¹ D)ᵀ
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = covarianceQ[i][j] - covarianceP[i][j];
            }
            half[j] = Cholesky.forwardSolve(lp, column);
        }
        double[][] full = new double[n][]; // full[j] = column j of Lp⁻¹ (Lp⁻¹ D)ᵀ = E
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = half[i][j];
            }
            full[j] = Cholesky.forwardSolve(lp, column);
        }
        double[][] e = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                e[i][j] = 0.5 * (full[j][i] + full[i][j]);
            }
        }
        return e;
    }

    /**
     * H(cE) = c tr E − ln det(I + cE) ≥ 0. Where ‖cE‖_F ≤ 0.1 it is the series Σ_{k≥2} (−1)^k tr((cE)^k)/k
     * (the two terms of the direct form cancel to first order there), summed until the bound ‖cE‖_F^k on the
     * next trace is below 1e-17 of the first; otherwise c tr E minus the given log-determinant.
     */
    private static double tangentGap(double[][] e, double c, double traceE, double logDetIPlusCE) {
        int n = e.length;
        double norm = 0;
        for (double[] row : e) {
            for (double v : row) {
                norm += v * v;
            }
        }
        norm = Math.abs(c) * Math.sqrt(norm);
        if (!(norm <= 0.1)) {
            return c * traceE - logDetIPlusCE;
        }
        double[][] x = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                x[i][j] = c * e[i][j];
            }
        }
        double sum = 0;
        double[][] power = x;
        double bound = norm;
        for (int k = 2; bound * norm > 1e-17 * norm * norm && k <= 40; k++) {
            power = multiply(power, x);
            bound *= norm;
            double trace = 0;
            for (int i = 0; i < n; i++) {
                trace += power[i][i];
            }
            sum += (k % 2 == 0 ? trace : -trace) / k;
        }
        return sum;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                for (int j = 0; j < n; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }

    static void checkAlpha(double alpha) {
        if (!(alpha >= 0) || !Double.isFinite(alpha)) {
            throw new InvalidArgumentException("alpha", "alpha = " + alpha + " must be finite and >= 0");
        }
    }
}
