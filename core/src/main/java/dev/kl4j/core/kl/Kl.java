package dev.kl4j.core.kl;

import dev.kl4j.core.distribution.Distribution;

/** Shortcut to the {@linkplain KlRegistry#standard() standard registry}. */
public final class Kl {
    private Kl() {
    }

    /**
     * KL(p ‖ q) in nats by closed form.
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
