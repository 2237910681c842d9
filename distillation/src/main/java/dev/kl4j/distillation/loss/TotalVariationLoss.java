package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.djl.DjlDivergences;

/**
 * Total variation distance between teacher and student, as used for distillation by Wen et al. (2023,
 * "f-Divergence Minimization for Sequence-Level Knowledge Distillation"), p = softmax(t/T),
 * q = softmax(s/T):
 * <pre>
 *   L = T² · TV(p, q) = T² · ½ Σ_c | p_c − q_c |,     0 ≤ TV ≤ 1
 * </pre>
 * Bounded and symmetric, so a few confident mistakes cannot dominate the batch. Default T = 1. TV comes
 * from the core's {@code DjlDivergences.tvFromLogits}; the subgradient at p_c = q_c is 0.
 */
public final class TotalVariationLoss extends TemperatureScaledLoss {
    /**
     * Creates the loss with the given settings, checked when made (a bad value throws
     * {@link dev.kl4j.core.InvalidArgumentException} naming it).
     *
     * @param temperature   T &gt; 0
     * @param teacherOutput what the teacher's array holds
     */
    public TotalVariationLoss(float temperature, TeacherOutput teacherOutput) {
        super("TotalVariationLoss", temperature, teacherOutput);
    }

    @Override
    protected NDArray divergence(NDArray studentLogits, NDArray teacherLogits) {
        return DjlDivergences.tvFromLogits(teacherLogits, studentLogits);
    }
}
