package com.example.kl4j;

import dev.kl4j.core.kl.KlPair;
import dev.kl4j.core.kl.KlPairProvider;
import dev.kl4j.core.kl.KlRegistry;
import java.lang.invoke.MethodHandles;

/** A second provider of the same pair, for {@link ExtensionExampleTest} (not listed in the services file). */
public final class DuplicatePairs implements KlPairProvider {
    @Override
    public void registerPairs(KlRegistry registry) {
        registry.registerAnnotated(MethodHandles.lookup());
    }

    @KlPair
    static double shiftedShifted(ShiftedExponential p, ShiftedExponential q) {
        return 0;
    }
}
