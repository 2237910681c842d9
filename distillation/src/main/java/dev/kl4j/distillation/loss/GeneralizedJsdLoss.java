package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.djl.DjlDivergences;

/**
 * Generalized Jensen–Shannon divergence with weight β, the loss of GKD (Agarwal et al. 2024,
 * "On-Policy Distillation of Language Models: Learning from Self-Generated Mistakes"), with
 * p = softmax(t/T) the teacher and q = softmax(s/T) the student:
 * <pre>
 *   M   = β·p + (1 − β)·q                         (a mixture of probabilities, not of log-probabilities)
 *   L   = T² · [ β · KL(p ‖ M) + (1 − β) · KL(q ‖ M) ]     for 0 &lt; β &lt; 1
 *   L   = T² · KL(p ‖ q)   at β = 0,     L = T² · KL(q ‖ p)   at β = 1
 * </pre>
 * The end points follow TRL's {@code GKDTrainer.generalized_jsd_loss}. Inside (0, 1) the divergence is
 * bounded (≤ H(β) = −β ln β − (1−β) ln(1−β)) and tends to the KLs after rescaling: GJSD_β / β → KL(p ‖ q)
 * as β → 0 and GJSD_β / (1 − β) → KL(q ‖ p) as β → 1. β = ½ is the ordinary Jensen–Shannon divergence.
 * Default β = 0.5, T = 1. ln M is formed in log space, ln M = logaddexp(ln β + ln p, ln(1−β) + ln q), so
 * it stays finite for logits of magnitude 1e4; both KLs are {@link DjlDivergences#klFromLogits} with
 * log-probabilities as logits.
 */
public final class GeneralizedJsdLoss extends TemperatureScaledLoss {
    /** Default β. */
    public static final float DEFAULT_BETA = 0.5f;

    private final float beta;

    /**
     * Creates the loss with the given settings, checked when made (a bad value throws
     * {@link dev.kl4j.core.InvalidArgumentException} naming it).
     *
     * @param beta          β in [0, 1], the teacher's weight in the mixture
     * @param temperature   T &gt; 0
     * @param teacherOutput what the teacher's array holds
     */
    public GeneralizedJsdLoss(float beta, float temperature, TeacherOutput teacherOutput) {
        super("GeneralizedJsdLoss", temperature, teacherOutput);
        this.beta = requireUnitInterval("beta", beta);
    }

    /** {@return β} */
    public float beta() {
        return beta;
    }

    @Override
    protected NDArray divergence(NDArray studentLogits, NDArray teacherLogits) {
        NDArray logP = teacherLogits.logSoftmax(-1);
        NDArray logQ = studentLogits.logSoftmax(-1);
        if (beta == 0f) {
            return DjlDivergences.klFromLogits(logP, logQ);
        }
        if (beta == 1f) {
            return DjlDivergences.klFromLogits(logQ, logP);
        }
        NDArray logM = logAddExp(addLogWeight(logP, beta), addLogWeight(logQ, 1f - beta));
        return scale(DjlDivergences.klFromLogits(logP, logM), beta)
                .add(scale(DjlDivergences.klFromLogits(logQ, logM), 1f - beta));
    }
}
