package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Creates float32 arrays whose memory libtorch allocated itself.
 *
 * <p>{@code NDManager.create(float[], shape)} on the PyTorch engine copies the values into a Java direct
 * buffer and wraps that buffer without copying ({@code from_blob}). Such tensors have whatever alignment
 * the Java allocation had, and MKL's matrix multiply takes alignment-dependent code paths, so the same
 * computation on two such arrays could round differently: same-seed runs then disagreed in the fifth
 * digit. A {@code duplicate()} (libtorch {@code clone}, 64-byte aligned) removes that source of
 * non-reproducibility; the wrapped original is closed at once.
 */
public final class OwnedArrays {
    private OwnedArrays() {
    }

    /**
     * {@return a libtorch-allocated copy}
     *
     * @param manager owner of the result
     * @param values  data, row-major
     * @param shape   shape; its size must equal {@code values.length}
     */
    public static NDArray create(NDManager manager, float[] values, Shape shape) {
        try (NDArray wrapped = manager.create(values, shape)) {
            return wrapped.duplicate();
        }
    }
}
