package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;

/**
 * KL divergence between diagonal Gaussians on DJL {@code NDArray}s, differentiable, parameterised by
 * means and log-variances as a VAE encoder outputs them.
 *
 * <p>For one dimension, with variances {@code vp = exp(logVarP)} and {@code vq = exp(logVarQ)}:
 * <pre>
 *   KL(N(μp, vp) ‖ N(μq, vq)) = ½ [ ln vq − ln vp + (vp + (μp − μq)²) / vq − 1 ]
 * </pre>
 * and against the standard normal N(0, 1) (Kingma &amp; Welling 2014, appendix B):
 * <pre>
 *   KL(N(μ, σ²) ‖ N(0, 1)) = −½ (1 + ln σ² − μ² − σ²)
 * </pre>
 * Methods named {@code ...PerDimension} return the elementwise terms (same shape as the inputs);
 * the others sum over the last axis, so a batch {@code [B, D]} gives {@code [B]}.
 * Results keep the inputs' data type and belong to the manager of the first operand. Safe to
 * differentiate: constants kept by autograd are engine-owned ({@link DjlScalars}).
 */
public final class DjlGaussianKl {
    private DjlGaussianKl() {
    }

    /**
     * Elementwise KL(N(μ, σ²) ‖ N(0, 1)) = −½(1 + ln σ² − μ² − σ²).
     *
     * @param mu     means, any shape
     * @param logVar log-variances ln σ², same shape as {@code mu}
     * @return the KL term of each element, same shape as {@code mu}
     */
    public static NDArray toStandardNormalFromLogVarPerDimension(NDArray mu, NDArray logVar) {
        DjlChecks.requireSameShape("mu", mu, "logVar", logVar);
        // ½(μ² + σ² − 1 − ln σ²), float literals so float32 inputs stay float32; the factor ½ is an
        // engine-owned scalar because autograd keeps it for the backward pass (see DjlScalars).
        NDArray twiceKl = mu.square().add(logVar.exp()).sub(1f).sub(logVar);
        return twiceKl.mul(DjlScalars.of(twiceKl, 0.5f));
    }

    /**
     * KL(N(μ, diag σ²) ‖ N(0, I)) summed over the last axis.
     *
     * @param mu     means {@code [..., D]}
     * @param logVar log-variances {@code [..., D]}
     * @return {@code [...]}
     */
    public static NDArray toStandardNormalFromLogVar(NDArray mu, NDArray logVar) {
        return toStandardNormalFromLogVarPerDimension(mu, logVar).sum(new int[] {-1});
    }

    /**
     * Elementwise KL(N(μp, vp) ‖ N(μq, vq)) = ½[ln vq − ln vp + (vp + (μp − μq)²)/vq − 1].
     *
     * @param muP     means of P
     * @param logVarP log-variances of P
     * @param muQ     means of Q
     * @param logVarQ log-variances of Q
     * @return elementwise KL, broadcast shape of the inputs
     */
    public static NDArray diagonalFromLogVarPerDimension(NDArray muP, NDArray logVarP, NDArray muQ, NDArray logVarQ) {
        DjlChecks.requireSameShape("muP", muP, "logVarP", logVarP);
        DjlChecks.requireSameShape("muQ", muQ, "logVarQ", logVarQ);
        NDArray diff = muP.sub(muQ);
        NDArray ratio = logVarP.sub(logVarQ).exp();                 // vp / vq
        NDArray mahalanobis = diff.square().mul(logVarQ.neg().exp()); // (μp − μq)² / vq
        NDArray twiceKl = ratio.add(mahalanobis).sub(1f).sub(logVarP.sub(logVarQ));
        return twiceKl.mul(DjlScalars.of(twiceKl, 0.5f)); // engine-owned ½, see DjlScalars
    }

    /**
     * KL between diagonal Gaussians summed over the last axis.
     *
     * @param muP     means of P {@code [..., D]}
     * @param logVarP log-variances of P
     * @param muQ     means of Q
     * @param logVarQ log-variances of Q
     * @return {@code [...]}
     */
    public static NDArray diagonalFromLogVar(NDArray muP, NDArray logVarP, NDArray muQ, NDArray logVarQ) {
        return diagonalFromLogVarPerDimension(muP, logVarP, muQ, logVarQ).sum(new int[] {-1});
    }
}
