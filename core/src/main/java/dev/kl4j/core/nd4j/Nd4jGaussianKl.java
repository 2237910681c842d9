package dev.kl4j.core.nd4j;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.blas.BlasException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * KL divergences between Gaussians on ND4J matrices, one pair per row: diagonal Gaussians from means and
 * log-variances ({@link #diagonalFromLogVar}, {@link #toStandardNormalFromLogVar}, as
 * {@code DjlGaussianKl} and {@code GaussianKl}), and multivariate normals with full covariances, for a
 * batch of pairs, through
 * Cholesky factors and one batched triangular solve (no explicit inverse, no determinant):
 * <pre>
 *   Σp = Lp Lpᵀ,  Σq = Lq Lqᵀ,   X = Lq⁻¹ [Lp | μq − μp]
 *   KL(N(μp, Σp) ‖ N(μq, Σq)) = Σ ln diag Lq − Σ ln diag Lp
 *                               + ½ (‖Lq⁻¹ Lp‖²_F + ‖Lq⁻¹ (μq − μp)‖² − d)
 *                             = Σ ln diag Lq − Σ ln diag Lp + ½ (‖X‖²_F − d)
 * </pre>
 * as in PyTorch's {@code _kl_multivariatenormal_multivariatenormal}.
 *
 * <p><b>Which ND4J routines.</b> The factors come from LAPACK {@code potrf} through
 * {@code Nd4j.getBlasWrapper().lapack()} (one matrix at a time; it reads the lower triangle and reports
 * a non-positive-definite matrix), and the solve is {@code Nd4j.linalg().triangularSolve}, batched.
 * {@code Nd4j.linalg().cholesky} is deliberately not used: in ND4J 1.0.0-M2.1 it first validates every
 * matrix with an exact (bitwise) symmetry test, a determinant and an explicit inverse, which rejects
 * covariances that are symmetric only to rounding or whose determinant under- or overflows, and took
 * about 1.9 s per 256 × 256 matrix here (potrf: a few milliseconds). ND4J's BLAS {@code trsm} wrapper
 * left its right-hand side unchanged in a probe, so it is not used either.
 *
 * <p>Covariances must be symmetric to 1e-8 of their largest entry in float64 (1e-5 in float32) and
 * positive-definite, otherwise an error names {@code covarianceP} or {@code covarianceQ} and the batch
 * index. float32 and float64 both work; the result has the input type.
 */
public final class Nd4jGaussianKl {
    private Nd4jGaussianKl() {
    }

    /**
     * KL(N(μ, diag e^{logVar}) ‖ N(0, I)) per row, ½ Σ_j (μ_j² + e^{logVar_j} − 1 − logVar_j) (Kingma &amp;
     * Welling 2014, appendix B), with e^x − 1 by {@code expm1}.
     *
     * @param mu     means {@code [B, d]}
     * @param logVar log-variances {@code [B, d]}, same shape and type
     * @return {@code [B]}
     */
    public static INDArray toStandardNormalFromLogVar(INDArray mu, INDArray logVar) {
        Nd4jChecks.requireRank("mu", mu, 2, "[batch, d] matrix of means");
        Nd4jChecks.requireSameShape("mu", mu, "logVar", logVar);
        INDArray twiceKl = mu.mul(mu).addi(Transforms.expm1(logVar, true)).subi(logVar);
        return twiceKl.sum(1).muli(0.5);
    }

    /**
     * KL between diagonal Gaussians per row, from means and log-variances: with t = ln vp − ln vq,
     * ½ Σ_j [ (μp − μq)² e^{−ln vq} + e^t − 1 − t ], in nats (PyTorch {@code _kl_normal_normal} summed over
     * the row; the same value as {@code GaussianKl.diagonalFromLogVar}).
     *
     * @param muP     means of P {@code [B, d]}
     * @param logVarP log-variances of P, same shape and type
     * @param muQ     means of Q, same shape and type
     * @param logVarQ log-variances of Q, same shape and type
     * @return {@code [B]}
     */
    public static INDArray diagonalFromLogVar(INDArray muP, INDArray logVarP, INDArray muQ, INDArray logVarQ) {
        Nd4jChecks.requireRank("muP", muP, 2, "[batch, d] matrix of means");
        Nd4jChecks.requireSameShape("muP", muP, "logVarP", logVarP);
        Nd4jChecks.requireSameShape("muP", muP, "muQ", muQ);
        Nd4jChecks.requireSameShape("muP", muP, "logVarQ", logVarQ);
        INDArray logRatio = logVarP.sub(logVarQ);
        INDArray gap = muP.sub(muQ);
        INDArray mahalanobis = gap.muli(gap).muli(Transforms.exp(logVarQ.neg(), false));
        INDArray twiceKl = Transforms.expm1(logRatio, true).subi(logRatio).addi(mahalanobis);
        return twiceKl.sum(1).muli(0.5);
    }

    /**
     * KL(N(μp, Σp) ‖ N(μq, Σq)) for each of B pairs, in nats, by the Cholesky formula of the class comment
     * (PyTorch {@code _kl_multivariatenormal_multivariatenormal}).
     *
     * @param meanP       μp, {@code [B, d]}
     * @param covarianceP Σp, {@code [B, d, d]}
     * @param meanQ       μq, {@code [B, d]}
     * @param covarianceQ Σq, {@code [B, d, d]}
     * @return {@code [B]}, same data type as the inputs
     */
    public static INDArray mvn(INDArray meanP, INDArray covarianceP, INDArray meanQ, INDArray covarianceQ) {
        Nd4jChecks.requireRank("meanP", meanP, 2, "[batch, d] matrix of means");
        Nd4jChecks.requireSameShape("meanP", meanP, "meanQ", meanQ);
        long batch = meanP.size(0);
        long d = meanP.size(1);
        requireCovariances("covarianceP", covarianceP, batch, d, meanP.dataType());
        requireCovariances("covarianceQ", covarianceQ, batch, d, meanP.dataType());

        INDArray lowerP = cholesky("covarianceP", covarianceP);
        INDArray lowerQ = cholesky("covarianceQ", covarianceQ);
        INDArray halfLogDetP = sumLogDiagonal(lowerP);
        INDArray halfLogDetQ = sumLogDiagonal(lowerQ);

        // One solve for both quadratic terms: X = Lq⁻¹ [Lp | μq − μp], ‖X‖²_F = trace term + Mahalanobis term.
        INDArray meanGap = meanQ.sub(meanP).reshape(batch, d, 1);
        INDArray rightHandSides = Nd4j.concat(2, lowerP, meanGap);
        INDArray solved = Nd4j.linalg().triangularSolve(lowerQ, rightHandSides, true, false);
        INDArray squaredNorms = solved.mul(solved).sum(1, 2);

        return halfLogDetQ.subi(halfLogDetP).addi(squaredNorms.subi(d).muli(0.5));
    }

    /**
     * {@link #mvn(INDArray, INDArray, INDArray, INDArray)} (same formula) with the covariances given as lists
     * of {@code [d, d]} matrices.
     *
     * @param meanP       μp, {@code [B, d]}
     * @param covarianceP B matrices {@code [d, d]}
     * @param meanQ       μq, {@code [B, d]}
     * @param covarianceQ B matrices {@code [d, d]}
     * @return {@code [B]}
     */
    public static INDArray mvn(INDArray meanP, List<INDArray> covarianceP, INDArray meanQ, List<INDArray> covarianceQ) {
        return mvn(meanP, stack("covarianceP", covarianceP), meanQ, stack("covarianceQ", covarianceQ));
    }

    private static INDArray stack(String name, List<INDArray> matrices) {
        if (matrices.isEmpty()) {
            throw new InvalidArgumentException(name, name + " is an empty list");
        }
        for (int i = 0; i < matrices.size(); i++) {
            if (matrices.get(i).rank() != 2) {
                throw new InvalidArgumentException(name, name + "[" + i + "] has shape "
                        + Arrays.toString(matrices.get(i).shape()) + "; expected [d, d]");
            }
        }
        try {
            return Nd4j.stack(0, matrices.toArray(INDArray[]::new));
        } catch (RuntimeException e) {
            throw new InvalidArgumentException(name, name + " holds matrices of different shapes or types");
        }
    }

    private static void requireCovariances(String name, INDArray c, long batch, long d, DataType type) {
        long[] expected = {batch, d, d};
        if (!Arrays.equals(c.shape(), expected)) {
            throw new InvalidArgumentException(name, name + " has shape " + Arrays.toString(c.shape())
                    + "; expected " + Arrays.toString(expected) + " to match the means");
        }
        if (c.dataType() != type) {
            throw new InvalidArgumentException(name, name + " has data type " + c.dataType()
                    + " but the means have " + type + "; they must match");
        }
        if (Nd4jChecks.containsNaN(c)) {
            throw new InvalidArgumentException(name, name + " contains NaN");
        }
        double scale = Math.max(c.amaxNumber().doubleValue(), Double.MIN_NORMAL);
        double asymmetry = c.sub(c.permute(0, 2, 1)).amaxNumber().doubleValue();
        double tolerance = type == DataType.DOUBLE ? 1e-8 : 1e-5;
        if (!(asymmetry <= tolerance * scale)) {
            throw new InvalidArgumentException(name, name + " is not symmetric (largest |Σ − Σᵀ| entry "
                    + asymmetry + ")");
        }
    }

    /**
     * Lower Cholesky factors of a batch {@code [B, d, d]}, by LAPACK {@code potrf} per matrix (it reads
     * the lower triangle only and zeroes the upper one); a failure names the argument and batch index.
     */
    private static INDArray cholesky(String name, INDArray covariances) {
        INDArray factors = Nd4j.create(covariances.dataType(), covariances.shape());
        for (long b = 0; b < covariances.size(0); b++) {
            INDArray factor = covariances.slice(b).dup('f');     // potrf works in place, column-major
            try {
                Nd4j.getBlasWrapper().lapack().potrf(factor, true);
            } catch (BlasException e) {
                throw new InvalidArgumentException(name, name + "[" + b + "] is not positive-definite "
                        + "(Cholesky factorisation failed: " + e.getMessage() + ")");
            }
            factors.slice(b).assign(factor);
        }
        return factors;
    }

    /** Σ_i ln L_ii for each matrix of the batch = ½ ln det Σ. */
    private static INDArray sumLogDiagonal(INDArray lower) {
        // ND4J's diag_part does not batch: flatten each d×d matrix and pick the columns i·(d + 1).
        int d = (int) lower.size(1);
        int[] diagonalColumns = new int[d];
        for (int i = 0; i < d; i++) {
            diagonalColumns[i] = i * (d + 1);
        }
        INDArray diagonals = lower.reshape(lower.size(0), (long) d * d).getColumns(diagonalColumns);
        return Transforms.log(diagonals, false).sum(1);
    }
}
