package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.MultivariateNormal;
import dev.kl4j.core.distribution.Normal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianRenyiTest {

    @Test
    void univariateMatchesScipyQuad() {
        // a=…; integrate.quad(lambda x: exp(a*N(0.3,1.2).logpdf(x)+(1-a)*N(-0.4,1.0).logpdf(x)), -60, 60,
        //   points=[0], epsrel=1e-12); log(v)/(a-1)
        double[][] reference = {{0.3, 0.06565628449579453}, {0.5, 0.11693913801678411},
            {2.0, 0.9825876908325157}, {3.0, 6.472744327256058}};
        for (double[] r : reference) {
            assertEquals(r[1], GaussianRenyi.normal(0.3, 1.2, -0.4, 1.0, r[0]), 1e-10 * (1 + r[1]), "alpha " + r[0]);
        }
    }

    @Test
    void univariateKeepsItsDigitsAsPApproachesQAndForExtremeScales() {
        // Python decimal, 80 digits, on the exact binary parameters (mp, sp, mq, sq, a):
        // vp, vq = sp*sp, sq*sq; va = a*vq + (1-a)*vp
        // a*(mp-mq)**2/(2*va) - (va.ln() - (1-a)*vp.ln() - a*vq.ln())/(2*(a-1))
        double[][] reference = {
            {0, 1, 0, 1 + 1e-9, 0.001, 1.00000016514608203e-21},
            {0, 1, 0, 1 + 1e-9, 0.5, 5.00000082240374312e-19},
            {0, 1, 0, 1 + 1e-9, 2, 2.00000032496149637e-18},
            {0, 1, 0, 1 + 1e-9, 1000, 9.99998831815751213e-16},
            {0, 1, 0, 1 + 1e-9, 1e6, 9.98668828289106146e-13},
            {0, 1, 1e-5, 1 - 1e-9, 3, 1.50000003899999836e-10},
            {0, 1e-200, 0, 1e200, 0.5, 920.340890017058314},
            {1, 1e200, 0, 1e-200, 0.5, 920.340890017058314},
            {0, 1, 0.5, 1.3, 0.25, 4.52898447619542593e-02}};
        for (double[] r : reference) {
            double d = GaussianRenyi.normal(r[0], r[1], r[2], r[3], r[4]);
            assertEquals(r[5], d, 1e-9 * r[5], "N(" + r[0] + ", " + r[1] + ") vs N(" + r[2] + ", " + r[3] + "), alpha " + r[4]);
        }
    }

    @Test
    void mvnKeepsItsDigitsAsCovariancesApproach() {
        // Σp = [[2, .5], [.5, 1]], Σq the same with 2 + 1e-9 in the corner, equal means; Python decimal on the
        // exact binary entries, det = a*d - b*b: Σα = a*Σq + (1-a)*Σp,
        // -(det(Σα).ln() - (1-a)*det(Σp).ln() - a*det(Σq).ln()) / (2*(a-1))
        double[][] sp = {{2, 0.5}, {0.5, 1}};
        double[][] sq = {{2 + 1e-9, 0.5}, {0.5, 1}};
        double[] mu = {0.3, -0.2};
        double[][] reference = {{0.5, 4.08163332616049003e-20}, {2, 1.63265332953125123e-19},
            {1000, 8.16326354406109627e-17}, {0.999995, 8.16322583443283383e-20}};
        for (double[] r : reference) {
            assertEquals(r[1], GaussianRenyi.mvn(mu, sp, mu, sq, r[0]), 1e-8 * r[1], "alpha " + r[0]);
        }
    }

    /** D_α by Simpson's rule on ∫ exp(α ln p + (1 − α) ln q), independent of the closed form. */
    private static double numericRenyi(Normal p, Normal q, double alpha) {
        double lo = -40;
        double hi = 40;
        int n = 40_000;
        double h = (hi - lo) / n;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double[] x = {lo + i * h};
            double f = Math.exp(alpha * p.logProb(x) + (1 - alpha) * q.logProb(x));
            s += f * (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        return Math.log(s * h / 3) / (alpha - 1);
    }

    @Test
    void univariateMatchesNumericalIntegration() {
        double[][] params = {{0, 1, 1, 1}, {0.5, 0.7, -0.2, 1.3}, {1, 2, 0, 1.5}, {-1, 0.5, 0.5, 0.6}};
        for (double[] m : params) {
            Normal p = Normal.of(m[0], m[1]);
            Normal q = Normal.of(m[2], m[3]);
            for (double alpha : new double[] {0.1, 0.5, 0.9, 1.1, 1.5, 2}) {
                double closed = GaussianRenyi.normal(m[0], m[1], m[2], m[3], alpha);
                if (Double.isFinite(closed)) {
                    assertEquals(numericRenyi(p, q, alpha), closed, 1e-9 * (1 + closed), p + " " + q + " alpha " + alpha);
                }
            }
        }
    }

    @Test
    void alphaOneIsKlAndTheLimitApproachesIt() {
        double kl = GaussianKl.normal(0.3, 1.2, -0.4, 0.8);
        assertEquals(kl, GaussianRenyi.normal(0.3, 1.2, -0.4, 0.8, 1), 0);
        assertEquals(kl, GaussianRenyi.normal(0.3, 1.2, -0.4, 0.8, 1 + 1e-6), 1e-5);
        assertEquals(kl, GaussianRenyi.normal(0.3, 1.2, -0.4, 0.8, 1 - 1e-6), 1e-5);
        double[][] cp = KlCases.COV_P;
        double[][] cq = KlCases.COV_Q;
        double[] mp = {1, -1, 0};
        double[] mq = {0, 0, 0.5};
        double mvnKl = GaussianKl.mvn(mp, cp, mq, cq);
        assertEquals(mvnKl, GaussianRenyi.mvn(mp, cp, mq, cq, 1), 0);
        assertEquals(mvnKl, GaussianRenyi.mvn(mp, cp, mq, cq, 1 + 1e-6), 1e-5);
        // Just off α = 1 the closed form is a 0/0; kl4j stays continuous there: the slope dD/dα
        // estimated across α = 1 ± 1e-9 matches the one across α = 1 ± 1e-3.
        double slopeFar = (GaussianRenyi.normal(0.3, 1.2, -0.4, 0.8, 1 + 1e-3)
                - GaussianRenyi.normal(0.3, 1.2, -0.4, 0.8, 1 - 1e-3)) / 2e-3;
        double slopeNear = (GaussianRenyi.normal(0.3, 1.2, -0.4, 0.8, 1 + 1e-9)
                - GaussianRenyi.normal(0.3, 1.2, -0.4, 0.8, 1 - 1e-9)) / 2e-9;
        assertEquals(slopeFar, slopeNear, 1e-3 * Math.abs(slopeFar));
        double mvnNear = GaussianRenyi.mvn(mp, cp, mq, cq, 1 + 1e-12);
        assertEquals(mvnKl, mvnNear, 1e-10 * mvnKl);
    }

    @Test
    void nonDecreasingInAlphaAndZeroAtZero() {
        assertEquals(0, GaussianRenyi.normal(0.3, 1.2, -0.4, 0.8, 0), 1e-15);
        double previous = 0;
        for (double alpha = 0.05; alpha < 1.7; alpha += 0.05) {
            double d = GaussianRenyi.normal(0.3, 1.2, -0.4, 1.5, alpha);
            assertTrue(d >= previous - 1e-13, "alpha " + alpha);
            previous = d;
        }
    }

    @Test
    void infiniteWhenTheMixedCovarianceIsNotPositiveDefinite() {
        // p = N(0, 4), q = N(0, 1): σα² = α + 4(1 − α) ≤ 0 for α ≥ 4/3, so ∫ p^α q^(1−α) diverges.
        assertTrue(Double.isFinite(GaussianRenyi.normal(0, 2, 0, 1, 1.3)));
        assertEquals(Double.POSITIVE_INFINITY, GaussianRenyi.normal(0, 2, 0, 1, 2));
        double[][] big = {{4, 0}, {0, 1}};
        double[][] eye = {{1, 0}, {0, 1}};
        assertEquals(Double.POSITIVE_INFINITY, GaussianRenyi.mvn(new double[2], big, new double[2], eye, 2));
        assertTrue(Double.isFinite(GaussianRenyi.mvn(new double[2], eye, new double[2], big, 2)));
    }

    @Test
    void mvnWithDiagonalCovarianceIsTheSumOfUnivariate() {
        double[] mp = {0.3, -1};
        double[] sp = {1.2, 0.5};
        double[] mq = {-0.4, 0};
        double[] sq = {0.8, 1};
        for (double alpha : new double[] {0.5, 2}) {
            double sum = GaussianRenyi.normal(mp[0], sp[0], mq[0], sq[0], alpha)
                    + GaussianRenyi.normal(mp[1], sp[1], mq[1], sq[1], alpha);
            assertEquals(sum, GaussianRenyi.diagonal(mp, sp, mq, sq, alpha), 1e-14);
            double[][] cp = {{sp[0] * sp[0], 0}, {0, sp[1] * sp[1]}};
            double[][] cq = {{sq[0] * sq[0], 0}, {0, sq[1] * sq[1]}};
            assertEquals(sum, GaussianRenyi.mvn(mp, cp, mq, cq, alpha), 1e-13);
        }
    }

    @Test
    void mvnMatchesMonteCarlo() {
        // D_α = 1/(α−1) ln E_q[exp(α (ln p − ln q))], x ~ q; error by the delta method.
        double[][] cp = KlCases.COV_P;
        double[][] cq = KlCases.COV_Q;
        double[] mp = {0.5, -0.5, 0};
        double[] mq = {0, 0, 0.3};
        MultivariateNormal p = MultivariateNormal.of(mp, cp);
        MultivariateNormal q = MultivariateNormal.of(mq, cq);
        int n = 100_000;
        for (double alpha : new double[] {0.5, 1.3}) {
            SplittableRandom rng = new SplittableRandom(11);
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double[] x = q.sample(rng);
                double w = Math.exp(alpha * (p.logProb(x) - q.logProb(x)));
                sum += w;
                sumSq += w * w;
            }
            double mean = sum / n;
            double sd = Math.sqrt(sumSq / n - mean * mean);
            double mc = Math.log(mean) / (alpha - 1);
            double se = sd / (mean * Math.sqrt(n)) / Math.abs(alpha - 1);
            double closed = GaussianRenyi.mvn(mp, cp, mq, cq, alpha);
            assertEquals(closed, mc, 5 * se + 1e-3, "alpha " + alpha);
        }
    }

    @Test
    void alphaMustBeNonNegativeAndFinite() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> GaussianRenyi.normal(0, 1, 0, 1, -0.5));
        assertEquals("alpha", e.argument());
        assertThrows(InvalidArgumentException.class,
                () -> GaussianRenyi.normal(0, 1, 0, 1, Double.POSITIVE_INFINITY));
        assertEquals("scaleQ", assertThrows(InvalidArgumentException.class,
                () -> GaussianRenyi.normal(0, 1, 0, -1, 0.5)).argument());
    }
}
