package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.djl.DjlDivergences;

/**
 * The distillation loss of Hinton, Vinyals and Dean (2015), "Distilling the Knowledge in a Neural
 * Network", §2:
 * <pre>
 *   L = α · T² · KL( softmax(t/T) ‖ softmax(s/T) ) + (1 − α) · CE(s, y)
 * </pre>
 * with s the student's logits, t the teacher's, y the hard label and CE(s, y) = −ln softmax(s)_y at
 * temperature 1. The T² factor keeps the soft-target gradient, ∂/∂s_i = α·T·(softmax(s/T)_i −
 * softmax(t/T)_i), about the same size for every T (for large T it tends to α·(s_i − t_i)/C for
 * zero-mean logits). Defaults T = 4, α = 0.9 (the weights torchdistill and mdistiller use: KD 0.9, CE 0.1).
 * The KL is {@link DjlDivergences#klFromLogits}; the reduction is the batch mean ({@link DistillationLoss}).
 */
public final class HintonLoss extends DistillationLoss {
    /** Default temperature. */
    public static final float DEFAULT_TEMPERATURE = 4f;
    /** Default weight of the soft-target term. */
    public static final float DEFAULT_ALPHA = 0.9f;

    private final float temperature;
    private final float alpha;

    /**
     * Creates the loss with the given settings, checked when made (a bad value throws
     * {@link dev.kl4j.core.InvalidArgumentException} naming it).
     *
     * @param temperature   T &gt; 0
     * @param alpha         weight of the soft-target term, in [0, 1]
     * @param teacherOutput what the teacher's array holds
     */
    public HintonLoss(float temperature, float alpha, TeacherOutput teacherOutput) {
        super("HintonLoss", teacherOutput);
        this.temperature = requireTemperature(temperature);
        this.alpha = requireUnitInterval("alpha", alpha);
    }

    /** {@return T} */
    public float temperature() {
        return temperature;
    }

    /** {@return α, the weight of the soft-target term} */
    public float alpha() {
        return alpha;
    }

    @Override
    protected boolean usesHardLabels() {
        return alpha < 1f;
    }

    @Override
    protected NDArray rowLoss(NDArray studentLogits, NDArray teacherLogits, NDArray hardLabels) {
        NDArray soft = DjlDivergences.klFromLogits(divideByTemperature(teacherLogits, temperature),
                divideByTemperature(studentLogits, temperature));
        NDArray loss = scale(soft, alpha * temperature * temperature);
        if (alpha < 1f) {
            loss = loss.add(scale(crossEntropy(studentLogits, hardLabels), 1f - alpha));
        }
        return loss;
    }
}
