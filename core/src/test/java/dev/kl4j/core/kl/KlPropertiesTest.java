package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.distribution.Beta;
import dev.kl4j.core.distribution.Categorical;
import dev.kl4j.core.distribution.DiagNormal;
import dev.kl4j.core.distribution.Dirichlet;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Laplace;
import dev.kl4j.core.distribution.MultivariateNormal;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Poisson;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Properties every KL must have (and one it must not). */
class KlPropertiesTest {

    @Test
    void zeroForIdenticalDistributions() {
        for (KlCases.Case c : KlCases.finitePairs()) {
            assertEquals(0, Kl.kl(c.p(), c.p()), 1e-14, c + " p‖p");
            assertEquals(0, Kl.kl(c.q(), c.q()), 1e-14, c + " q‖q");
        }
    }

    @Test
    void nonNegativeAndPositiveWhenDifferent() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            check(rng, r -> Normal.of(r.nextDouble(-3, 3), r.nextDouble(0.1, 4)));
            check(rng, r -> Exponential.of(r.nextDouble(0.1, 5)));
            check(rng, r -> Gamma.of(r.nextDouble(0.1, 8), r.nextDouble(0.1, 5)));
            check(rng, r -> Beta.of(r.nextDouble(0.1, 8), r.nextDouble(0.1, 8)));
            check(rng, r -> Laplace.of(r.nextDouble(-3, 3), r.nextDouble(0.1, 4)));
            check(rng, r -> Poisson.of(r.nextDouble(0.1, 30)));
            check(rng, r -> Dirichlet.of(r.nextDouble(0.1, 5), r.nextDouble(0.1, 5), r.nextDouble(0.1, 5)));
            check(rng, r -> Categorical.ofLogits(new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()}));
        }
    }

    private static void check(SplittableRandom rng, Function<SplittableRandom, Distribution> draw) {
        Distribution p = draw.apply(rng);
        Distribution q = draw.apply(rng);
        double kl = Kl.kl(p, q);
        assertTrue(kl > 0, "KL(" + p + " ‖ " + q + ") = " + kl);
    }

    @Test
    void asymmetric() {
        Normal p = Normal.of(0, 1);
        Normal q = Normal.of(0, 2);
        // KL(p‖q) = ln 2 + 1/8 − 1/2 ≈ 0.318; KL(q‖p) = −ln 2 + 2 − 1/2 ≈ 0.807
        assertNotEquals(Kl.kl(p, q), Kl.kl(q, p), 0.1);
    }

    @Test
    void noTriangleEqualityAlongAChain() {
        // KL is not additive along a path: D(P‖Q) + D(Q‖R) = 0.5 + 0.5 but D(P‖R) = 2 for N(0,1), N(1,1), N(2,1).
        Normal p = Normal.of(0, 1);
        Normal q = Normal.of(1, 1);
        Normal r = Normal.of(2, 1);
        assertEquals(0.5, Kl.kl(p, q), 1e-15);
        assertEquals(0.5, Kl.kl(q, r), 1e-15);
        assertEquals(2.0, Kl.kl(p, r), 1e-15);
    }

    @Test
    void additiveOverIndependentCoordinates() {
        double[] mp = {0.3, -1, 2};
        double[] sp = {1.2, 0.5, 3};
        double[] mq = {-0.4, 0, 2.5};
        double[] sq = {0.8, 1, 2};
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += Kl.kl(Normal.of(mp[i], sp[i]), Normal.of(mq[i], sq[i]));
        }
        DiagNormal p = DiagNormal.of(mp, sp);
        DiagNormal q = DiagNormal.of(mq, sq);
        assertEquals(sum, Kl.kl(p, q), 1e-14);
        // The same pair as MVNs with diagonal covariance, and every mixed Gaussian combination.
        MultivariateNormal pm = MultivariateNormal.of(mp, diag(sp));
        MultivariateNormal qm = MultivariateNormal.of(mq, diag(sq));
        assertEquals(sum, Kl.kl(pm, qm), 1e-14);
        assertEquals(sum, Kl.kl(p, qm), 1e-14);
        assertEquals(sum, Kl.kl(pm, q), 1e-14);
        assertEquals(sum, GaussianKl.mvn(mp, diag(sp), mq, diag(sq)), 1e-14);
    }

    private static double[][] diag(double[] s) {
        double[][] m = new double[s.length][s.length];
        for (int i = 0; i < s.length; i++) {
            m[i][i] = s[i] * s[i];
        }
        return m;
    }

    @Test
    void mvnMatchesTheExplicitInverseFormula() {
        // ½[tr(Σq⁻¹Σp) + (μq−μp)ᵀΣq⁻¹(μq−μp) − n + ln(|Σq|/|Σp|)] with a 3x3 cofactor inverse, independent of
        // the Cholesky path.
        double[][] sp = KlCases.COV_P;
        double[][] sq = KlCases.COV_Q;
        double[] mp = {1, -1, 0};
        double[] mq = {0, 0, 0.5};
        double[][] inv = inverse3(sq);
        double tr = 0;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                tr += inv[i][k] * sp[k][i];
            }
        }
        double quad = 0;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                quad += (mq[i] - mp[i]) * inv[i][k] * (mq[k] - mp[k]);
            }
        }
        double expected = 0.5 * (tr + quad - 3 + Math.log(det3(sq) / det3(sp)));
        assertEquals(expected, Kl.kl(MultivariateNormal.of(mp, sp), MultivariateNormal.of(mq, sq)), 1e-13);
    }

    private static double det3(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    private static double[][] inverse3(double[][] a) {
        double d = det3(a);
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int r1 = (j + 1) % 3;
                int r2 = (j + 2) % 3;
                int c1 = (i + 1) % 3;
                int c2 = (i + 2) % 3;
                inv[i][j] = (a[r1][c1] * a[r2][c2] - a[r1][c2] * a[r2][c1]) / d;
            }
        }
        return inv;
    }

    @Test
    void accurateWhenPIsCloseToQ() {
        // σq = 1 + ε with ε = 2⁻²⁷ (exact in binary): KL = ½(r − 1 − ln r), r = (1+ε)⁻², whose series is
        // ε² − (5/3)ε³ + O(ε⁴). The textbook form loses every digit here (KL ≈ 5.6e-17); kl4j keeps 12.
        double eps = Math.scalb(1.0, -27);
        double expected = eps * eps - 5.0 / 3 * eps * eps * eps;
        assertEquals(expected, GaussianKl.normal(0, 1, 0, 1 + eps), 1e-12 * expected);
        // Same for MVN with Lq = (1+ε) Lp (entries chosen so the product is exact): twice the 1-D value.
        double[][] lp = {{1, 0}, {0.5, 2}};
        double[][] lq = {{1 + eps, 0}, {0.5 + eps / 2, 2 + 2 * eps}};
        assertEquals(2 * expected, GaussianKl.mvnFromScaleTril(new double[2], lp, new double[2], lq), 2e-12 * expected);
        // Exponential: r − 1 − ln r with r = 1 + ε: ε²/2 − ε³/3.
        assertEquals(eps * eps / 2 - eps * eps * eps / 3, Kl.kl(Exponential.of(1), Exponential.of(1 + eps)),
                1e-12 * eps * eps);
        // Poisson: λq − λp + λp ln(λp/λq) = ε − ln(1 + ε) for λp = 1, λq = 1 + ε.
        assertEquals(eps * eps / 2 - eps * eps * eps / 3, Kl.kl(Poisson.of(1), Poisson.of(1 + eps)),
                1e-12 * eps * eps);
    }

    @Test
    void vaePriorTerm() {
        double[] mu = {0.5, -1, 0};
        double[] logVar = {0.2, -1, 0};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            expected += -0.5 * (1 + logVar[i] - mu[i] * mu[i] - Math.exp(logVar[i]));
        }
        assertEquals(expected, GaussianKl.toStandardNormalFromLogVar(mu, logVar), 1e-15);
        double[] sd = new double[3];
        for (int i = 0; i < 3; i++) {
            sd[i] = Math.exp(0.5 * logVar[i]);
        }
        assertEquals(expected, GaussianKl.diagonal(mu, sd, new double[3], new double[] {1, 1, 1}), 1e-15);
    }
}
