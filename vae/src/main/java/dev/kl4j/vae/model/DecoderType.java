package dev.kl4j.vae.model;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Locale;

/**
 * The decoder's likelihood p(x|z) per pixel.
 *
 * <ul>
 *   <li>{@link #BERNOULLI}: the decoder outputs logits l; −log p(x|z) = Σ_pixels BCE(l, x) =
 *       Σ [max(l, 0) − l·x + log(1 + e^{−|l|})], used on grey levels x ∈ [0, 1] as in
 *       pytorch/examples. A proper density only for binary x, but the standard VAE benchmark loss.</li>
 *   <li>{@link #GAUSSIAN}: mean m = sigmoid(output), variance σ_j² = σ_min² + e^{s_j} with a learned
 *       per-pixel parameter s (initialised at 0) and the floor σ_min² = 1e-4 (σ_min = 0.01, stated, not
 *       silent: it keeps the density of always-black border pixels from growing without bound);
 *       −log p(x|z) = ½ Σ [ln 2π + ln σ_j² + (x_j − m_j)²/σ_j²] nats. A density on continuous x, so it can
 *       be negative and is not comparable with the Bernoulli figure.</li>
 * </ul>
 */
public enum DecoderType {
    /** Bernoulli likelihood on logits (default). */
    BERNOULLI,
    /** Gaussian likelihood with learned per-pixel variance. */
    GAUSSIAN;

    /**
     * @param name "bernoulli" or "gaussian" (any case)
     * @return the decoder type
     * @throws InvalidArgumentException ({@code decoder}) for any other name
     */
    public static DecoderType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("decoder", "decoder '" + name + "' is unknown; use bernoulli or gaussian");
        }
    }

    /** @return the lower-case name used on the command line */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
