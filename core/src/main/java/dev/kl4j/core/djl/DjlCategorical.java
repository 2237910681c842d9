package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kl4j.core.InvalidArgumentException;
import java.util.random.RandomGenerator;

/**
 * A batch of categorical distributions over actions {0, …, K−1} from logits {@code [B, K]}, the discrete
 * policy head; the tensor counterpart of {@link dev.kl4j.core.distribution.Categorical} and of PyTorch's
 * {@code torch.distributions.Categorical(logits=ℓ)} (same log-probabilities, entropy and KL).
 * <pre>
 *   ln π(k) = logSoftmax(ℓ)_k        H = −Σ_k p_k ln p_k  (0·ln 0 = 0)
 *   KL(π ‖ π') = Σ_k p_k (ln p_k − ln p'_k)
 * </pre>
 * Entropy and KL are {@link DjlDivergences#entropyFromLogits} and {@link DjlDivergences#klFromLogits}
 * (SciPy's zero semantics: a category with p = 0 contributes 0; p &gt; 0 where p' = 0 gives +∞).
 *
 * <p><b>Action masks.</b> {@link #fromLogits(NDArray, NDArray)} takes a boolean mask of allowed actions
 * and replaces the logits of forbidden ones by −∞ ("invalid action masking", Huang &amp; Ontañón 2022):
 * a masked action has probability exactly 0 and log-probability −∞, is never sampled, and contributes
 * nothing to entropy, KL or gradients.
 *
 * <p><b>Fisher metric.</b> In logit space the Fisher information of a categorical (the Hessian of the
 * KL in its second argument's logits) is M = diag(p) − ppᵀ, so
 * <pre>
 *   M u = p ⊙ u − p (pᵀ u)
 * </pre>
 * per batch element; entries of u at masked categories are ignored.
 */
public final class DjlCategorical implements DjlDistribution {
    private final NDArray logits;

    private DjlCategorical(NDArray logits) {
        this.logits = logits;
    }

    /**
     * {@return the distributions softmax(logits) row by row}
     *
     * @param logits unnormalised log-probabilities {@code [B, K]} (or {@code [K]} for one distribution);
     *               −∞ masks a category
     */
    public static DjlCategorical fromLogits(NDArray logits) {
        DjlChecks.requireCategoryAxis("logits", logits);
        return new DjlCategorical(logits);
    }

    /**
     * {@return the distributions with the forbidden actions' logits set to −∞}
     *
     * @param logits      unnormalised log-probabilities {@code [B, K]}
     * @param allowedMask boolean {@code [B, K]} (or {@code [K]}, shared by all rows): true where the action
     *                    is allowed; every row must allow at least one action
     */
    public static DjlCategorical fromLogits(NDArray logits, NDArray allowedMask) {
        DjlChecks.requireCategoryAxis("logits", logits);
        if (allowedMask.getDataType() != DataType.BOOLEAN) {
            throw new InvalidArgumentException("allowedMask", "allowedMask has data type "
                    + allowedMask.getDataType() + "; it must be boolean (true = allowed)");
        }
        Shape shape = logits.getShape();
        Shape maskShape = allowedMask.getShape();
        boolean sameShape = maskShape.equals(shape);
        boolean sharedRow = maskShape.dimension() == 1 && maskShape.get(0) == shape.get(shape.dimension() - 1);
        if (!sameShape && !sharedRow) {
            throw new InvalidArgumentException("allowedMask", "allowedMask has shape " + maskShape
                    + " but logits have shape " + shape + "; it must be " + shape + " or [K]");
        }
        try (NDArray anyAllowed = allowedMask.toType(DataType.INT32, false).sum(new int[] {-1}).gt(0);
                NDArray allRows = anyAllowed.all()) {
            if (!allRows.getBoolean()) {
                throw new InvalidArgumentException("allowedMask", "allowedMask allows no action in at least one row");
            }
        }
        NDArray fullMask = sameShape ? allowedMask : allowedMask.broadcast(shape);
        NDArray masked = NDArrays.where(fullMask, logits,
                logits.getManager().full(new Shape(), Float.NEGATIVE_INFINITY, logits.getDataType()));
        return new DjlCategorical(masked);
    }

    /** {@return the logits {@code [B, K]}, −∞ at masked actions} */
    public NDArray logits() {
        return logits;
    }

    /** {@return ln p, {@code [B, K]}} */
    public NDArray logProbs() {
        return logits.logSoftmax(-1);
    }

    /** {@return p = softmax(logits), {@code [B, K]}} */
    public NDArray probs() {
        return logits.softmax(-1);
    }

    /** {@return the number of categories K} */
    public int numCategories() {
        return (int) logits.getShape().get(logits.getShape().dimension() - 1);
    }

    /**
     * {@return ln π(a_b), {@code [B]}; −∞ for a masked action}
     *
     * @param actions indices {@code [B]} (any integer or floating type holding whole numbers)
     */
    @Override
    public NDArray logProb(NDArray actions) {
        Shape batch = batchShape();
        if (!actions.getShape().equals(batch)) {
            throw new InvalidArgumentException("actions", "actions have shape " + actions.getShape()
                    + " but the distribution has batch shape " + batch);
        }
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray index = actions.getDataType() == DataType.INT64 ? actions : actions.toType(DataType.INT64, false);
            NDArray column = index.expandDims(-1);
            return logits.logSoftmax(-1).gather(column, -1).squeeze(-1);
        });
    }

    @Override
    public NDArray entropy() {
        return DjlDivergences.entropyFromLogits(logits);
    }

    @Override
    public NDArray kl(DjlDistribution other) {
        if (!(other instanceof DjlCategorical categorical)) {
            throw new InvalidArgumentException("other", "KL(DjlCategorical ‖ "
                    + (other == null ? "null" : other.getClass().getSimpleName()) + ") has no closed form here");
        }
        return DjlDivergences.klFromLogits(logits, categorical.logits);
    }

    /**
     * Inverse-CDF sampling on the host: each row's probabilities are computed in double from the logits
     * (p_k = exp(ℓ_k − max ℓ) / Σ_j exp(ℓ_j − max ℓ)), u = rng.nextDouble(), and the action is the first
     * k with u &lt; Σ_{j≤k} p_j (never a category with p = 0). One copy of the logits to the host and no
     * engine operation besides, which keeps a rollout step cheap.
     *
     * @param rng the random source (one draw per batch element, in row order)
     * @return int64 indices {@code [B]}
     */
    @Override
    public NDArray sample(RandomGenerator rng) {
        int k = numCategories();
        double[] l;
        if (logits.getDataType() == DataType.FLOAT64) {
            l = logits.toDoubleArray();
        } else if (logits.getDataType() == DataType.FLOAT32) {
            l = widen(logits.toFloatArray());
        } else {
            try (NDArray asFloat = logits.toType(DataType.FLOAT32, true)) {
                l = widen(asFloat.toFloatArray());
            }
        }
        int rows = l.length / k;
        long[] actions = new long[rows];
        for (int b = 0; b < rows; b++) {
            actions[b] = inverseCdf(l, b * k, k, rng.nextDouble());
        }
        return logits.getManager().create(actions, batchShape());
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** First index whose cumulative probability exceeds u; the last positive-probability index if rounding leaves u beyond the total. */
    private static int inverseCdf(double[] logits, int offset, int k, double u) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, logits[offset + j]);
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
            total += Math.exp(logits[offset + j] - max);
        }
        double threshold = u * total;   // compare unnormalised: u < Σ_{j≤k} exp(ℓ_j − max) / total
        double cumulative = 0;
        int lastPositive = -1;
        for (int j = 0; j < k; j++) {
            double w = Math.exp(logits[offset + j] - max);
            if (w > 0) {
                cumulative += w;
                lastPositive = j;
                if (threshold < cumulative) {
                    return j;
                }
            }
        }
        return lastPositive;
    }

    /** {@return argmax of the logits, int64 {@code [B]}} */
    @Override
    public NDArray mode() {
        return logits.argMax(-1);
    }

    @Override
    public NDList parameters() {
        return new NDList(logits);
    }

    /**
     * {@return p ⊙ u − p (pᵀ u), {@code [B, K]}}
     *
     * @param u one array {@code [B, K]}
     */
    @Override
    public NDList fisherVectorProduct(NDList u) {
        if (u.size() != 1) {
            throw new InvalidArgumentException("u", "u has " + u.size() + " arrays; a categorical has one parameter (logits)");
        }
        NDArray v = u.get(0);
        DjlChecks.requireSameShape("logits", logits, "u", v);
        NDArray product = DjlScopes.withIntermediatesClosed(() -> {
            NDArray logP = logits.stopGradient().logSoftmax(-1);
            NDArray p = logP.exp();
            // Masked categories (p = 0) must not turn a non-finite u into NaN: use u only in the support.
            NDArray inSupport = logP.gt(Float.NEGATIVE_INFINITY);
            NDArray supported = NDArrays.where(inSupport, v, v.getManager().zeros(new Shape(), v.getDataType()));
            NDArray pu = p.mul(supported);
            return pu.sub(p.mul(pu.sum(new int[] {-1}, true)));
        });
        return new NDList(product);
    }

    private Shape batchShape() {
        Shape shape = logits.getShape();
        return shape.slice(0, shape.dimension() - 1);
    }
}
