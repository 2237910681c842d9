package com.example.distillation;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.djl.DjlDivergences;
import dev.kl4j.distillation.loss.DistillationLoss;

// A user's own divergence as a distillation loss, outside kl4j's packages: distillation/README.md's
// "Extend it" shows the class between the markers verbatim; JensenShannonLossExampleTest runs it.
// README snippet begin
/** JS(p, q) = ½KL(p ‖ m) + ½KL(q ‖ m), m = ½(p + q): teacher p = softmax(t), student q = softmax(s). */
final class JensenShannonLoss extends DistillationLoss {
    JensenShannonLoss() {
        super("jensen_shannon", TeacherOutput.LOGITS);
    }

    @Override
    protected boolean usesHardLabels() {
        return false;
    }

    @Override
    protected NDArray rowLoss(NDArray studentLogits, NDArray teacherLogits, NDArray hardLabels) {
        return DjlDivergences.jsFromLogits(teacherLogits, studentLogits);   // one value per row
    }
}
// README snippet end
