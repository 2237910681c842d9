package dev.kl4j.vae.train;

/** Hooks for progress display; all methods do nothing by default. */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() { };

    /**
     * Called before the first step of each epoch.
     *
     * @param epoch epoch starting, from 1
     * @param steps optimiser steps it will take
     */
    default void epochStarted(int epoch, int steps) {
    }

    /**
     * Called after each optimiser step.
     *
     * @param epoch   current epoch
     * @param step    step within the epoch, from 1
     * @param loss    this batch's −ELBO (nats per image)
     */
    default void stepFinished(int epoch, int step, double loss) {
    }

    /**
     * Called after each epoch (default: nothing).
     *
     * @param metrics the finished epoch's figures (after its checkpoint was written)
     */
    default void epochFinished(EpochMetrics metrics) {
    }
}
