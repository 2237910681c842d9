package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;

/**
 * A divergence between teacher and student at temperature T, scaled by T²:
 * <pre>
 *   L = T² · D( softmax(t/T), softmax(s/T) )
 * </pre>
 * the common shape of the forward and reverse KL, generalized JSD, skew KLs and total variation. The T²
 * factor keeps the logit gradients about the same size for every T (Hinton et al. 2015, §2); at the
 * default T = 1 it changes nothing. Subclasses give D on the already divided logits; they use no hard
 * labels.
 */
public abstract class TemperatureScaledLoss extends DistillationLoss {
    private final float temperature;

    /**
     * For subclasses: names the loss and fixes its temperature T &gt; 0.
     *
     * @param name          the loss's name in DJL's training logs
     * @param temperature   T &gt; 0
     * @param teacherOutput what the teacher's array holds
     */
    protected TemperatureScaledLoss(String name, float temperature, TeacherOutput teacherOutput) {
        super(name, teacherOutput);
        this.temperature = requireTemperature(temperature);
    }

    /** {@return T} */
    public float temperature() {
        return temperature;
    }

    /**
     * D per row, the divergence named in the subclass's class Javadoc (formula and source there).
     *
     * @param studentLogits s/T, {@code [..., C]}
     * @param teacherLogits t/T, same shape
     * @return the divergence per row, {@code [...]}
     */
    protected abstract NDArray divergence(NDArray studentLogits, NDArray teacherLogits);

    @Override
    protected final boolean usesHardLabels() {
        return false;
    }

    @Override
    protected final NDArray rowLoss(NDArray studentLogits, NDArray teacherLogits, NDArray hardLabels) {
        NDArray d = divergence(divideByTemperature(studentLogits, temperature), divideByTemperature(teacherLogits, temperature));
        return scale(d, temperature * temperature);
    }
}
