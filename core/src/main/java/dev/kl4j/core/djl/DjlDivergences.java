package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Divergences between categorical distributions on DJL {@code NDArray}s: differentiable, batched over
 * the leading axes, reducing over the last axis (the categories). A {@code [B, K]} input gives
 * {@code [B]}; a {@code [K]} input gives a scalar.
 *
 * <p><b>Conventions.</b> All values are in nats. {@code kl(p, q)} = KL(P‖Q) =
 * Σ p·ln(p/q), the quantity {@code torch.distributions.kl_divergence(Categorical(p), Categorical(q))}
 * returns; note that PyTorch's {@code F.kl_div(input, target)} takes its arguments the other way round
 * ({@code input} = ln q, {@code target} = p) and that its default {@code reduction='mean'} also divides by
 * the number of classes. Here there is no reduction over the batch: callers take the mean themselves.
 *
 * <p><b>Zeros, SciPy semantics.</b> A term with p = 0 is exactly 0 (0·ln 0 = 0, 0·ln(0/0) = 0); a term
 * with p &gt; 0 and q = 0 is +∞. No epsilon is added anywhere. The masking is done on the logarithms
 * <em>before</em> the multiplication by p, so that neither the value nor the gradient sees
 * {@code 0·(−∞)}: where p = 0 the gradient of the term is 0.
 *
 * <p><b>Logits.</b> The {@code ...FromLogits} methods take unnormalised log-probabilities and work
 * through {@code logSoftmax}, which never overflows: logits of magnitude 1e4 in float32 are fine, where
 * {@code softmax} followed by {@code log} would give ln 0 = −∞. A logit of −∞ masks its category
 * (probability exactly 0); a finite logit means p &gt; 0, even where exp underflows to 0 in floating
 * point, so a category masked in Q but not in P gives KL(P‖Q) = +∞. +∞ and NaN logits are not
 * supported.
 *
 * <p><b>Checks and types.</b> Shapes must be equal (no broadcasting) and have a non-empty last axis,
 * else {@link dev.kl4j.core.InvalidArgumentException} naming the argument. Values are <em>not</em>
 * checked (that would force a device-to-host copy inside every training step): probabilities are
 * assumed non-negative and summing to 1 along the last axis; use
 * {@code dev.kl4j.core.discrete.DiscreteDivergences} for validated, exact {@code double} arithmetic.
 * Results keep the input data type (float32 stays float32), belong to the manager of the first
 * argument, and the intermediate arrays are closed before returning.
 */
public final class DjlDivergences {
    private static final float LN_2 = (float) Math.log(2.0);

    private DjlDivergences() {
    }

    /**
     * KL(P‖Q) from logits, P = softmax(a), Q = softmax(b):
     * <pre>
     *   KL = Σ_k softmax(a)_k · (logSoftmax(a)_k − logSoftmax(b)_k)
     * </pre>
     * Gradients: ∂KL/∂a_k = p_k·(ln p_k − ln q_k − KL), ∂KL/∂b_k = q_k − p_k.
     *
     * @param logitsP logits a of P, {@code [..., K]}
     * @param logitsQ logits b of Q, same shape
     * @return KL(P‖Q) per batch element, {@code [...]}
     */
    public static NDArray klFromLogits(NDArray logitsP, NDArray logitsQ) {
        checkPair("logitsP", logitsP, "logitsQ", logitsQ);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray logP = logitsP.logSoftmax(-1);
            NDArray logQ = logitsQ.logSoftmax(-1);
            NDArray inP = inSupport(logP);
            NDArray inQ = inSupport(logQ);
            // ln p − ln q only where both are finite, 0 elsewhere, before multiplying by p (no 0·∞).
            NDArray logRatio = NDArrays.where(inP.logicalAnd(inQ), logP.sub(logQ), zero(logP));
            NDArray kl = logP.exp().mul(logRatio).sum(new int[] {-1});
            // A category in P's support but masked in Q makes KL +∞, even when p underflows to 0.
            NDArray missingInQ = inP.logicalAnd(inQ.logicalNot()).sum(new int[] {-1});   // count per row
            return NDArrays.where(missingInQ.eq(0), kl, infinity(kl));
        });
    }

    /**
     * Reverse KL from logits: <b>KL(Q‖P)</b> for the same argument order as
     * {@link #klFromLogits}, that is {@code klFromLogits(logitsQ, logitsP)}.
     * With P the model and Q a target this is the mode-seeking direction (reverse KL in distillation and
     * variational inference); {@link #klFromLogits} is the mass-covering one.
     *
     * @param logitsP logits of P, {@code [..., K]}
     * @param logitsQ logits of Q, same shape
     * @return KL(Q‖P) per batch element, {@code [...]}
     */
    public static NDArray reverseKlFromLogits(NDArray logitsP, NDArray logitsQ) {
        checkPair("logitsP", logitsP, "logitsQ", logitsQ);
        return klFromLogits(logitsQ, logitsP);
    }

    /**
     * KL(P‖Q) = Σ p·(ln p − ln q) from probabilities, SciPy {@code rel_entr} semantics: p = 0 gives 0,
     * p &gt; 0 with q = 0 gives +∞.
     *
     * @param p probabilities of P, {@code [..., K]}, non-negative, summing to 1 on the last axis
     * @param q probabilities of Q, same shape
     * @return KL(P‖Q) per batch element, {@code [...]}
     */
    public static NDArray kl(NDArray p, NDArray q) {
        checkPair("p", p, "q", q);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray positive = p.gt(0f);
            // ln of 1 where p = 0: those terms are multiplied by p = 0 and the gradient of ln stays finite.
            NDArray logP = NDArrays.where(positive, p, one(p)).log();
            NDArray logQ = NDArrays.where(positive, q, one(q)).log();
            NDArray kl = p.mul(logP.sub(logQ)).sum(new int[] {-1});
            return kl;
        });
    }

    /**
     * Reverse KL from probabilities: <b>KL(Q‖P)</b> for the same argument order as {@link #kl}, that is
     * {@code kl(q, p)} with each argument checked under its own name (the mode-seeking direction when P
     * is the model). The result belongs to {@code q}'s manager, as {@code kl(q, p)}'s would.
     *
     * @param p probabilities of P, {@code [..., K]}
     * @param q probabilities of Q, same shape
     * @return KL(Q‖P) per batch element, {@code [...]}
     */
    public static NDArray reverseKl(NDArray p, NDArray q) {
        checkPair("p", p, "q", q);
        return kl(q, p);
    }

    /**
     * Shannon entropy H(P) = −Σ p·ln p from logits, p = softmax(a), with 0·ln 0 = 0.
     * Gradient: ∂H/∂a_k = −p_k·(ln p_k + H).
     *
     * @param logits logits, {@code [..., K]}
     * @return H(P) per batch element, {@code [...]}
     */
    public static NDArray entropyFromLogits(NDArray logits) {
        DjlChecks.requireCategoryAxis("logits", logits);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray logP = logits.logSoftmax(-1);
            NDArray h = logP.exp().mul(maskOutsideSupport(logP, logP)).sum(new int[] {-1}).neg();
            return h;
        });
    }

    /**
     * Shannon entropy H(P) = −Σ p·ln p from probabilities, 0·ln 0 = 0 (as {@code scipy.stats.entropy}).
     *
     * @param p probabilities, {@code [..., K]}
     * @return H(P) per batch element, {@code [...]}
     */
    public static NDArray entropy(NDArray p) {
        DjlChecks.requireCategoryAxis("p", p);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray logP = NDArrays.where(p.gt(0f), p, one(p)).log();
            NDArray h = p.mul(logP).sum(new int[] {-1}).neg();
            return h;
        });
    }

    /**
     * Jensen–Shannon divergence from logits, P = softmax(a), Q = softmax(b), M = ½(P + Q):
     * <pre>
     *   JS = ½ KL(P‖M) + ½ KL(Q‖M),   ln m = logaddexp(ln p, ln q) − ln 2
     * </pre>
     * computed in log space (ln m = max(ln p, ln q) + softplus(−|ln p − ln q|) − ln 2), so it stays
     * finite and accurate when p or q underflow. 0 ≤ JS ≤ ln 2. This is the divergence, not SciPy's
     * {@code jensenshannon}, which returns its square root.
     *
     * @param logitsP logits of P, {@code [..., K]}
     * @param logitsQ logits of Q, same shape
     * @return JS(P, Q) in nats per batch element, {@code [...]}
     */
    public static NDArray jsFromLogits(NDArray logitsP, NDArray logitsQ) {
        checkPair("logitsP", logitsP, "logitsQ", logitsQ);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray logP = logitsP.logSoftmax(-1);
            NDArray logQ = logitsQ.logSoftmax(-1);
            NDArray p = logP.exp();
            NDArray q = logQ.exp();
            // ln p − ln q is NaN for a category masked in both (−∞ − −∞). Replace it by 0 before abs:
            // the category's terms are masked below anyway, and no NaN may reach the gradient.
            NDArray gap = logP.sub(logQ);
            NDArray finiteGap = NDArrays.where(gap.isNaN().logicalNot(), gap, zero(gap));
            NDArray twiceLogMix = logP.maximum(logQ).add(Activation.softPlus(finiteGap.abs().neg()));
            NDArray logM = twiceLogMix.sub(DjlScalars.of(twiceLogMix, LN_2)); // engine-owned ln 2 (DjlScalars)
            NDArray fromP = p.mul(maskOutsideSupport(logP, logP.sub(logM))).sum(new int[] {-1});
            NDArray fromQ = q.mul(maskOutsideSupport(logQ, logQ.sub(logM))).sum(new int[] {-1});
            NDArray sum = fromP.add(fromQ);
            return sum.mul(DjlScalars.of(sum, 0.5f)); // engine-owned ½, kept by autograd (DjlScalars)
        });
    }

    /**
     * Jensen–Shannon divergence from probabilities, JS = ½Σ p·ln(p/m) + ½Σ q·ln(q/m), m = ½(p + q),
     * with 0·ln 0 = 0. Always finite, 0 ≤ JS ≤ ln 2.
     *
     * @param p probabilities of P, {@code [..., K]}
     * @param q probabilities of Q, same shape
     * @return JS(P, Q) in nats per batch element, {@code [...]}
     */
    public static NDArray js(NDArray p, NDArray q) {
        checkPair("p", p, "q", q);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray sum = p.add(q);
            NDArray m = sum.mul(DjlScalars.of(sum, 0.5f)); // engine-owned ½ (DjlScalars)
            NDArray js = halfRelativeEntropyToMixture(p, m).add(halfRelativeEntropyToMixture(q, m));
            return js;
        });
    }

    /** ½ Σ x·ln(x/m) with 0 where x = 0 (m ≥ x/2 &gt; 0 wherever x &gt; 0). */
    private static NDArray halfRelativeEntropyToMixture(NDArray x, NDArray m) {
        NDArray positive = x.gt(0f);
        NDArray logX = NDArrays.where(positive, x, one(x)).log();
        NDArray logM = NDArrays.where(positive, m, one(m)).log();
        NDArray sum = x.mul(logX.sub(logM)).sum(new int[] {-1});
        return sum.mul(DjlScalars.of(sum, 0.5f)); // engine-owned ½ (DjlScalars)
    }

    /** True where ln p &gt; −∞: the category is in the distribution's support (p &gt; 0 in exact arithmetic). */
    private static NDArray inSupport(NDArray logProbs) {
        return logProbs.gt(Float.NEGATIVE_INFINITY);
    }

    /**
     * {@code values} where ln p &gt; −∞, else exactly 0: the term p·value is then 0 and so is its gradient.
     * (DJL's {@code where} broadcasts only its last argument, so the full-shape array comes first.)
     */
    private static NDArray maskOutsideSupport(NDArray logProbs, NDArray values) {
        return NDArrays.where(inSupport(logProbs), values, zero(values));
    }

    private static NDArray zero(NDArray like) {
        return like.getManager().zeros(new Shape(), like.getDataType());
    }

    private static NDArray infinity(NDArray like) {
        return like.getManager().full(new Shape(), Float.POSITIVE_INFINITY, like.getDataType());
    }

    private static NDArray one(NDArray like) {
        return like.getManager().ones(new Shape(), like.getDataType());
    }

    private static void checkPair(String nameA, NDArray a, String nameB, NDArray b) {
        DjlChecks.requireCategoryAxis(nameA, a);
        DjlChecks.requireSameShape(nameA, a, nameB, b);
    }
}
