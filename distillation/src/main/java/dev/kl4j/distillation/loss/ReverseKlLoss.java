package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.djl.DjlDivergences;

/**
 * Reverse (mode-seeking) KL from the student to the teacher, the objective of MiniLLM (Gu, Dong, Wei and
 * Huang 2024, "MiniLLM: Knowledge Distillation of Large Language Models"):
 * <pre>
 *   L = T² · KL( softmax(s/T) ‖ softmax(t/T) ) = T² · Σ_c p_S,c · ln(p_S,c / p_T,c)
 * </pre>
 * The student concentrates on the teacher's main modes instead of covering its tail. Default T = 1.
 * Computed by {@link DjlDivergences#reverseKlFromLogits}(t/T, s/T) (for finite logits, PyTorch's
 * {@code T**2 * F.kl_div(log_softmax(t/T), log_softmax(s/T), log_target=True, reduction='batchmean')}).
 * Where the teacher gives probability 0 to a class the student does not exclude, the loss is +∞ (SciPy
 * semantics, no epsilon). MiniLLM optimises this on student-generated sequences with a policy gradient;
 * here it is the token-level divergence on whatever sequences the caller feeds.
 */
public final class ReverseKlLoss extends TemperatureScaledLoss {
    /**
     * Creates the loss with the given settings, checked when made (a bad value throws
     * {@link dev.kl4j.core.InvalidArgumentException} naming it).
     *
     * @param temperature   T &gt; 0
     * @param teacherOutput what the teacher's array holds
     */
    public ReverseKlLoss(float temperature, TeacherOutput teacherOutput) {
        super("ReverseKlLoss", temperature, teacherOutput);
    }

    @Override
    protected NDArray divergence(NDArray studentLogits, NDArray teacherLogits) {
        return DjlDivergences.reverseKlFromLogits(teacherLogits, studentLogits);
    }
}
