package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Closed forms against values independent of kl4j: SciPy numerical integration
 * {@code scipy.integrate.quad(lambda x: p.pdf(x)*(p.logpdf(x)-q.logpdf(x)), lo, hi, epsrel=1e-12)} with
 * SciPy's own densities (script reproduced in the comment below), and {@code scipy.stats.entropy(p, q)} for
 * the discrete pairs. The cases are those of {@link KlCases#finitePairs()} with the same parameters.
 * <pre>
 *   N=stats.norm; E=lambda r: stats.expon(scale=1/r); G=lambda a,r: stats.gamma(a, scale=1/r)
 *   B=stats.beta; L=stats.laplace; U=lambda l,h: stats.uniform(l,h-l)
 *   e.g. "gamma-laplace": kl(G(2.5,1.5), L(1.1,0.7), 0, inf, breakpoint at 1.1)
 * </pre>
 */
class ClosedFormReferenceTest {
    private static final Map<String, Double> SCIPY = Map.ofEntries(
            Map.entry("normal-normal", 0.6023473918918355),
            Map.entry("exponential", 0.22880671871356342),
            Map.entry("gamma", 0.050438305038393715),
            Map.entry("beta", 0.2522631018276679),
            Map.entry("laplace", 0.2730411196260251),
            Map.entry("uniform", 1.0986122886681096),
            Map.entry("exponential-gamma", 1.1505063678252179),
            Map.entry("gamma-exponential", 0.231994083250653),
            Map.entry("exponential-normal", 0.6148469707957662),
            Map.entry("gamma-normal", 0.31704353342188757),
            Map.entry("beta-normal", 0.5606980024327277),
            Map.entry("uniform-normal", 0.41245801931139414),
            Map.entry("laplace-normal", 0.15786697641071812),
            Map.entry("normal-laplace", 0.4320093008099536),
            Map.entry("uniform-laplace", 0.32621141327104636),
            Map.entry("exponential-laplace", 0.5215031207741339),
            Map.entry("gamma-laplace", 0.22340627746790942),
            Map.entry("beta-laplace", 0.4312071609737905),
            Map.entry("uniform-gamma", 0.3498976046685427),
            Map.entry("uniform-exponential", 0.7299963707542645),
            Map.entry("uniform-beta", 0.33310228632687816),
            Map.entry("beta-exponential", 0.7780502011022102),
            Map.entry("beta-gamma", 1.7309267499905083),
            Map.entry("beta-uniform", 0.9280538303479456),
            // scipy.stats.entropy([0.2,0.5,0.3],[0.4,0.4,0.2])
            Map.entry("categorical", 0.0945818719775651),
            // scipy.stats.entropy([0.3,0.7],[0.6,0.4])
            Map.entry("bernoulli", 0.18378689738681217),
            // k=np.arange(200); sum(poisson(3.5).pmf(k)*(poisson(3.5).logpmf(k)-poisson(1.2).logpmf(k)))
            Map.entry("poisson", 1.4465449409549476));

    @Test
    void closedFormsMatchScipyIntegration() {
        int checked = 0;
        for (KlCases.Case c : KlCases.finitePairs()) {
            Double reference = SCIPY.get(c.name());
            if (reference != null) {
                assertEquals(reference, Kl.kl(c.p(), c.q()), 1e-9 * (1 + reference), c.name());
                checked++;
            }
        }
        assertEquals(SCIPY.size(), checked);
    }

    @Test
    void handComputedValues() {
        // KL(N(0,1) ‖ N(1,1)) = ½ (0 + 1 − 1 + 1) = 0.5
        assertEquals(0.5, Kl.kl(dev.kl4j.core.distribution.Normal.of(0, 1), dev.kl4j.core.distribution.Normal.of(1, 1)), 1e-15);
        // KL(N(0,1) ‖ N(0,2)) = ln 2 + 1/8 − ½
        assertEquals(Math.log(2) + 0.125 - 0.5,
                Kl.kl(dev.kl4j.core.distribution.Normal.of(0, 1), dev.kl4j.core.distribution.Normal.of(0, 2)), 1e-15);
        // KL(Exp(1) ‖ Exp(2)) = 2 − 1 − ln 2
        assertEquals(1 - Math.log(2),
                Kl.kl(dev.kl4j.core.distribution.Exponential.of(1), dev.kl4j.core.distribution.Exponential.of(2)), 1e-15);
        // KL(U(0,1) ‖ U(0,4)) = ln 4
        assertEquals(Math.log(4), Kl.kl(dev.kl4j.core.distribution.Uniform.of(0, 1), dev.kl4j.core.distribution.Uniform.of(0, 4)), 1e-15);
        // KL(Beta(1,1) ‖ Beta(2,2)) = ∫₀¹ −ln(6x(1−x)) dx = −ln 6 + 2 (since ∫₀¹ ln x dx = −1);
        // the Dirichlet with two components is the same distribution.
        assertEquals(2 - Math.log(6), Kl.kl(dev.kl4j.core.distribution.Beta.of(1, 1), dev.kl4j.core.distribution.Beta.of(2, 2)), 1e-14);
        assertEquals(2 - Math.log(6), Kl.kl(dev.kl4j.core.distribution.Dirichlet.of(1, 1), dev.kl4j.core.distribution.Dirichlet.of(2, 2)), 1e-14);
    }
}
