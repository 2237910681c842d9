package dev.kl4j.distillation.train;

import java.util.List;

/**
 * A finished teacher or student run.
 *
 * @param epochs per-epoch metrics
 * @param predictions the model's class (argmax) for every test image after the last epoch
 */
public record RunResult(List<EpochMetrics> epochs, int[] predictions) {
    /** {@return the last epoch's metrics} */
    public EpochMetrics last() {
        return epochs.get(epochs.size() - 1);
    }

    /** {@return mean seconds per training epoch} */
    public double meanEpochSeconds() {
        return epochs.stream().mapToDouble(EpochMetrics::seconds).average().orElse(Double.NaN);
    }
}
