package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.djl.DjlDivergences;

/**
 * Decoupled knowledge distillation (Zhao, Cui, Song, Qiu and Liang 2022, "Decoupled Knowledge
 * Distillation"), which splits the KD term into a target-class part (TCKD) and a non-target part
 * (NCKD) and weights them separately. With y the hard label and logits scaled by 1/T:
 * <pre>
 *   b      = ( p_y, 1 − p_y )                       binary: target class against the rest
 *   p̂      = softmax over the classes c ≠ y           the distribution among non-target classes
 *   TCKD   = T² · KL( b_T ‖ b_S ),   NCKD = T² · KL( p̂_T ‖ p̂_S )
 *   L      = w_CE · CE(s, y) + α · TCKD + β · NCKD
 * </pre>
 * Defaults α = 1, β = 8, T = 4 and w_CE = 1 (the paper's CIFAR-100 setting and mdistiller's
 * {@code DKD} defaults; mdistiller also ramps the DKD part in over 20 warm-up epochs, a schedule left to
 * the trainer). The non-target distribution masks the target class with a logit of −∞, probability
 * exactly 0 (mdistiller subtracts 1000 instead). The loss is computed through the paper's identity
 * KD = TCKD + (1 − p_T,y)·NCKD (see {@link #rowLoss}), so ln(1 − p_y) is never formed and no probability is
 * subtracted from 1.
 *
 * <p>The divergence is the core's {@link DjlDivergences#decoupledKlFromLogits}: one weighted sum of
 * log-probability differences, cheaper than two {@code klFromLogits} calls on the binary pair and on the
 * target-masked logits (which cost 1.36 × a cross-entropy epoch). The teacher is detached.
 */
public final class DecoupledKdLoss extends DistillationLoss {
    /** Default weight of TCKD. */
    public static final float DEFAULT_ALPHA = 1f;
    /** Default weight of NCKD. */
    public static final float DEFAULT_BETA = 8f;
    /** Default temperature. */
    public static final float DEFAULT_TEMPERATURE = 4f;
    /** Default weight of the cross-entropy on hard labels. */
    public static final float DEFAULT_CE_WEIGHT = 1f;

    private final float alpha;
    private final float beta;
    private final float temperature;
    private final float crossEntropyWeight;

    /**
     * Creates the loss with the given settings, checked when made (a bad value throws
     * {@link dev.kl4j.core.InvalidArgumentException} naming it).
     *
     * @param alpha              weight of TCKD, ≥ 0
     * @param beta               weight of NCKD, ≥ 0
     * @param temperature        T &gt; 0
     * @param crossEntropyWeight weight of CE(s, y), ≥ 0
     * @param teacherOutput      what the teacher's array holds
     */
    public DecoupledKdLoss(float alpha, float beta, float temperature, float crossEntropyWeight,
            TeacherOutput teacherOutput) {
        super("DecoupledKdLoss", teacherOutput);
        this.alpha = requireNonNegative("alpha", alpha);
        this.beta = requireNonNegative("beta", beta);
        this.temperature = requireTemperature(temperature);
        this.crossEntropyWeight = requireNonNegative("crossEntropyWeight", crossEntropyWeight);
    }

    /** {@return α, the weight of TCKD} */
    public float alpha() {
        return alpha;
    }

    /** {@return β, the weight of NCKD} */
    public float beta() {
        return beta;
    }

    /** {@return T} */
    public float temperature() {
        return temperature;
    }

    /** {@return the weight of the cross-entropy term} */
    public float crossEntropyWeight() {
        return crossEntropyWeight;
    }

    @Override
    protected boolean usesHardLabels() {
        return true;
    }

    /**
     * T²·(α·TCKD + β·NCKD) from the core's {@link DjlDivergences#decoupledKlFromLogits} on the detached
     * teacher's and the student's logits at temperature T (the identity KD = TCKD + (1 − p_T,y)·NCKD of
     * Zhao et al., §3.1, is spelled out there), plus w_CE·CE(s, y) at temperature 1. A teacher probability
     * of 0 (ln 0 = −∞, e.g. from {@link TeacherOutput#PROBABILITIES}) adds exactly 0.
     */
    @Override
    protected NDArray rowLoss(NDArray studentLogits, NDArray teacherLogits, NDArray hardLabels) {
        NDArray target = targetMask(hardLabels, studentLogits);
        // α·TCKD + β·NCKD at temperature T, from the core (through KD = TCKD + (1 − p_T,y)·NCKD), times T².
        NDArray decoupled = DjlDivergences.decoupledKlFromLogits(divideByTemperature(teacherLogits.stopGradient(), temperature),
                divideByTemperature(studentLogits, temperature), target, alpha, beta);
        NDArray loss = scale(decoupled, temperature * temperature);
        if (crossEntropyWeight > 0f) {
            loss = loss.add(scale(crossEntropyAt(studentLogits, target), crossEntropyWeight));
        }
        return loss;
    }
}
