package dev.kl4j.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kl4j.core.djl.DjlScopes;

/**
 * The baseline of {@link LogitsKlSpeedComparison}: {@code DjlDivergences.klFromLogits} as it was before
 * its per-row work moved to a Java kernel, kept unchanged so that old and new can be timed in one JVM.
 * Row chunks of 2¹⁸ elements, each through about a dozen libtorch operations (two log-softmaxes, exp,
 * the log-ratio, the KL and both closed-form gradients), copied into preallocated gradients; autograd
 * sees KL + Σ x·g − stopGradient(Σ x·g) as a batched product on {@code expandDims} views. Same semantics
 * as the library's (−∞ masks, +∞ where P has a category Q lacks).
 */
final class PreviousKlFromLogits {
    private static final long CHUNK_ELEMENTS = 1L << 18;

    private PreviousKlFromLogits() {
    }

    /**
     * KL(P‖Q) per row, P = softmax(a), Q = softmax(b), differentiable in both.
     *
     * @param logitsP a, {@code [rows, K]}
     * @param logitsQ b, same shape
     * @return KL per row, {@code [rows]}
     */
    static NDArray klFromLogits(NDArray logitsP, NDArray logitsQ) {
        return DjlScopes.withIntermediatesClosed(() -> {
            Shape matrix = logitsP.getShape();
            long rows = matrix.get(0);
            long categories = matrix.get(1);
            NDArray a = logitsP;
            NDArray b = logitsQ;
            NDArray detachedA = a.stopGradient();
            NDArray detachedB = b.stopGradient();
            NDArray gradA = a.getManager().create(matrix, a.getDataType());
            NDArray gradB = b.getManager().create(matrix, b.getDataType());
            boolean masked = hasNegativeInfinity(detachedA) || hasNegativeInfinity(detachedB);
            NDArray kl = a.getManager().create(new Shape(rows), a.getDataType());
            long chunkRows = Math.max(1, CHUNK_ELEMENTS / categories);
            for (long start = 0; start < rows; start += chunkRows) {
                NDIndex chunk = new NDIndex("{}:{}", start, Math.min(rows, start + chunkRows));
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray[] result = chunk(detachedA.get(chunk), detachedB.get(chunk), masked);
                    kl.set(chunk, result[0]);
                    gradA.set(chunk, result[1]);
                    gradB.set(chunk, result[2]);
                }
            }
            return kl.add(surrogate(a, gradA, masked)).add(surrogate(b, gradB, masked));
        });
    }

    private static NDArray[] chunk(NDArray a, NDArray b, boolean masked) {
        NDArray logP = a.logSoftmax(-1);
        NDArray logQ = b.logSoftmax(-1);
        NDArray p = logP.exp();
        NDArray logRatio;
        NDArray rowFinite = null;
        if (!masked) {
            logRatio = logP.sub(logQ);
        } else {
            NDArray inP = logP.gt(Float.NEGATIVE_INFINITY);
            NDArray inQ = logQ.gt(Float.NEGATIVE_INFINITY);
            logRatio = NDArrays.where(inP.logicalAnd(inQ), logP.sub(logQ), zero(logP));
            rowFinite = inP.logicalAnd(inQ.logicalNot()).sum(new int[] {-1}).eq(0);
        }
        NDArray kl = p.mul(logRatio).sum(new int[] {-1});
        NDArray gradA = p.mul(logRatio.sub(kl.expandDims(-1)));
        NDArray gradB = logQ.exp().sub(p);
        if (masked) {
            NDArray rowFiniteFull = rowFinite.expandDims(-1).broadcast(logP.getShape());
            gradA = NDArrays.where(rowFiniteFull, gradA, zero(gradA));
            gradB = NDArrays.where(rowFiniteFull, gradB, zero(gradB));
            kl = NDArrays.where(rowFinite, kl, kl.getManager().full(new Shape(), Float.POSITIVE_INFINITY, kl.getDataType()));
        }
        return new NDArray[] {kl, gradA, gradB};
    }

    private static NDArray surrogate(NDArray x, NDArray gradient, boolean masked) {
        NDArray finiteX = masked ? NDArrays.where(x.gt(Float.NEGATIVE_INFINITY), x, zero(x)) : x;
        NDArray dot = finiteX.expandDims(1).matMul(gradient.expandDims(2)).reshape(x.getShape().get(0));
        return dot.sub(dot.stopGradient());
    }

    private static boolean hasNegativeInfinity(NDArray x) {
        double min = x.min().toType(DataType.FLOAT64, false).getDouble();
        return !(min > Double.NEGATIVE_INFINITY);
    }

    private static NDArray zero(NDArray like) {
        return like.getManager().zeros(new Shape(), like.getDataType());
    }
}
