package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * float32 arrays whose memory the engine allocated itself, for values that come from Java.
 *
 * <p>{@code NDManager.create(float[], shape)} on the PyTorch engine copies the values into a Java direct
 * buffer and wraps that buffer without copying ({@code torch::from_blob}). Such a tensor has whatever
 * alignment the Java allocation had, and MKL's matrix multiply takes alignment-dependent code paths, so
 * the same computation on two such arrays can round differently and same-seed runs disagree in the
 * fifth digit; the wrapped buffer must also stay reachable as long as the tensor lives. A
 * {@code duplicate()} (libtorch {@code clone}, 64-byte aligned, engine-owned) removes both problems; the
 * wrapper is closed at once.
 */
public final class DjlOwnedArrays {
    private DjlOwnedArrays() {
    }

    /**
     * {@return an engine-allocated copy of {@code values}}
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
