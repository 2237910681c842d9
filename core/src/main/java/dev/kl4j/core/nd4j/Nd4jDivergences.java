package dev.kl4j.core.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Categorical divergences on ND4J matrices: each row of a {@code [B, K]} input is one distribution, and
 * each method returns a vector of {@code B} per-row values, in nats.
 *
 * <ul>
 *   <li>{@link #kl}: KL(P‖Q) = Σ p·ln(p/q), SciPy {@code rel_entr} semantics: a term with p = 0 is 0, a
 *       term with p &gt; 0 and q = 0 is +∞. No epsilon. {@link #reverseKl}: KL(Q‖P) for the same
 *       arguments.</li>
 *   <li>{@link #entropy}: H(P) = −Σ p·ln p with 0·ln 0 = 0.</li>
 *   <li>{@link #js}: JS = ½KL(P‖M) + ½KL(Q‖M), M = ½(P + Q), always in [0, ln 2] (the divergence; SciPy's
 *       {@code jensenshannon} returns its square root).</li>
 *   <li>{@code ...FromLogits}: the same for P = softmax(a), Q = softmax(b), through a log-softmax that
 *       subtracts the row maximum first, so logits of magnitude 1e4 stay exact. (ND4J's own
 *       {@code logSoftmax} takes the log of the softmax and returns −∞ there.) A logit of −∞ masks its
 *       category; a finite logit means p &gt; 0 even where exp underflows, so a category masked in Q only
 *       makes KL(P‖Q) = +∞.</li>
 * </ul>
 * Probabilities are validated (no NaN, no negative entry, rows summing to 1 within 1e-6 in float64 or
 * 1e-4 in float32); logits must not be NaN or +∞. Errors name the argument ({@code p}, {@code q},
 * {@code logitsP}, {@code logitsQ}, {@code logits}).
 */
public final class Nd4jDivergences {
    private static final double LN_2 = Math.log(2.0);

    private Nd4jDivergences() {
    }

    /**
     * KL(P‖Q) = Σ_k p_k ln(p_k/q_k) per row, SciPy {@code rel_entr(p, q).sum(axis=1)}: p = 0 adds 0,
     * p &gt; 0 = q gives +∞ (class comment); as {@code DiscreteDivergences.kl} per row.
     *
     * @param p probabilities {@code [B, K]}
     * @param q probabilities {@code [B, K]}, same shape and type
     * @return {@code [B]}
     */
    public static INDArray kl(INDArray p, INDArray q) {
        requireProbabilityPair(p, q);
        return relativeEntropyRows(p, q);
    }

    /**
     * Reverse KL: <b>KL(Q‖P)</b> per row for the same argument order as {@link #kl}, that is
     * {@code kl(q, p)} with each argument checked under its own name: Σ_k q_k ln(q_k/p_k), +∞ where
     * q &gt; 0 = p.
     *
     * @param p probabilities {@code [B, K]}
     * @param q probabilities {@code [B, K]}, same shape and type
     * @return {@code [B]}
     */
    public static INDArray reverseKl(INDArray p, INDArray q) {
        requireProbabilityPair(p, q);
        return relativeEntropyRows(q, p);
    }

    private static void requireProbabilityPair(INDArray p, INDArray q) {
        Nd4jChecks.requireProbabilityRows("p", p);
        Nd4jChecks.requireProbabilityRows("q", q);
        Nd4jChecks.requireSameShape("p", p, "q", q);
    }

    /**
     * Shannon entropy H(P) = −Σ_k p_k ln p_k per row with 0 ln 0 = 0, in nats ({@code scipy.stats.entropy(p,
     * axis=1)} on normalised rows).
     *
     * @param p probabilities {@code [B, K]}
     * @return {@code [B]}
     */
    public static INDArray entropy(INDArray p) {
        Nd4jChecks.requireProbabilityRows("p", p);
        INDArray zeroP = p.eq(0.0);
        INDArray logP = Transforms.log(p.putWhereWithMask(zeroP, 1.0), false);
        return logP.muli(p).sum(1).negi();
    }

    /**
     * Jensen–Shannon divergence JS = ½ KL(P‖M) + ½ KL(Q‖M), M = ½(P + Q), per row in nats: SciPy's
     * {@code jensenshannon(p, q, axis=1) ** 2} (SciPy returns the square root).
     *
     * @param p probabilities {@code [B, K]}
     * @param q probabilities {@code [B, K]}
     * @return {@code [B]}, each in [0, ln 2]
     */
    public static INDArray js(INDArray p, INDArray q) {
        requireProbabilityPair(p, q);
        INDArray m = p.add(q).muli(0.5);
        return relativeEntropyRows(p, m).addi(relativeEntropyRows(q, m)).muli(0.5);
    }

    /**
     * Total variation distance TV(P, Q) = ½ Σ |p − q| per row, in [0, 1] (as {@code DiscreteDivergences.tv}).
     *
     * @param p probabilities {@code [B, K]}
     * @param q probabilities {@code [B, K]}
     * @return {@code [B]}
     */
    public static INDArray tv(INDArray p, INDArray q) {
        requireProbabilityPair(p, q);
        return Transforms.abs(p.sub(q), false).sum(1).muli(0.5);
    }

    /**
     * KL(softmax(a)‖softmax(b)) per row = Σ p·(logSoftmax(a) − logSoftmax(b)), with the masking rules of the
     * class comment (for finite logits, PyTorch's
     * {@code F.kl_div(log_softmax(b), log_softmax(a), log_target=True, reduction='none').sum(-1)}).
     *
     * @param logitsP logits a {@code [B, K]}
     * @param logitsQ logits b {@code [B, K]}
     * @return {@code [B]}
     */
    public static INDArray klFromLogits(INDArray logitsP, INDArray logitsQ) {
        SoftmaxRows[] pq = softmaxPair(logitsP, logitsQ);
        return klRows(pq[0], pq[1]);
    }

    /**
     * Reverse KL from logits: <b>KL(Q‖P)</b> per row for the same argument order as {@link #klFromLogits},
     * that is {@code klFromLogits(logitsQ, logitsP)} with each argument checked under its own name:
     * Σ q·(logSoftmax(b) − logSoftmax(a)).
     *
     * @param logitsP logits a {@code [B, K]}
     * @param logitsQ logits b {@code [B, K]}
     * @return {@code [B]}
     */
    public static INDArray reverseKlFromLogits(INDArray logitsP, INDArray logitsQ) {
        SoftmaxRows[] pq = softmaxPair(logitsP, logitsQ);
        return klRows(pq[1], pq[0]);
    }

    private static SoftmaxRows[] softmaxPair(INDArray logitsP, INDArray logitsQ) {
        Nd4jChecks.requireRank("logitsP", logitsP, 2, "[batch, categories] matrix of logits");
        Nd4jChecks.requireSameShape("logitsP", logitsP, "logitsQ", logitsQ);
        return new SoftmaxRows[] {SoftmaxRows.of("logitsP", logitsP), SoftmaxRows.of("logitsQ", logitsQ)};
    }

    /** Σ p·(ln p − ln q) per row from softmax rows, +∞ where Q masks a category that P keeps. */
    private static INDArray klRows(SoftmaxRows p, SoftmaxRows q) {
        INDArray terms = p.logProbs().sub(q.logProbs()).muli(p.probs());
        if (p.hasMaskedCategory() || q.hasMaskedCategory()) {
            // Order matters: first +∞ where Q excludes a category, then 0 where P excludes it (p = 0 wins).
            terms = terms.putWhereWithMask(q.masked(), Double.POSITIVE_INFINITY).putWhereWithMask(p.masked(), 0.0);
        }
        return terms.sum(1);
    }

    /**
     * Total variation distance of softmax(a) and softmax(b) per row, ½ Σ |p − q|; a −∞ logit gives its
     * category probability 0.
     *
     * @param logitsP logits a {@code [B, K]}
     * @param logitsQ logits b {@code [B, K]}
     * @return {@code [B]}, each in [0, 1]
     */
    public static INDArray tvFromLogits(INDArray logitsP, INDArray logitsQ) {
        SoftmaxRows[] pq = softmaxPair(logitsP, logitsQ);
        return Transforms.abs(pq[0].probs().sub(pq[1].probs()), false).sum(1).muli(0.5);
    }

    /**
     * Entropy H = −Σ p ln p of p = softmax(a) per row, from the max-shifted log-softmax, 0 ln 0 = 0 for a
     * masked category (PyTorch: {@code Categorical(logits=a).entropy()}).
     *
     * @param logits logits {@code [B, K]}
     * @return {@code [B]}
     */
    public static INDArray entropyFromLogits(INDArray logits) {
        Nd4jChecks.requireRank("logits", logits, 2, "[batch, categories] matrix of logits");
        SoftmaxRows p = SoftmaxRows.of("logits", logits);
        INDArray terms = p.logProbs().mul(p.probs());
        if (p.hasMaskedCategory()) {
            terms = terms.putWhereWithMask(p.masked(), 0.0);
        }
        return terms.sum(1).negi();
    }

    /**
     * Jensen–Shannon divergence ½ KL(P‖M) + ½ KL(Q‖M) of P = softmax(a) and Q = softmax(b) per row, with
     * ln m = max(ln p, ln q) + ln(1 + e^−|ln p − ln q|) − ln 2 computed in log space.
     *
     * @param logitsP logits a {@code [B, K]}
     * @param logitsQ logits b {@code [B, K]}
     * @return {@code [B]}, each in [0, ln 2]
     */
    public static INDArray jsFromLogits(INDArray logitsP, INDArray logitsQ) {
        SoftmaxRows[] pq = softmaxPair(logitsP, logitsQ);
        SoftmaxRows p = pq[0];
        SoftmaxRows q = pq[1];
        INDArray gap = Transforms.abs(p.logProbs().sub(q.logProbs()), false);
        INDArray logM = Transforms.max(p.logProbs(), q.logProbs(), true)
                .addi(Transforms.log1p(Transforms.exp(gap.negi(), false), false))
                .subi(LN_2);
        INDArray termsP = p.logProbs().sub(logM).muli(p.probs());
        INDArray termsQ = q.logProbs().sub(logM).muli(q.probs());
        if (p.hasMaskedCategory() || q.hasMaskedCategory()) {
            termsP = termsP.putWhereWithMask(p.masked(), 0.0);
            termsQ = termsQ.putWhereWithMask(q.masked(), 0.0);
        }
        return termsP.sum(1).addi(termsQ.sum(1)).muli(0.5);
    }

    /** Σ x·ln(x/y) per row, 0 where x = 0, +∞ where x &gt; 0 = y; inputs already validated. */
    private static INDArray relativeEntropyRows(INDArray x, INDArray y) {
        INDArray zeroX = x.eq(0.0);
        // ln 1 = 0 where x = 0: those terms are 0·0, never 0·(−∞).
        INDArray logX = Transforms.log(x.putWhereWithMask(zeroX, 1.0), false);
        INDArray logY = Transforms.log(y.putWhereWithMask(zeroX, 1.0), false);
        return logX.subi(logY).muli(x).sum(1);
    }

    /**
     * Row-wise softmax and log-softmax of validated logits: ln p = (a − max a) − ln Σ e^(a − max a).
     *
     * @param logProbs          ln p, −∞ exactly where the logit is −∞
     * @param probs             p = e^(ln p)
     * @param hasMaskedCategory whether any logit is −∞
     */
    private record SoftmaxRows(INDArray logProbs, INDArray probs, boolean hasMaskedCategory) {
        static SoftmaxRows of(String name, INDArray logits) {
            INDArray rowMax = logits.max(true, 1);
            boolean hasMaskedCategory = Nd4jChecks.requireLogitRows(name, logits, rowMax);
            INDArray shifted = logits.subColumnVector(rowMax);
            INDArray exp = Transforms.exp(shifted, true);
            INDArray sum = exp.sum(true, 1);
            INDArray logProbs = shifted.subiColumnVector(Transforms.log(sum, true));
            INDArray probs = exp.diviColumnVector(sum);
            return new SoftmaxRows(logProbs, probs, hasMaskedCategory);
        }

        /** True where the category is excluded (logit −∞). */
        INDArray masked() {
            return logProbs.eq(Double.NEGATIVE_INFINITY);
        }
    }
}
