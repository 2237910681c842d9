package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;

/**
 * Any distillation loss mixed with the cross-entropy on hard labels, the way Hinton et al. (2015, §2)
 * mix soft and hard targets:
 * <pre>
 *   L = α · D(s, t) + (1 − α) · CE(s, y)
 * </pre>
 * D is the wrapped loss's per-row value (its own T² factor included). With D = {@link ForwardKlLoss} at
 * temperature T this is exactly {@link HintonLoss}. α in [0, 1]; there is no default (the factory
 * {@link DistillationLosses#withHardLabels} takes it explicitly).
 */
public final class WithHardLabels extends DistillationLoss {
    private final DistillationLoss divergence;
    private final float alpha;

    /**
     * Mixes D with the hard-label cross-entropy: α · D + (1 − α) · CE.
     *
     * @param divergence the distillation loss D
     * @param alpha      the weight of D, in [0, 1]
     */
    public WithHardLabels(DistillationLoss divergence, float alpha) {
        super(checked(divergence).getName() + "WithHardLabels", divergence.teacherOutput());
        this.divergence = divergence;
        this.alpha = requireUnitInterval("alpha", alpha);
    }

    private static DistillationLoss checked(DistillationLoss divergence) {
        if (divergence == null) {
            throw new dev.kl4j.core.InvalidArgumentException("divergence", "divergence is missing");
        }
        return divergence;
    }

    /** {@return the wrapped loss} */
    public DistillationLoss divergence() {
        return divergence;
    }

    /** {@return α} */
    public float alpha() {
        return alpha;
    }

    @Override
    protected boolean usesHardLabels() {
        return alpha < 1f || divergence.usesHardLabels();
    }

    @Override
    protected NDArray rowLoss(NDArray studentLogits, NDArray teacherLogits, NDArray hardLabels) {
        NDArray loss = scale(divergence.rowLoss(studentLogits, teacherLogits, hardLabels), alpha);
        if (alpha < 1f) {
            loss = loss.add(scale(crossEntropy(studentLogits, hardLabels), 1f - alpha));
        }
        return loss;
    }
}
