package dev.kl4j.core.djl;

import java.nio.ByteBuffer;

/**
 * KL(P‖Q) from logits and its two gradients for a block of rows, in Java, reading and writing the
 * float32 memory of libtorch tensors through direct {@link ByteBuffer}s (native byte order), so that a
 * row is read from memory once and the rest of its work runs in cache. Used by
 * {@link DjlDivergences#klFromLogits} on CPU float32 PyTorch arrays.
 *
 * <p>Per row, with m = max a and s_a = Σ exp(a − m) (likewise for b):
 * <pre>
 *   ln p_k = a_k − lse_a,  lse_a = m_a + ln s_a,   c = lse_a − lse_b,
 *   KL     = Σ_k p_k (a_k − b_k) − c                (as Σ p_k = 1),
 *   ∂KL/∂a_k = p_k ((a_k − b_k) − (c + KL)),   ∂KL/∂b_k = q_k − p_k,
 * </pre>
 * in three passes over the row: maxima and minima; exp(a − m_a) and exp(b − m_b) (kept in a scratch row)
 * with s_a, s_b and Σ e_a (a − b); the gradients. Sums are taken in float over short runs and added
 * up in double.
 *
 * <p><b>Semantics of {@link DjlDivergences#klFromLogits}.</b> A −∞ logit masks its category: in a row
 * with −∞ entries only categories finite in both a and b add to the KL and to ∂KL/∂a; a category finite
 * in a but −∞ in b makes the row's KL +∞ and its gradients 0. A row whose log-sum-exp is not finite
 * (a NaN or +∞ logit, or all logits −∞) gives what the libtorch formula gives: if lse_a is NaN, KL and
 * both gradients are NaN; otherwise (lse_b NaN, so every ln q_k is NaN and no category of P is in Q's
 * support) KL = +∞ with gradients 0.
 */
interface LogitsKlKernel {

    /**
     * Computes one block of rows.
     *
     * @param a          logits of P, {@code rows × categories} float32
     * @param b          logits of Q, same layout
     * @param gradA      receives ∂KL/∂a, same layout
     * @param gradB      receives ∂KL/∂b, same layout
     * @param kl         receives KL per row, {@code rows} float32
     * @param categories K, floats per row
     * @return true if some logit of the block is not finite (the caller then masks the linear surrogate)
     */
    boolean klRows(ByteBuffer a, ByteBuffer b, ByteBuffer gradA, ByteBuffer gradB, ByteBuffer kl, int categories);

    /** The Vector API kernel, or null when the {@code jdk.incubator.vector} module is absent. */
    LogitsKlKernel VECTOR = Loader.vectorKernel();

    /**
     * {@return the kernel {@link DjlDivergences#klFromLogits} uses: the Vector API kernel when the module
     * is in the boot layer, else null (libtorch operations, which were twice as fast as the scalar kernel
     * on one thread)}
     */
    static LogitsKlKernel best() {
        return VECTOR;
    }

    /** Loads the Vector API kernel only when its module is present, so it cannot fail to link. */
    final class Loader {
        private Loader() {
        }

        static LogitsKlKernel vectorKernel() {
            if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                return null;
            }
            try {
                return vector();
            } catch (LinkageError e) {
                return null; // the module is there but unusable: stay on the scalar kernel
            }
        }

        /** Kept apart so that {@link VectorLogitsKl} is resolved only when this method runs. */
        private static LogitsKlKernel vector() {
            return VectorLogitsKl.INSTANCE;
        }
    }
}
