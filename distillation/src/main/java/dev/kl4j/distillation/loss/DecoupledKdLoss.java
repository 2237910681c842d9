package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.kl4j.core.djl.DjlDivergences;
import dev.kl4j.core.djl.DjlScalars;

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
 * the trainer). The non-target distribution masks the target class with a logit of −∞, which
 * {@link DjlDivergences#klFromLogits} treats as probability exactly 0 (mdistiller subtracts 1000
 * instead). ln(1 − p_y) = logsumexp_{c≠y} z_c − logsumexp_c z_c, so no probability is subtracted from 1.
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

    @Override
    protected NDArray rowLoss(NDArray studentLogits, NDArray teacherLogits, NDArray hardLabels) {
        NDArray target = targetMask(hardLabels, studentLogits);
        NDArray t = divideByTemperature(teacherLogits, temperature);
        NDArray s = divideByTemperature(studentLogits, temperature);
        NDArray tckd = DjlDivergences.klFromLogits(binaryLogProbs(t, target), binaryLogProbs(s, target));
        NDArray nckd = DjlDivergences.klFromLogits(maskTarget(t, target), maskTarget(s, target));
        NDArray loss = scale(tckd, alpha * temperature * temperature)
                .add(scale(nckd, beta * temperature * temperature));
        if (crossEntropyWeight > 0f) {
            loss = loss.add(scale(crossEntropy(studentLogits, hardLabels), crossEntropyWeight));
        }
        return loss;
    }

    /** The logits with the target class set to −∞ (probability exactly 0). */
    private static NDArray maskTarget(NDArray logits, NDArray target) {
        return NDArrays.where(target, DjlScalars.of(logits, Float.NEGATIVE_INFINITY).broadcast(logits.getShape()), logits);
    }

    /** (ln p_y, ln(1 − p_y)) stacked on a last axis of 2. */
    private static NDArray binaryLogProbs(NDArray logits, NDArray target) {
        NDArray all = logSumExp(logits);
        NDArray rest = logSumExp(maskTarget(logits, target));
        NDArray logTarget = NDArrays.where(target, logits, zero(logits)).sum(new int[] {-1}).sub(all);
        return NDArrays.stack(new NDList(logTarget, rest.sub(all)), -1);
    }

    /** ln Σ_c e^{z_c} over the last axis, shifted by the (constant) row maximum; −∞ entries add 0. */
    private static NDArray logSumExp(NDArray logits) {
        NDArray max = logits.max(new int[] {-1}, true).stopGradient();
        return logits.sub(max).exp().sum(new int[] {-1}).log().add(max.squeeze(-1));
    }
}
