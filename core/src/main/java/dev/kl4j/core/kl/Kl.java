package dev.kl4j.core.kl;

import dev.kl4j.core.distribution.Distribution;

/** Shortcut to the {@linkplain KlRegistry#standard() standard registry}. */
public final class Kl {
    private Kl() {
    }

    /**
     * KL(p ‖ q) = E_p[ln p(X) − ln q(X)] in nats by closed form: {@link KlRegistry#kl} on the standard
     * registry, PyTorch's {@code torch.distributions.kl_divergence(p, q)} (same argument order, same
     * most-specific-pair dispatch). Each built-in pair's formula is the Javadoc of its {@link KlPair} method,
     * tagged with the PyTorch {@code _kl_*} function it follows, in the classes the
     * {@linkplain dev.kl4j.core.kl package description} lists (public for the Gaussians: {@link GaussianKl});
     * +∞ when p puts mass where q has none.
     *
     * @param p the first distribution
     * @param q the second distribution
     * @return KL(p ‖ q), possibly +∞
     * @throws NoClosedFormException when the standard registry has no formula for the pair
     */
    public static double kl(Distribution p, Distribution q) {
        return KlRegistry.standard().kl(p, q);
    }

    /**
     * {@return whether {@link #kl} has a closed form for the pair}
     *
     * @param p the first distribution
     * @param q the second distribution
     */
    public static boolean hasClosedForm(Distribution p, Distribution q) {
        return KlRegistry.standard().hasClosedForm(p, q);
    }
}
