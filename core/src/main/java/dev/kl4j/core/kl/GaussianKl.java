package dev.kl4j.core.kl;

import static dev.kl4j.core.ArgumentChecks.finite;
import static dev.kl4j.core.ArgumentChecks.positive;
import static dev.kl4j.core.ArgumentChecks.sameLength;
import static dev.kl4j.core.StableMath.expm1MinusX;
import static dev.kl4j.core.StableMath.logRatio;

import dev.kl4j.core.distribution.Cholesky;

/**
 * Closed-form KL divergences between Gaussians on plain {@code double}/{@code double[]}, used by the
 * registry for {@code Normal}, {@code DiagNormal} and {@code MultivariateNormal}.
 *
 * <p><b>Univariate</b> (PyTorch {@code _kl_normal_normal}; written as TFP does, with expm1):
 * <pre>
 *   KL(N(μp, σp²) ‖ N(μq, σq²)) = ½ [ ((μp − μq)/σq)² + (r − 1 − ln r) ],   r = (σp/σq)²
 * </pre>
 * where r − 1 − ln r is evaluated as expm1(t) − t with t = 2 ln(σp/σq), by its Taylor series
 * Σ_{k≥2} t^k/k! when |t| &lt; 0.1, and ln(σp/σq) as log1p((σp − σq)/σq) when the two are close, so the
 * result keeps full relative precision as p → q.
 *
 * <p><b>Multivariate</b>, with lower Cholesky factors Σp = Lp Lpᵀ, Σq = Lq Lqᵀ (PyTorch
 * {@code _kl_multivariatenormal_multivariatenormal}):
 * <pre>
 *   KL = Σ ln diag Lq − Σ ln diag Lp + ½ ( ‖Lq⁻¹ Lp‖²_F + ‖Lq⁻¹ (μq − μp)‖² − n )
 * </pre>
 * M = Lq⁻¹ Lp is lower triangular with diagonal Lp_ii / Lq_ii, so kl4j regroups the terms as
 * ½ [ Σ_{i≠j} M_ij² + Σ_i (M_ii² − 1 − 2 ln M_ii) + ‖Lq⁻¹ δ‖² ], each diagonal term by the expm1 form above.
 * M and Lq⁻¹ δ come from forward substitution; no inverse is formed.
 */
public final class GaussianKl {
    private GaussianKl() {
    }

    /**
     * {@return KL(N(μp, σp²) ‖ N(μq, σq²)) = ½ [((μp − μq)/σq)² + r − 1 − ln r], r = (σp/σq)², in nats, by
     * the stable evaluation of the class comment (PyTorch {@code _kl_normal_normal})}
     *
     * @param locP   μp
     * @param scaleP σp &gt; 0
     * @param locQ   μq
     * @param scaleQ σq &gt; 0
     */
    public static double normal(double locP, double scaleP, double locQ, double scaleQ) {
        finite("locP", locP);
        finite("locQ", locQ);
        positive("scaleP", scaleP);
        positive("scaleQ", scaleQ);
        double z = (locP - locQ) / scaleQ;
        return 0.5 * (z * z + expm1MinusX(2 * logRatio(scaleP, scaleQ)));
    }

    /**
     * Sum over independent coordinates of {@link #normal}: Σ_i ½ [((μp_i − μq_i)/σq_i)² + r_i − 1 − ln r_i]
     * (PyTorch's {@code _kl_independent_independent} over {@code _kl_normal_normal}).
     *
     * @param locP   μp
     * @param scaleP σp, all &gt; 0
     * @param locQ   μq
     * @param scaleQ σq, all &gt; 0
     * @return KL(N(μp, diag σp²) ‖ N(μq, diag σq²))
     */
    public static double diagonal(double[] locP, double[] scaleP, double[] locQ, double[] scaleQ) {
        int n = requireSameLengths(new String[] {"locP", "scaleP", "locQ", "scaleQ"}, locP, scaleP, locQ, scaleQ);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += normal(locP[i], scaleP[i], locQ[i], scaleQ[i]);
        }
        return s;
    }

    /**
     * KL between diagonal Gaussians given by means and log-variances, as a VAE encoder outputs them
     * (the {@code double[]} counterpart of {@code DjlGaussianKl.diagonalFromLogVar}): per coordinate, with
     * t = ln vp − ln vq,
     * <pre>
     *   KL(N(μp, vp) ‖ N(μq, vq)) = ½ [ (μp − μq)² e^{−ln vq} + (e^t − 1 − t) ]
     * </pre>
     * the second part by {@link dev.kl4j.core.StableMath#expm1MinusX}, so equal variances lose nothing (the
     * univariate formula of the class comment with σ² = e^{logVar}; arguments in PyTorch's p, q order).
     *
     * @param muP     μp
     * @param logVarP ln σp², same length
     * @param muQ     μq, same length
     * @param logVarQ ln σq², same length
     * @return KL(N(μp, diag e^{logVarP}) ‖ N(μq, diag e^{logVarQ})) in nats
     */
    public static double diagonalFromLogVar(double[] muP, double[] logVarP, double[] muQ, double[] logVarQ) {
        int n = requireSameLengths(new String[] {"muP", "logVarP", "muQ", "logVarQ"}, muP, logVarP, muQ, logVarQ);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double z = finite("muP[" + i + "]", muP[i]) - finite("muQ[" + i + "]", muQ[i]);
            double t = finite("logVarP[" + i + "]", logVarP[i]) - finite("logVarQ[" + i + "]", logVarQ[i]);
            s += 0.5 * (z * z * Math.exp(-logVarQ[i]) + expm1MinusX(t));
        }
        return s;
    }

    /**
     * The VAE prior term KL(N(μ, diag e^{logVar}) ‖ N(0, I)) = −½ Σ (1 + logVar − μ² − e^{logVar}),
     * evaluated per coordinate as ½ (μ² + expm1(logVar) − logVar) (Kingma &amp; Welling 2014, "Auto-Encoding
     * Variational Bayes", Appendix B; the same expression as pytorch/examples' VAE loss), summed, not averaged.
     *
     * @param mu     means
     * @param logVar log-variances ln σ²
     * @return the KL in nats
     */
    public static double toStandardNormalFromLogVar(double[] mu, double[] logVar) {
        sameLength("mu", mu.length, "logVar", logVar.length);
        double s = 0;
        for (int i = 0; i < mu.length; i++) {
            finite("mu[" + i + "]", mu[i]);
            finite("logVar[" + i + "]", logVar[i]);
            s += 0.5 * (mu[i] * mu[i] + expm1MinusX(logVar[i]));
        }
        return s;
    }

    /**
     * {@return KL(N(μp, Σp) ‖ N(μq, Σq)) in nats, by the Cholesky form of the class comment (PyTorch
     * {@code _kl_multivariatenormal_multivariatenormal}); a matrix that is not symmetric positive-definite
     * is an error naming it}
     *
     * @param locP        μp
     * @param covarianceP Σp, symmetric positive-definite
     * @param locQ        μq
     * @param covarianceQ Σq, symmetric positive-definite
     */
    public static double mvn(double[] locP, double[][] covarianceP, double[] locQ, double[][] covarianceQ) {
        sameLength("locP", locP.length, "locQ", locQ.length);
        Cholesky.requireSymmetric("covarianceP", covarianceP, locP.length);
        Cholesky.requireSymmetric("covarianceQ", covarianceQ, locQ.length);
        return mvnFromScaleTril(locP, Cholesky.lower("covarianceP", covarianceP),
                locQ, Cholesky.lower("covarianceQ", covarianceQ));
    }

    /**
     * KL from lower Cholesky factors (PyTorch's {@code scale_tril}); only the lower triangles are read:
     * Σ ln diag Lq − Σ ln diag Lp + ½ (‖Lq⁻¹ Lp‖²_F + ‖Lq⁻¹ (μq − μp)‖² − n), regrouped as in the class comment.
     *
     * @param locP       μp
     * @param scaleTrilP Lp with Σp = Lp Lpᵀ, positive diagonal
     * @param locQ       μq
     * @param scaleTrilQ Lq with Σq = Lq Lqᵀ, positive diagonal
     * @return KL(N(μp, Σp) ‖ N(μq, Σq))
     */
    public static double mvnFromScaleTril(double[] locP, double[][] scaleTrilP, double[] locQ, double[][] scaleTrilQ) {
        int n = locP.length;
        sameLength("locP", n, "locQ", locQ.length);
        sameLength("locP", n, "scaleTrilP", scaleTrilP.length);
        sameLength("locP", n, "scaleTrilQ", scaleTrilQ.length);
        for (int i = 0; i < n; i++) {
            positive("scaleTrilP[" + i + "][" + i + "]", scaleTrilP[i][i]);
            positive("scaleTrilQ[" + i + "][" + i + "]", scaleTrilQ[i][i]);
        }
        double[] delta = new double[n];
        for (int i = 0; i < n; i++) {
            delta[i] = finite("locQ", locQ[i]) - finite("locP", locP[i]);
        }
        double[] w = Cholesky.forwardSolve(scaleTrilQ, delta);
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        double[] column = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = i >= j ? scaleTrilP[i][j] : 0;
            }
            double[] m = Cholesky.forwardSolve(scaleTrilQ, column); // column j of Lq⁻¹ Lp
            for (int i = j + 1; i < n; i++) {
                s += m[i] * m[i];
            }
            s += expm1MinusX(2 * logRatio(scaleTrilP[j][j], scaleTrilQ[j][j]));
        }
        return 0.5 * s;
    }

    /**
     * Every array has the length of the first, else an error naming the first that differs.
     *
     * @return that length
     */
    static int requireSameLengths(String[] names, double[]... arrays) {
        int n = arrays[0].length;
        for (int i = 1; i < arrays.length; i++) {
            sameLength(names[0], n, names[i], arrays[i].length);
        }
        return n;
    }
}
