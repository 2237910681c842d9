package dev.kl4j.distillation.train;

import dev.kl4j.core.InvalidArgumentException;

/**
 * Optimisation settings of one training run: Adam with a fixed learning rate, shuffled minibatches.
 *
 * @param epochs       passes over the training set, ≥ 1
 * @param batchSize    examples per step, ≥ 1 (default 128)
 * @param learningRate Adam's learning rate, &gt; 0 (default 1e-3)
 * @param seed         seeds the engine (initialisation, dropout) and the batch shuffling
 */
public record TrainSettings(int epochs, int batchSize, float learningRate, long seed) {
    /** Default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 128;
    /** Default learning rate. */
    public static final float DEFAULT_LEARNING_RATE = 1e-3f;

    /**
     * Checks the ranges.
     *
     * @param epochs passes over the training set, ≥ 1
     * @param batchSize examples per step, ≥ 1 (default 128)
     * @param learningRate Adam's learning rate, &gt; 0 (default 1e-3)
     * @param seed seeds the engine (initialisation, dropout) and the batch shuffling
     */
    public TrainSettings {
        if (epochs < 1) {
            throw new InvalidArgumentException("epochs", "epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new InvalidArgumentException("batchSize", "batchSize must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0f) || Float.isInfinite(learningRate)) {
            throw new InvalidArgumentException("learningRate", "learningRate must be a finite number > 0, got " + learningRate);
        }
    }

    /**
     * Returns settings with the default batch size and learning rate.
     *
     * @param epochs epochs
     * @param seed   seed
     * @return settings with the default batch size and learning rate
     */
    public static TrainSettings of(int epochs, long seed) {
        return new TrainSettings(epochs, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, seed);
    }
}
