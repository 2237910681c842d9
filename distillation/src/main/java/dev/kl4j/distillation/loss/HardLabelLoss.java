package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;

/**
 * The baseline without a teacher: the cross-entropy on hard labels alone,
 * <pre>
 *   L = CE(s, y) = −ln softmax(s)_y
 * </pre>
 * (PyTorch's {@code F.cross_entropy(s, y)}, whose mean over rows is the reduction here) with the same inputs,
 * mask and reduction as the distillation losses, so that the same training loop and
 * data (with cached teacher logits, which it ignores) train the "scratch" student.
 */
public final class HardLabelLoss extends DistillationLoss {
    /**
     * Creates the hard-label baseline; the teacher array is checked for shape but otherwise ignored.
     *
     * @param teacherOutput what the (ignored) teacher array holds
     */
    public HardLabelLoss(TeacherOutput teacherOutput) {
        super("HardLabelLoss", teacherOutput);
    }

    @Override
    protected boolean usesHardLabels() {
        return true;
    }

    @Override
    protected NDArray rowLoss(NDArray studentLogits, NDArray teacherLogits, NDArray hardLabels) {
        return crossEntropy(studentLogits, hardLabels);
    }
}
