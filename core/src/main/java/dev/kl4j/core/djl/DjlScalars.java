package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar constants for differentiable DJL code: use {@code x.mul(DjlScalars.of(x, 0.5f))}, not
 * {@code x.mul(0.5f)}, whenever a backward pass may run later.
 *
 * <p>Why: on the PyTorch engine, {@code x.mul(0.5f)} (and every other operation taking a Java
 * {@code Number}) copies the number into a fresh Java direct buffer, wraps that buffer without copying
 * ({@code torch::from_blob}), runs the operation and closes the wrapper at once. Closing drops DJL's only
 * reference to the buffer, so Java's garbage collector may free the memory and reuse it. Autograd,
 * however, keeps the wrapped scalar for the backward pass when the operation needs it there
 * ({@code mul}, {@code div}, {@code maximum}, {@code minimum}, {@code pow}; not {@code add} or
 * {@code sub}): if a collection happens between the forward and the backward pass, the gradient is
 * computed from freed memory. Whether it does depends on GC timing, so the symptom is runs that differ
 * from one another and now and then explode.
 *
 * <p>{@link #of} instead asks the engine for the constant ({@code NDManager.full}), so its memory is
 * owned by the engine and lives as long as anything, including the autograd graph, refers to it. The
 * value and data type are the same as the {@code Number} overload's, so results are bit-identical.
 */
public final class DjlScalars {
    private DjlScalars() {
    }

    /**
     * An engine-allocated rank-0 constant of {@code like}'s data type, owned by {@code like}'s manager.
     *
     * @param like  the array the constant will be combined with
     * @param value the constant
     * @return a scalar array
     */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }
}
