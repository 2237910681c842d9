package dev.kl4j.vae.train;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.vae.objective.KlSchedule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optimisation settings, as typed values. Defaults ({@link #defaults()}): 10 epochs, batch 128, Adam
 * learning rate 1e-3, β = 1 constant ({@link KlSchedule#constant}), no free bits, seed 1 —
 * pytorch/examples' VAE. Change one setting with a {@code with…} method:
 * {@code TrainConfig.defaults().withEpochs(30).withKlSchedule(KlSchedule.cyclical(1, 4, 0.5))}.
 *
 * @param epochs       epochs to reach (a resumed run continues up to this number), ≥ 1
 * @param batchSize    images per step, ≥ 1 (at most the training set's size)
 * @param learningRate Adam step size, &gt; 0
 * @param klSchedule   the KL weight β_t over the run
 * @param freeBits     free-bits floor λ per latent dimension in nats, ≥ 0 (0: none)
 * @param seed         seed for initial weights, shuffling and all noise
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, KlSchedule klSchedule, double freeBits,
        long seed) {

    /** Validates; errors name the parameter ({@code epochs}, {@code batchSize}, ...). */
    public TrainConfig {
        if (epochs < 1) {
            throw new InvalidArgumentException("epochs", "epochs = " + epochs + " must be >= 1");
        }
        if (batchSize < 1) {
            throw new InvalidArgumentException("batchSize", "batchSize = " + batchSize + " must be >= 1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidArgumentException("learningRate", "learningRate = " + learningRate
                    + " must be finite and > 0");
        }
        if (klSchedule == null) {
            throw new InvalidArgumentException("klSchedule", "klSchedule must not be null");
        }
        if (!(freeBits >= 0) || Double.isInfinite(freeBits)) {
            throw new InvalidArgumentException("freeBits", "freeBits = " + freeBits + " must be finite and >= 0");
        }
    }

    /** @return pytorch/examples' settings: 10 epochs, batch 128, lr 1e-3, β = 1 constant, seed 1 */
    public static TrainConfig defaults() {
        return new TrainConfig(10, 128, 1e-3, KlSchedule.constant(1.0), 0.0, 1);
    }

    /** @param n epochs @return a copy with {@code epochs = n} */
    public TrainConfig withEpochs(int n) {
        return new TrainConfig(n, batchSize, learningRate, klSchedule, freeBits, seed);
    }

    /** @param n images per step @return a copy with {@code batchSize = n} */
    public TrainConfig withBatchSize(int n) {
        return new TrainConfig(epochs, n, learningRate, klSchedule, freeBits, seed);
    }

    /** @param lr Adam step size @return a copy with {@code learningRate = lr} */
    public TrainConfig withLearningRate(double lr) {
        return new TrainConfig(epochs, batchSize, lr, klSchedule, freeBits, seed);
    }

    /** @param s the β schedule @return a copy with {@code klSchedule = s} */
    public TrainConfig withKlSchedule(KlSchedule s) {
        return new TrainConfig(epochs, batchSize, learningRate, s, freeBits, seed);
    }

    /** @param lambda free-bits floor @return a copy with {@code freeBits = lambda} */
    public TrainConfig withFreeBits(double lambda) {
        return new TrainConfig(epochs, batchSize, learningRate, klSchedule, lambda, seed);
    }

    /** @param s seed @return a copy with {@code seed = s} */
    public TrainConfig withSeed(long s) {
        return new TrainConfig(epochs, batchSize, learningRate, klSchedule, freeBits, s);
    }

    /**
     * The settings that shape the training trajectory, as text (stored in checkpoints and compared on
     * resume). {@code epochs} is not among them: a resumed run may go on for more epochs.
     *
     * @return ordered keys {@code batchSize, learningRate, klSchedule, freeBits, seed}
     */
    public Map<String, String> trajectorySettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("batchSize", Integer.toString(batchSize));
        s.put("learningRate", Double.toString(learningRate));
        s.put("klSchedule", klSchedule.toString());
        s.put("freeBits", Double.toString(freeBits));
        s.put("seed", Long.toString(seed));
        return s;
    }
}
