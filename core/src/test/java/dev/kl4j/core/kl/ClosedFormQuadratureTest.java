package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.Supports;
import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.Beta;
import dev.kl4j.core.distribution.Binomial;
import dev.kl4j.core.distribution.Categorical;
import dev.kl4j.core.distribution.ContinuousBernoulli;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Geometric;
import dev.kl4j.core.distribution.Poisson;
import dev.kl4j.core.distribution.Uniform;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every closed form between univariate families against an independent numerical value: double-exponential
 * quadrature of p (ln p − ln q) over p's support for continuous p, the sum over the support for discrete p.
 * Relative tolerance 1e-9.
 */
class ClosedFormQuadratureTest {
    private static final Set<Class<?>> DISCRETE = Set.of(Bernoulli.class, Binomial.class, Geometric.class,
            Poisson.class, Categorical.class);

    static boolean univariate(KlCases.Case c) {
        Distribution p = c.p();
        Distribution q = c.q();
        boolean continuous = Supports.of(p).isPresent() && Supports.of(q).isPresent();
        boolean discrete = DISCRETE.contains(p.getClass()) && DISCRETE.contains(q.getClass());
        return continuous || discrete;
    }

    static Stream<KlCases.Case> univariateCases() {
        return KlCases.finitePairs().stream().filter(ClosedFormQuadratureTest::univariate);
    }

    static double numericalKl(Distribution p, Distribution q) {
        if (Supports.of(p).isPresent()) {
            return Supports.expectation(p, q, x -> p.logProb(new double[] {x}) - q.logProb(new double[] {x}));
        }
        double s = 0;
        for (int k = 0; k < 5000; k++) {
            double lp = p.logProb(new double[] {k});
            if (lp > Double.NEGATIVE_INFINITY) {
                s += Math.exp(lp) * (lp - q.logProb(new double[] {k}));
            }
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("univariateCases")
    void closedFormMatchesQuadrature(KlCases.Case c) {
        double exact = Kl.kl(c.p(), c.q());
        double numeric = numericalKl(c.p(), c.q());
        assertTrue(!Double.isNaN(numeric), c + ": quadrature gave NaN");
        assertEquals(numeric, exact, 1e-9 * (1 + Math.abs(numeric)), c.toString());
    }

    /**
     * Every built-in pair between univariate families whose formula is not a constant +∞ has a case
     * above (the class of each side is a continuous family with a known support, or a discrete one).
     */
    @Test
    void everyUnivariatePairHasAQuadratureCase() {
        KlRegistry r = KlRegistry.withStandardPairs();
        Set<KlRegistry.TypePair> covered = new java.util.HashSet<>();
        univariateCases().forEach(c -> covered.add(r.resolve(c.p().getClass(), c.q().getClass()).orElseThrow()));
        Set<Class<?>> univariate = new java.util.HashSet<>(DISCRETE);
        for (KlCases.Case c : KlCases.finitePairs()) {
            for (Distribution d : new Distribution[] {c.p(), c.q()}) {
                if (Supports.of(d).isPresent()) {
                    univariate.add(d.getClass());
                }
            }
        }
        java.util.List<KlRegistry.TypePair> missing = new java.util.ArrayList<>();
        for (KlRegistry.Registration g : r.registrations()) {
            boolean constantInfinity = g.source().endsWith(".infinite") || g.source().endsWith(".poissonBounded")
                    || g.source().endsWith(".cauchyLightTailed");
            if (!constantInfinity && univariate.contains(g.pair().p()) && univariate.contains(g.pair().q())
                    && !covered.contains(g.pair())) {
                missing.add(g.pair());
            }
        }
        assertEquals(java.util.List.of(), missing, "univariate pairs without a quadrature or summation case");
        assertTrue(covered.size() >= 65, "only " + covered.size() + " univariate pairs checked");
    }

    static Stream<KlCases.Case> infiniteByMoments() {
        return KlCases.infiniteByMomentsPairs().stream();
    }

    /**
     * +∞ by moments: the integral of p ln(p/q) over [−L, L] keeps growing (at least like ln L) as L grows,
     * so the KL is +∞.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("infiniteByMoments")
    void truncatedIntegralGrowsWithoutBound(KlCases.Case c) {
        assertEquals(Double.POSITIVE_INFINITY, Kl.kl(c.p(), c.q()), c.toString());
        java.util.function.DoubleUnaryOperator integrand = x -> {
            double lp = c.p().logProb(new double[] {x});
            return Math.exp(lp) * (lp - c.q().logProb(new double[] {x}));
        };
        double previous = Double.NEGATIVE_INFINITY;
        for (double l : new double[] {1e2, 1e4, 1e6}) {
            double truncated = dev.kl4j.core.Quadrature.integrate(integrand, -l, l, 0.2, 0);
            assertTrue(truncated == Double.POSITIVE_INFINITY || truncated > previous + 1,
                    c + ": over [-" + l + ", " + l + "] " + truncated);
            previous = truncated;
        }
    }

    /**
     * PyTorch 1.13 returns NaN for KL(Uniform(0, 1) ‖ Beta(2, 3)) (x log x at the support edge) and +∞ for
     * KL(Uniform(0, 1) ‖ ContinuousBernoulli(0.3)) and KL(ContinuousBernoulli(0.3) ‖ Uniform(0, 1)) ('≥'
     * where '>' is meant). References: mpmath quad at 40 digits of −∫₀¹ ln q and ∫₀¹ p ln p.
     */
    @Test
    void wherePyTorchIsWrongKl4jMatchesHighPrecision() {
        assertEquals(0.5150933502119996897702905, Kl.kl(Uniform.of(0, 1), Beta.of(2, 3)), 1e-15);
        assertEquals(0.02973612325187543366457206, Kl.kl(Uniform.of(0, 1), ContinuousBernoulli.ofProbs(0.3)), 1e-16);
        assertEquals(0.02938620223212908347306232, Kl.kl(ContinuousBernoulli.ofProbs(0.3), Uniform.of(0, 1)), 1e-16);
    }
}
