package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.djl.DjlDivergences;

/**
 * Forward (mass-covering) KL from the teacher to the student, the soft-target term of standard
 * knowledge distillation and the supervised KD of sequence-level work (Kim and Rush 2016):
 * <pre>
 *   L = T² · KL( softmax(t/T) ‖ softmax(s/T) ) = T² · Σ_c p_T,c · ln(p_T,c / p_S,c)
 * </pre>
 * The student is pushed to cover every class the teacher gives mass to. Default T = 1 (then T² = 1).
 * Computed by {@link DjlDivergences#klFromLogits}(t/T, s/T); a teacher probability of 0 gives a term of
 * exactly 0. For finite logits this is PyTorch's
 * {@code T**2 * F.kl_div(log_softmax(s/T), log_softmax(t/T), log_target=True, reduction='batchmean')} (the
 * student's log-probabilities first).
 */
public final class ForwardKlLoss extends TemperatureScaledLoss {
    /**
     * Creates the loss with the given settings, checked when made (a bad value throws
     * {@link dev.kl4j.core.InvalidArgumentException} naming it).
     *
     * @param temperature   T &gt; 0
     * @param teacherOutput what the teacher's array holds
     */
    public ForwardKlLoss(float temperature, TeacherOutput teacherOutput) {
        super("ForwardKlLoss", temperature, teacherOutput);
    }

    @Override
    protected NDArray divergence(NDArray studentLogits, NDArray teacherLogits) {
        return DjlDivergences.klFromLogits(teacherLogits, studentLogits);
    }
}
