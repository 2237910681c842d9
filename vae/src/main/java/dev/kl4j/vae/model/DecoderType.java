package dev.kl4j.vae.model;

import ai.djl.ndarray.NDManager;
import java.util.Locale;

/**
 * The likelihood of the default model ({@link VaeConfig#decoder()}), as a value: each constant creates
 * its {@link Likelihood}. The formulas are in {@link BernoulliLikelihood} and {@link GaussianLikelihood}.
 */
public enum DecoderType {
    /** {@link BernoulliLikelihood} on logits (default). */
    BERNOULLI {
        @Override
        public Likelihood create(NDManager manager, int inputSize) {
            return new BernoulliLikelihood();
        }
    },
    /** {@link GaussianLikelihood} with a learned per-pixel variance. */
    GAUSSIAN {
        @Override
        public Likelihood create(NDManager manager, int inputSize) {
            return GaussianLikelihood.create(manager, inputSize);
        }
    };

    /**
     * @param manager   owner of the likelihood's parameters
     * @param inputSize pixels per image
     * @return a new likelihood of this type
     */
    public abstract Likelihood create(NDManager manager, int inputSize);

    /** @return the lower-case name, {@code bernoulli} or {@code gaussian} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
