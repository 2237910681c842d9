package dev.kl4j.core.discrete;

/**
 * Chooses the {@link FusedKernel}: the Vector API kernel when the {@code jdk.incubator.vector} module is
 * in the boot layer (run with {@code --add-modules jdk.incubator.vector}) and the input is long enough
 * to pay for it, the scalar kernel otherwise.
 */
final class Kernels {

    /** Below this length the scalar loop is used: no vector loop would run, and none needs warming up. */
    static final int VECTOR_MIN_LENGTH = 64;

    /** The Vector API kernel, or null when the module is absent. */
    static final FusedKernel VECTOR = loadVectorKernel();

    private Kernels() {
    }

    /** {@return the kernel for inputs of length n} */
    static FusedKernel forLength(int n) {
        return VECTOR != null && n >= VECTOR_MIN_LENGTH ? VECTOR : ScalarKernel.INSTANCE;
    }

    private static FusedKernel loadVectorKernel() {
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return null;
        }
        try {
            return vectorKernel();
        } catch (LinkageError e) {
            return null; // the module is there but unusable: stay correct on the scalar path
        }
    }

    /** Kept apart so that {@link VectorKernel} is resolved only when this method runs. */
    private static FusedKernel vectorKernel() {
        return VectorKernel.INSTANCE;
    }
}
