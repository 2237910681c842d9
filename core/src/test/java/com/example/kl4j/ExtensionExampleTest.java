package com.example.kl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Distributions;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.kl.Estimate;
import dev.kl4j.core.kl.Kl;
import dev.kl4j.core.kl.KlRegistry;
import dev.kl4j.core.kl.MonteCarloKl;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core README's "Extend it" example: a family and its KL pair defined outside kl4j, found through
 * {@link java.util.ServiceLoader} (this module's test resources list them), answer {@code Kl.kl} and
 * {@code Distributions.create}.
 */
class ExtensionExampleTest {

    @Test
    void klDispatchesToTheProvidersPair() {
        ShiftedExponential p = new ShiftedExponential(1.0, 2.0);
        ShiftedExponential q = new ShiftedExponential(0.5, 1.5);
        // By hand: ln(2/1.5) − 1 + 1.5 (1/2 + 1 − 0.5)
        double expected = Math.log(2 / 1.5) - 1 + 1.5 * (0.5 + 0.5);
        assertEquals(expected, Kl.kl(p, q), 1e-15);
        Estimate mc = MonteCarloKl.estimate(p, q, 50_000, new SplittableRandom(7));
        assertEquals(expected, mc.value(), 5 * mc.standardError());
        assertEquals(Double.POSITIVE_INFINITY, Kl.kl(q, p));
        // The registration says where the formula lives.
        assertTrue(KlRegistry.standard().registrations().stream().anyMatch(r -> r.pair().p() == ShiftedExponential.class
                && r.source().equals("com.example.kl4j.ShiftedExponentialPairs.shiftedShifted")));
        // Shifted by 0 it is an exponential: the built-in pairs are untouched.
        assertEquals(Kl.kl(Exponential.of(2), Exponential.of(1.5)),
                Kl.kl(new ShiftedExponential(0, 2), new ShiftedExponential(0, 1.5)), 1e-15);
    }

    @Test
    void distributionsCreateKnowsTheFamily() {
        Distribution d = Distributions.create("shifted_exponential", Map.of("shift", 1.0, "rate", 2.0));
        assertEquals(1.5, d.mean()[0], 1e-15);
        assertTrue(Distributions.names().contains("shifted_exponential"));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Distributions.create("shifted_exponential", Map.of("shift", 1.0, "rate", -2.0)));
        assertEquals("rate", e.argument());
        e = assertThrows(InvalidArgumentException.class,
                () -> Distributions.create("shifted_exponential", Map.of("shift", 1.0, "rate", 2.0, "scale", 1.0)));
        assertEquals("scale", e.argument());
    }

    /** A second jar that registers the same pair makes it ambiguous, and the error names both sources. */
    @Test
    void aPairRegisteredTwiceIsAnErrorNamingBoth(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.kl4j.core.kl.KlPairProvider"), DuplicatePairs.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            KlRegistry r = KlRegistry.withStandardPairs();
            r.loadProviders(loader);
            IllegalStateException err = assertThrows(IllegalStateException.class,
                    () -> r.kl(new ShiftedExponential(1, 2), new ShiftedExponential(0, 1)));
            assertTrue(err.getMessage().contains("ShiftedExponentialPairs.shiftedShifted")
                    && err.getMessage().contains("DuplicatePairs.shiftedShifted"), err.getMessage());
            assertEquals(Kl.kl(Exponential.of(2), Exponential.of(1)), r.kl(Exponential.of(2), Exponential.of(1)));
        }
    }

    /** The standard registry itself is assembled once and read-only. */
    @Test
    void standardRegistryRejectsLateAdditions() {
        assertThrows(UnsupportedOperationException.class, () -> KlRegistry.standard()
                .register(ShiftedExponential.class, Exponential.class, (p, q) -> 0));
    }
}
