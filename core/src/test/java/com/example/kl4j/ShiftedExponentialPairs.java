package com.example.kl4j;

import dev.kl4j.core.kl.KlPair;
import dev.kl4j.core.kl.KlPairProvider;
import dev.kl4j.core.kl.KlRegistry;
import java.lang.invoke.MethodHandles;

/**
 * Adds KL(ShiftedExponential ‖ ShiftedExponential) to the standard registry; listed in
 * {@code META-INF/services/dev.kl4j.core.kl.KlPairProvider}.
 */
public final class ShiftedExponentialPairs implements KlPairProvider {
    @Override
    public void registerPairs(KlRegistry registry) {
        registry.registerAnnotated(MethodHandles.lookup());
    }

    /**
     * E_p[ln p − ln q] = ln(λp/λq) − 1 + λq (1/λp + sp − sq) for sp ≥ sq; +∞ when sp &lt; sq (p has mass
     * below q's support).
     */
    @KlPair
    static double shiftedShifted(ShiftedExponential p, ShiftedExponential q) {
        if (p.shift() < q.shift()) {
            return Double.POSITIVE_INFINITY;
        }
        double r = q.rate() / p.rate();
        return r - 1 - Math.log(r) + q.rate() * (p.shift() - q.shift());
    }
}
