package dev.kl4j.vae.model;

import dev.kl4j.core.InvalidArgumentException;

/**
 * Shape of the VAE: {@code inputSize → hidden → latent} encoder (ReLU, then two linear heads for μ and
 * ln σ²) and {@code latent → hidden → inputSize} decoder (ReLU, then a linear output).
 * The default {@link #DEFAULT} is pytorch/examples' 784-400-20 with a Bernoulli decoder.
 *
 * @param inputSize pixels per image
 * @param hidden    hidden units in the encoder and in the decoder
 * @param latent    latent dimensions
 * @param decoder   likelihood of the decoder
 */
public record VaeConfig(int inputSize, int hidden, int latent, DecoderType decoder) {
    /** 784-400-20, Bernoulli. */
    public static final VaeConfig DEFAULT = new VaeConfig(784, 400, 20, DecoderType.BERNOULLI);

    /**
     * Validates the sizes.
     *
     * @param inputSize pixels per image
     * @param hidden hidden units in the encoder and in the decoder
     * @param latent latent dimensions
     * @param decoder likelihood of the decoder
     */
    public VaeConfig {
        requirePositive("inputSize", inputSize);
        requirePositive("hidden", hidden);
        requirePositive("latent", latent);
        if (decoder == null) {
            throw new InvalidArgumentException("decoder", "decoder must not be null");
        }
    }

    private static void requirePositive(String name, int v) {
        if (v <= 0) {
            throw new InvalidArgumentException(name, name + " = " + v + " must be positive");
        }
    }

    /**
     * Multiply-add count of one forward pass through encoder and decoder for one image:
     * {@code in·h + h·2d + d·h + h·in}.
     *
     * @return multiply-adds per image (a FLOP count is twice this)
     */
    public long forwardMacsPerImage() {
        return (long) inputSize * hidden + (long) hidden * 2 * latent + (long) latent * hidden
                + (long) hidden * inputSize;
    }

    /**
     * Matrix-multiply FLOPs of one training step per image: the forward pass, the weight gradients
     * (same count) and the input gradients of every layer except the first (the data needs none):
     * {@code 2·(3·F − in·h)}, F = {@link #forwardMacsPerImage()}.
     *
     * @return FLOPs per image per training step
     */
    public long trainFlopsPerImage() {
        return 2 * (3 * forwardMacsPerImage() - (long) inputSize * hidden);
    }
}
