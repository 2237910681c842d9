package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.Beta;
import dev.kl4j.core.distribution.Dirichlet;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Laplace;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Poisson;
import dev.kl4j.core.distribution.Uniform;
import org.junit.jupiter.api.Test;

/**
 * Closed forms at parameters where a naive evaluation overflows, underflows or loses its digits. The
 * references are Python {@code decimal} evaluations of the textbook formulas on the exact binary
 * parameters (60 digits unless stated), e.g. for two normals with {@code a, b = D(1e-200), D(1e200)}:
 * {@code r = (a/b)**2; (r - 1 - r.ln()) / 2}.
 */
class ExtremeParameterKlTest {

    private static void assertRelative(double expected, double actual, double relative) {
        assertEquals(expected, actual, relative * Math.abs(expected));
    }

    @Test
    void scaleRatiosBeyondTheDoubleRange() {
        // σp/σq = 1e-400 underflows as a quotient, but ln(σp/σq) = −921 is an ordinary number.
        assertRelative(920.53403719761827, Kl.kl(Normal.of(0, 1e-200), Normal.of(0, 1e200)), 1e-14);
        // Exponential: r − 1 − ln r with r = λq/λp = 1e-400: r = D(1e-200)/D(1e200)
        assertRelative(920.03403719761827, Kl.kl(Exponential.of(1e200), Exponential.of(1e-200)), 1e-14);
        // ... and r = 1e400: the value itself exceeds the double range.
        assertEquals(Double.POSITIVE_INFINITY, Kl.kl(Exponential.of(1e-200), Exponential.of(1e200)));
        // Poisson: λp ln(λp/λq) − λp + λq
        assertRelative(9.9999999999999997e199, Kl.kl(Poisson.of(1e-200), Poisson.of(1e200)), 1e-14);
        assertRelative(9.2003403719761825e202, Kl.kl(Poisson.of(1e200), Poisson.of(1e-200)), 1e-14);
    }

    @Test
    void bernoulliLogitsDeepInTheTail() {
        // σ(40) rounds to 1, but 1 − σ(40) = 4.2e-18 carries the whole divergence. decimal at 600 digits:
        // p, q = sig(40), sig(1000) with sig(x) = 1/(1+(-D(x)).exp());
        // p*(p/q).ln() + (1-p)*((1-p)/(1-q)).ln()
        assertRelative(4.0741717308246336e-15, Kl.kl(Bernoulli.ofLogits(40), Bernoulli.ofLogits(1000)), 1e-12);
        // the mirror image: logits −40 against −1000
        assertRelative(4.0741717308246336e-15, Kl.kl(Bernoulli.ofLogits(-40), Bernoulli.ofLogits(-1000)), 1e-12);
    }

    @Test
    void laplaceKeepsItsDigitsAsPApproachesQ() {
        // decimal: r = bp/bq; d = abs(mp - mq); -r.ln() + d/bq + r*(-d/bp).exp() - 1
        assertRelative(4.9999999833333336e-17, Kl.kl(Laplace.of(0, 1), Laplace.of(1e-8, 1)), 1e-12);
        assertRelative(4.9999998725586258e-17, Kl.kl(Laplace.of(0, 1), Laplace.of(0, 1 + 1e-8)), 1e-12);
        assertRelative(6.2499991934106495e-15, Kl.kl(Laplace.of(0.3, 2), Laplace.of(0.3 + 1e-7, 2 * (1 + 1e-7))), 1e-12);
        assertRelative(0.24641251041626202, Kl.kl(Laplace.of(0, 1), Laplace.of(0.5, 2)), 1e-14);
        // |μp − μq|/bp = 1e310 overflows; the value does not: decimal with (mp, bp, mq, bq) = (0, 1e-300, 1e10, 1e10)
        assertRelative(713.80137882815416, Kl.kl(Laplace.of(0, 1e-300), Laplace.of(1e10, 1e10)), 1e-14);
    }

    @Test
    void gammaWithEqualConcentrationsKeepsItsDigitsAsRatesApproach() {
        // α (r − 1 − ln r), r = βq/βp; decimal: r = D(bq)/D(bp); a*(r - 1 - r.ln())
        assertRelative(1.49999997176758744e-16, Kl.kl(Gamma.of(3, 2), Gamma.of(3, 2 * (1 + 1e-8))), 1e-12);
        assertRelative(4.50000035928480735e-15, Kl.kl(Gamma.of(1000, 1e-6), Gamma.of(1000, 1e-6 * (1 - 3e-9))), 1e-12);
    }

    @Test
    void laplaceCrossPairsAreScaleInvariantFarOutside() {
        // KL is invariant under x -> kx, so the SciPy quad references of ClosedFormReferenceTest
        // ("normal-laplace", "uniform-laplace", same parameters) hold at every scale k; at k = 1e±200 the
        // squares in E|X − m| under- or overflow unless they are avoided.
        for (double k : new double[] {1e-200, 1e200}) {
            assertRelative(0.4320093008099536, Kl.kl(Normal.of(0.8 * k, 1.1 * k), Laplace.of(-0.3 * k, 1.4 * k)), 1e-9);
            assertRelative(0.32621141327104636, Kl.kl(Uniform.of(-1 * k, 2 * k), Laplace.of(0.4 * k, 0.9 * k)), 1e-9);
        }
    }

    @Test
    void concentrationsThatAlmostAgreeGiveAPositiveAccurateKl() {
        // With δ = (3 + 1e-8) − 3 (exact in double), ln Γ(y + δ) − ln Γ(y) − δ ψ(y) = Σ_k ψ^(k−1)(y) δ^k / k!,
        // with the exact polygammas at integers: ψ'(n) = π²/6 − Σ_{k<n} 1/k², ψ''(n) = −2ζ(3) + 2 Σ_{k<n} 1/k³,
        // ψ'''(n) = π⁴/15 − 6 Σ_{k<n} 1/k⁴ (decimal, 50 digits, terms up to δ⁴). Call that B(y, δ).
        double a = 3 + 1e-8;
        // Gamma(3, 2) vs Gamma(3 + δ, 2): B(3, δ)
        assertRelative(1.97467030767056573e-17, Kl.kl(Gamma.of(3, 2), Gamma.of(a, 2)), 1e-9);
        // Beta(3, 2) vs Beta(3 + δ, 2), and the same Dirichlet: B(3, δ) − B(5, δ)
        assertRelative(8.68055543248989465e-18, Kl.kl(Beta.of(3, 2), Beta.of(a, 2)), 1e-9);
        assertRelative(8.68055543248989465e-18, Kl.kl(Dirichlet.of(3, 2), Dirichlet.of(a, 2)), 1e-9);
    }
}
