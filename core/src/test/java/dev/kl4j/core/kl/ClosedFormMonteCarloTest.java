package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every closed form against a seeded Monte Carlo estimate E_p[ln p − ln q] (PyTorch's own check, with a
 * tighter tolerance: |mc − exact| / (1 + |mc|) &lt; 0.05 at n = 50 000).
 */
class ClosedFormMonteCarloTest {
    private static final int N = 50_000;

    static Stream<KlCases.Case> finite() {
        return KlCases.finitePairs().stream();
    }

    static Stream<KlCases.Case> infinite() {
        return KlCases.infinitePairs().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finite")
    void closedFormMatchesMonteCarlo(KlCases.Case c) {
        double exact = Kl.kl(c.p(), c.q());
        assertTrue(Double.isFinite(exact) && exact > 0, c + ": " + exact);
        Estimate mc = MonteCarloKl.estimate(c.p(), c.q(), N, new SplittableRandom(20240611L));
        double err = Math.abs(mc.value() - exact) / (1 + Math.abs(mc.value()));
        assertTrue(err < 0.05, c + ": exact " + exact + ", mc " + mc);
        // And the standard error is honest: within 5 of them.
        assertEquals(exact, mc.value(), 5 * mc.standardError() + 1e-12, c + ": mc " + mc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("infinite")
    void infinitePairsAreInfiniteAndMonteCarloAgrees(KlCases.Case c) {
        assertEquals(Double.POSITIVE_INFINITY, Kl.kl(c.p(), c.q()), c.toString());
        Estimate mc = MonteCarloKl.estimate(c.p(), c.q(), 5000, new SplittableRandom(1));
        assertEquals(Double.POSITIVE_INFINITY, mc.value(), c.toString());
    }

    @Test
    void everyRegisteredPairIsTested() {
        KlRegistry r = KlRegistry.withStandardPairs(); // the built-in pairs, without the test provider's
        Set<KlRegistry.TypePair> covered = new HashSet<>();
        for (KlCases.Case c : KlCases.finitePairs()) {
            covered.add(r.resolve(c.p().getClass(), c.q().getClass()).orElseThrow());
        }
        for (KlCases.Case c : KlCases.infinitePairs()) {
            covered.add(r.resolve(c.p().getClass(), c.q().getClass()).orElseThrow());
        }
        for (KlCases.Case c : KlCases.infiniteByMomentsPairs()) { // checked in ClosedFormQuadratureTest
            covered.add(r.resolve(c.p().getClass(), c.q().getClass()).orElseThrow());
        }
        assertEquals(Set.copyOf(r.registeredPairs()), covered);
        assertTrue(r.registeredPairs().size() >= 90, "only " + r.registeredPairs().size() + " pairs");
    }
}
