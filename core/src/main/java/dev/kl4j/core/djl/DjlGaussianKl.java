package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.kl4j.core.InvalidArgumentException;

/**
 * KL divergence between diagonal Gaussians on DJL {@code NDArray}s, differentiable, parameterised by
 * means and log-variances (as a VAE encoder outputs them) or by means and log-standard deviations (as
 * a policy's Gaussian head does).
 *
 * <p>For one dimension, with variances {@code vp = exp(logVarP)} and {@code vq = exp(logVarQ)}:
 * <pre>
 *   KL(N(μp, vp) ‖ N(μq, vq)) = ½ [ ln vq − ln vp + (vp + (μp − μq)²) / vq − 1 ]
 * </pre>
 * (with ln v = 2 ln σ for the {@code ...FromLogStd} forms) and against the standard normal N(0, 1)
 * (Kingma &amp; Welling 2014, appendix B):
 * <pre>
 *   KL(N(μ, σ²) ‖ N(0, 1)) = −½ (1 + ln σ² − μ² − σ²)
 * </pre>
 * Methods named {@code ...PerDimension} return the elementwise terms; the others sum over the last axis,
 * so a batch {@code [B, D]} gives {@code [B]}. The sums equal PyTorch's
 * {@code kl_divergence(Independent(Normal(μp, σp), 1), Independent(Normal(μq, σq), 1))}
 * ({@code _kl_normal_normal} summed by {@code _kl_independent_independent}), in nats.
 *
 * <p><b>Broadcasting.</b> The four arguments of the {@code diagonal...} methods broadcast against each
 * other with NumPy's rules (trailing axes aligned, size 1 or absent stretches): a state-independent
 * log-std {@code [D]} against means {@code [B, D]} gives {@code [B, D]} terms and {@code [B]} sums, and
 * the gradient with respect to the shared {@code [D]} array is the sum over the batch. Incompatible
 * shapes are an {@link InvalidArgumentException} naming the argument.
 *
 * <p>Results keep the inputs' data type and belong to the manager of the first operand. Safe to
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
        return DjlScopes.withIntermediatesClosed(() -> {
            // ½(μ² + σ² − 1 − ln σ²); the constants are engine-owned scalars because autograd keeps
            // them for the backward pass (see DjlScalars).
            NDArray twiceKl = mu.square().add(logVar.exp()).sub(DjlScalars.of(mu, 1f)).sub(logVar);
            return twiceKl.mul(DjlScalars.of(twiceKl, 0.5f));
        });
    }

    /**
     * KL(N(μ, diag σ²) ‖ N(0, I)) = −½ Σ_d (1 + ln σ_d² − μ_d² − σ_d²), summed (not averaged) over the last
     * axis (Kingma &amp; Welling 2014, appendix B).
     *
     * @param mu     means {@code [..., D]}
     * @param logVar log-variances {@code [..., D]}
     * @return {@code [...]}
     */
    public static NDArray toStandardNormalFromLogVar(NDArray mu, NDArray logVar) {
        return DjlScopes.withIntermediatesClosed(
                () -> toStandardNormalFromLogVarPerDimension(mu, logVar).sum(new int[] {-1}));
    }

    /**
     * Elementwise KL(N(μp, vp) ‖ N(μq, vq)) = ½[ln vq − ln vp + (vp + (μp − μq)²)/vq − 1], computed as
     * ½[r − 1 − ln r + (μp − μq)²/vq] with ln r = ln vp − ln vq.
     *
     * @param muP     means of P
     * @param logVarP log-variances of P
     * @param muQ     means of Q
     * @param logVarQ log-variances of Q
     * @return elementwise KL, broadcast shape of the inputs
     */
    public static NDArray diagonalFromLogVarPerDimension(NDArray muP, NDArray logVarP, NDArray muQ, NDArray logVarQ) {
        requireBroadcastable(new String[] {"muP", "logVarP", "muQ", "logVarQ"}, muP, logVarP, muQ, logVarQ);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray diff = muP.sub(muQ);
            NDArray logRatio = logVarP.sub(logVarQ);                       // ln(vp / vq)
            NDArray mahalanobis = diff.square().mul(logVarQ.neg().exp());   // (μp − μq)² / vq
            NDArray twiceKl = logRatio.exp().add(mahalanobis).sub(DjlScalars.of(diff, 1f)).sub(logRatio);
            return twiceKl.mul(DjlScalars.of(twiceKl, 0.5f)); // engine-owned ½, see DjlScalars
        });
    }

    /**
     * KL between diagonal Gaussians summed over the last axis: Σ_d of {@link #diagonalFromLogVarPerDimension}.
     *
     * @param muP     means of P {@code [..., D]}
     * @param logVarP log-variances of P, broadcastable
     * @param muQ     means of Q, broadcastable
     * @param logVarQ log-variances of Q, broadcastable
     * @return {@code [...]} (the broadcast shape without its last axis)
     */
    public static NDArray diagonalFromLogVar(NDArray muP, NDArray logVarP, NDArray muQ, NDArray logVarQ) {
        return DjlScopes.withIntermediatesClosed(
                () -> diagonalFromLogVarPerDimension(muP, logVarP, muQ, logVarQ).sum(new int[] {-1}));
    }

    /**
     * Elementwise KL(N(μp, σp²) ‖ N(μq, σq²)) from log-standard deviations: the log-variance form with
     * ln v = 2 ln σ, that is ln σq − ln σp + (σp² + (μp − μq)²)/(2σq²) − ½.
     *
     * @param muP     means of P
     * @param logStdP ln σp, broadcastable (e.g. {@code [D]} against {@code [B, D]} means)
     * @param muQ     means of Q
     * @param logStdQ ln σq, broadcastable
     * @return elementwise KL, broadcast shape of the inputs
     */
    public static NDArray diagonalFromLogStdPerDimension(NDArray muP, NDArray logStdP, NDArray muQ, NDArray logStdQ) {
        requireBroadcastable(new String[] {"muP", "logStdP", "muQ", "logStdQ"}, muP, logStdP, muQ, logStdQ);
        return DjlScopes.withIntermediatesClosed(() ->
                diagonalFromLogVarPerDimension(muP, logStdP.add(logStdP), muQ, logStdQ.add(logStdQ)));
    }

    /**
     * KL between diagonal Gaussians from log-standard deviations, summed over the last axis: the KL of
     * two Gaussian policies N(μ(s), diag σ²), Σ_d of {@link #diagonalFromLogStdPerDimension}.
     *
     * @param muP     means of P {@code [..., D]}
     * @param logStdP ln σp, broadcastable (e.g. {@code [D]})
     * @param muQ     means of Q, broadcastable
     * @param logStdQ ln σq, broadcastable
     * @return {@code [...]} (the broadcast shape without its last axis)
     */
    public static NDArray diagonalFromLogStd(NDArray muP, NDArray logStdP, NDArray muQ, NDArray logStdQ) {
        return DjlScopes.withIntermediatesClosed(
                () -> diagonalFromLogStdPerDimension(muP, logStdP, muQ, logStdQ).sum(new int[] {-1}));
    }

    /** NumPy broadcasting: trailing axes aligned; each pair of sizes equal or one of them 1. */
    private static void requireBroadcastable(String[] names, NDArray... arrays) {
        Shape broadcast = new Shape();
        String widest = names[0];
        for (int i = 0; i < arrays.length; i++) {
            Shape s = arrays[i].getShape();
            int rank = Math.max(broadcast.dimension(), s.dimension());
            long[] dims = new long[rank];
            for (int axis = 0; axis < rank; axis++) {
                long a = sizeFromEnd(broadcast, rank - 1 - axis);
                long b = sizeFromEnd(s, rank - 1 - axis);
                if (a != b && a != 1 && b != 1) {
                    throw new InvalidArgumentException(names[i], names[i] + " has shape " + s
                            + ", which does not broadcast against " + widest + "'s " + broadcast);
                }
                dims[axis] = a == 1 ? b : a;
            }
            if (s.dimension() >= broadcast.dimension()) {
                widest = names[i];
            }
            broadcast = new Shape(dims);
        }
        if (broadcast.dimension() == 0 || broadcast.get(broadcast.dimension() - 1) == 0) {
            throw new InvalidArgumentException(names[0], names[0] + " has shape " + arrays[0].getShape()
                    + "; the arguments need a non-empty last axis (the dimensions)");
        }
    }

    /** Size of the axis {@code fromEnd} places before the last (0 = last), 1 where the shape is shorter. */
    private static long sizeFromEnd(Shape s, int fromEnd) {
        int axis = s.dimension() - 1 - fromEnd;
        return axis < 0 ? 1 : s.get(axis);
    }
}
