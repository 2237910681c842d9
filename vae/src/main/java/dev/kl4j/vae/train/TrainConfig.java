package dev.kl4j.vae.train;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.vae.objective.KlSchedule;

/**
 * Optimisation settings. Defaults ({@link #defaults()}): 10 epochs, batch 128, Adam lr 1e-3, β = 1, no
 * warm-up, no cyclical schedule, no free bits, seed 1 — pytorch/examples' VAE.
 *
 * @param epochs       epochs to reach (a resumed run continues up to this number)
 * @param batchSize    images per step
 * @param learningRate Adam step size
 * @param beta         final KL weight β
 * @param warmupSteps  linear warm-up length W in steps (0: none)
 * @param cyclical     "M,R" for Fu et al.'s cyclical schedule, or {@code null}
 * @param freeBits     free-bits floor λ per latent dimension (0: none)
 * @param seed         seed for initial weights, shuffling and all noise
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, double beta, long warmupSteps,
        String cyclical, double freeBits, long seed) {

    /** Validates. */
    public TrainConfig {
        if (epochs < 1) {
            throw new InvalidArgumentException("epochs", "epochs = " + epochs + " must be >= 1");
        }
        if (batchSize < 1) {
            throw new InvalidArgumentException("batch", "batch = " + batchSize + " must be >= 1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidArgumentException("lr", "lr = " + learningRate + " must be finite and > 0");
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new InvalidArgumentException("beta", "beta = " + beta + " must be finite and >= 0");
        }
        if (warmupSteps < 0) {
            throw new InvalidArgumentException("warmup-steps", "warmup-steps = " + warmupSteps + " must be >= 0");
        }
        if (warmupSteps > 0 && cyclical != null) {
            throw new InvalidArgumentException("cyclical", "choose either --warmup-steps or --cyclical, not both");
        }
        if (!(freeBits >= 0) || Double.isInfinite(freeBits)) {
            throw new InvalidArgumentException("free-bits", "free-bits = " + freeBits + " must be finite and >= 0");
        }
    }

    /** @return pytorch/examples' settings: 10 epochs, batch 128, lr 1e-3, β 1, seed 1 */
    public static TrainConfig defaults() {
        return new TrainConfig(10, 128, 1e-3, 1.0, 0, null, 0.0, 1);
    }

    /** @param n epochs @return a copy with {@code epochs = n} */
    public TrainConfig withEpochs(int n) {
        return new TrainConfig(n, batchSize, learningRate, beta, warmupSteps, cyclical, freeBits, seed);
    }

    /** @param s seed @return a copy with {@code seed = s} */
    public TrainConfig withSeed(long s) {
        return new TrainConfig(epochs, batchSize, learningRate, beta, warmupSteps, cyclical, freeBits, s);
    }

    /**
     * @param stepsPerEpoch optimiser steps per epoch
     * @return the β schedule over the whole run
     */
    public KlSchedule schedule(long stepsPerEpoch) {
        if (cyclical != null) {
            return KlSchedule.parseCyclical(cyclical, beta, stepsPerEpoch * epochs);
        }
        if (warmupSteps > 0) {
            return KlSchedule.linearWarmup(beta, warmupSteps);
        }
        return KlSchedule.constant(beta);
    }
}
