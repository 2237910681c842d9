package dev.kl4j.distillation.train;

/**
 * One epoch of a teacher or student run.
 *
 * @param epoch              1-based epoch
 * @param trainLoss          mean training loss over the epoch's steps (the loss being optimised)
 * @param testAccuracy       fraction of test images classified correctly after the epoch
 * @param teacherAgreement   fraction of test images on which the model's argmax equals the teacher's
 *                           (NaN for the teacher itself)
 * @param seconds            wall time of the epoch's training steps (evaluation excluded)
 */
public record EpochMetrics(int epoch, double trainLoss, double testAccuracy, double teacherAgreement, double seconds) {
}
