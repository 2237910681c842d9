package dev.kl4j.core.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kl4j.core.InvalidArgumentException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Names and dispatch of {@link DiscreteMeasure}, checked against direct calls. */
class DiscreteMeasureTest {

    private static final double[] P = {0.2, 0.0, 0.5, 0.3};
    private static final double[] Q = {0.1, 0.4, 0.3, 0.2};

    @Test
    void cliNamesAreTheContractedOnes() {
        assertEquals(List.of("kl", "reverse_kl", "entropy", "cross_entropy", "js", "js_distance", "renyi", "tv", "hellinger", "chi2",
                "bhattacharyya", "wasserstein1"),
                Stream.of(DiscreteMeasure.values()).map(DiscreteMeasure::cliName).collect(Collectors.toList()));
        for (DiscreteMeasure m : DiscreteMeasure.values()) {
            assertEquals(m, DiscreteMeasure.fromName(m.cliName()));
            assertEquals(m, DiscreteMeasure.fromName(" " + m.cliName().toUpperCase(java.util.Locale.ROOT) + " "));
            assertEquals(m != DiscreteMeasure.ENTROPY, m.needsQ());
            assertEquals(m == DiscreteMeasure.RENYI, m.needsAlpha());
        }
        assertEquals(DiscreteMeasure.CROSS_ENTROPY, DiscreteMeasure.fromName("cross-entropy"));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> DiscreteMeasure.fromName("kld"));
        assertEquals("measure", e.argument());
        assertEquals("unknown measure \"kld\"; choose one of kl, reverse_kl, entropy, cross_entropy, js, js_distance, renyi, tv, "
                + "hellinger, chi2, bhattacharyya, wasserstein1", e.getMessage());
    }

    @Test
    void evaluateDispatchesToTheNamedMethod() {
        DiscreteOptions o = DiscreteOptions.DEFAULT.withBase(LogBase.TWO);
        assertEquals(DiscreteDivergences.kl(P, Q, o), DiscreteMeasure.KL.evaluate(P, Q, Double.NaN, o));
        // reverse_kl is KL(Q‖P): P has no mass where Q has 0.4, so it is +∞
        assertEquals(DiscreteDivergences.kl(Q, P, o), DiscreteMeasure.REVERSE_KL.evaluate(P, Q, Double.NaN, o));
        assertEquals(Double.POSITIVE_INFINITY, DiscreteMeasure.REVERSE_KL.evaluate(P, Q, Double.NaN, o));
        assertEquals(DiscreteDivergences.entropy(P, o), DiscreteMeasure.ENTROPY.evaluate(P, null, Double.NaN, o));
        assertEquals(DiscreteDivergences.crossEntropy(P, Q, o), DiscreteMeasure.CROSS_ENTROPY.evaluate(P, Q, Double.NaN, o));
        assertEquals(DiscreteDivergences.js(P, Q, o), DiscreteMeasure.JS.evaluate(P, Q, Double.NaN, o));
        assertEquals(DiscreteDivergences.jsDistance(P, Q, o), DiscreteMeasure.JS_DISTANCE.evaluate(P, Q, Double.NaN, o));
        assertEquals(DiscreteDivergences.renyi(P, Q, 3.0, o), DiscreteMeasure.RENYI.evaluate(P, Q, 3.0, o));
        assertEquals(DiscreteDivergences.tv(P, Q, o), DiscreteMeasure.TV.evaluate(P, Q, Double.NaN, o));
        assertEquals(DiscreteDivergences.hellinger(P, Q, o), DiscreteMeasure.HELLINGER.evaluate(P, Q, Double.NaN, o));
        assertEquals(DiscreteDivergences.chi2(P, Q, o), DiscreteMeasure.CHI2.evaluate(P, Q, Double.NaN, o));
        assertEquals(DiscreteDivergences.bhattacharyya(P, Q, o), DiscreteMeasure.BHATTACHARYYA.evaluate(P, Q, Double.NaN, o));
        assertEquals(DiscreteDivergences.wasserstein1(P, Q, o), DiscreteMeasure.WASSERSTEIN1.evaluate(P, Q, Double.NaN, o));
        // and the values are distinct, so a swapped case would be caught
        long distinct = Stream.of(DiscreteMeasure.values())
                .mapToDouble(m -> m.evaluate(P, m.needsQ() ? Q : null, m.needsAlpha() ? 3.0 : Double.NaN, o))
                .distinct().count();
        assertEquals(DiscreteMeasure.values().length, distinct);
    }

    @Test
    void missingOrUnusedArgumentsAreNamed() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> DiscreteMeasure.KL.evaluate(P, null, Double.NaN, DiscreteOptions.DEFAULT));
        assertEquals("q", e.argument());
        assertEquals("q is required for kl", e.getMessage());
        e = assertThrows(InvalidArgumentException.class,
                () -> DiscreteMeasure.ENTROPY.evaluate(P, Q, Double.NaN, DiscreteOptions.DEFAULT));
        assertEquals("q", e.argument());
        assertEquals("q is not used by entropy (SciPy's entropy(p, q) is the KL divergence: use kl)", e.getMessage());
        e = assertThrows(InvalidArgumentException.class,
                () -> DiscreteMeasure.RENYI.evaluate(P, Q, Double.NaN, DiscreteOptions.DEFAULT));
        assertEquals("alpha", e.argument());
        e = assertThrows(InvalidArgumentException.class,
                () -> DiscreteMeasure.TV.evaluate(P, Q, 2.0, DiscreteOptions.DEFAULT));
        assertEquals("alpha", e.argument());
        assertEquals("alpha is only used by renyi, not by tv", e.getMessage());
    }
}
