package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.Supports;
import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.Categorical;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Poisson;
import org.junit.jupiter.api.Test;

/**
 * Closed-form Rényi divergences against 1/(α − 1) ln ∫ p^α q^(1−α) computed numerically (quadrature for
 * the continuous families, the sum over the support for the discrete ones), their α → 1 limit (KL) and
 * the orders where the integral diverges.
 */
class ExponentialFamilyRenyiTest {
    private static final double[] ORDERS = {0.1, 0.5, 0.9, 1.5, 2, 3.5};

    private static double numericContinuous(Distribution p, Distribution q, double alpha) {
        double integral = Supports.expectation(p, q,
                x -> Math.exp((alpha - 1) * (p.logProb(new double[] {x}) - q.logProb(new double[] {x}))));
        return Math.log(integral) / (alpha - 1);
    }

    private static double numericDiscrete(Distribution p, Distribution q, double alpha) {
        double s = 0;
        for (int k = 0; k < 3000; k++) {
            double lp = p.logProb(new double[] {k});
            if (lp > Double.NEGATIVE_INFINITY) {
                s += Math.exp(alpha * lp + (1 - alpha) * q.logProb(new double[] {k}));
            }
        }
        return Math.log(s) / (alpha - 1);
    }

    @Test
    void exponentialAndGammaAgainstQuadrature() {
        Exponential ep = Exponential.of(1.5);
        Exponential eq = Exponential.of(0.8);
        Gamma gp = Gamma.of(2.5, 1.5);
        Gamma gq = Gamma.of(1.7, 1.1);
        for (double a : ORDERS) {
            double e = numericContinuous(ep, eq, a);
            assertEquals(e, ExponentialFamilyRenyi.exponential(ep, eq, a), 1e-9 * (1 + e), "exponential α = " + a);
            double g = numericContinuous(gp, gq, a);
            assertEquals(g, ExponentialFamilyRenyi.gamma(gp, gq, a), 1e-9 * (1 + g), "gamma α = " + a);
        }
    }

    @Test
    void poissonBernoulliCategoricalAgainstSums() {
        Poisson pp = Poisson.of(3.5);
        Poisson pq = Poisson.of(1.2);
        for (double a : ORDERS) {
            double s = numericDiscrete(pp, pq, a);
            assertEquals(s, ExponentialFamilyRenyi.poisson(pp, pq, a), 1e-10 * (1 + s), "poisson α = " + a);
            double b = Math.log(Math.pow(0.3, a) * Math.pow(0.6, 1 - a) + Math.pow(0.7, a) * Math.pow(0.4, 1 - a)) / (a - 1);
            assertEquals(b, ExponentialFamilyRenyi.bernoulli(Bernoulli.ofProbs(0.3), Bernoulli.ofProbs(0.6), a), 1e-13);
            double c = Math.log(Math.pow(0.2, a) * Math.pow(0.4, 1 - a) + Math.pow(0.5, a) * Math.pow(0.4, 1 - a)
                    + Math.pow(0.3, a) * Math.pow(0.2, 1 - a)) / (a - 1);
            assertEquals(c, ExponentialFamilyRenyi.categorical(Categorical.ofProbs(new double[] {0.2, 0.5, 0.3}),
                    Categorical.ofProbs(new double[] {0.4, 0.4, 0.2}), a), 1e-13);
        }
    }

    @Test
    void orderOneIsKlAndTheLimitIsSmooth() {
        Gamma p = Gamma.of(2.5, 1.5);
        Gamma q = Gamma.of(1.7, 1.1);
        double kl = Kl.kl(p, q);
        assertEquals(kl, ExponentialFamilyRenyi.gamma(p, q, 1), 0);
        // D_α − KL = O(α − 1): within 1e-6 at |α − 1| = 1e-7, and continuous across the interpolation edge.
        assertEquals(kl, ExponentialFamilyRenyi.gamma(p, q, 1 + 1e-7), 1e-6);
        double inside = ExponentialFamilyRenyi.gamma(p, q, 1 + 0.999e-5);
        double outside = ExponentialFamilyRenyi.gamma(p, q, 1 + 1.001e-5);
        assertEquals(outside, inside, 1e-8);
        Poisson pp = Poisson.of(3.5);
        Poisson pq = Poisson.of(1.2);
        assertEquals(numericDiscrete(pp, pq, 1 - 0.999e-5), ExponentialFamilyRenyi.poisson(pp, pq, 1 - 0.999e-5), 1e-8);
        assertEquals(numericDiscrete(pp, pq, 1 + 2e-5), ExponentialFamilyRenyi.poisson(pp, pq, 1 + 2e-5), 1e-8);
        assertEquals(numericContinuous(Exponential.of(2), Exponential.of(1), 1 + 2e-6),
                ExponentialFamilyRenyi.exponential(Exponential.of(2), Exponential.of(1), 1 + 2e-6), 1e-7);
    }

    /** ∫ p^α q^(1−α) diverges when the interpolated rate leaves (0, ∞): for α = 3, 3·1 − 2·2 &lt; 0. */
    @Test
    void divergentOrdersAreInfiniteAndBadOrdersNameAlpha() {
        assertEquals(Double.POSITIVE_INFINITY, ExponentialFamilyRenyi.exponential(Exponential.of(1), Exponential.of(2), 3));
        assertEquals(Double.POSITIVE_INFINITY, ExponentialFamilyRenyi.gamma(Gamma.of(2, 1), Gamma.of(2, 2), 3));
        assertEquals(Double.POSITIVE_INFINITY, ExponentialFamilyRenyi.gamma(Gamma.of(1, 1), Gamma.of(3, 1), 3));
        // Just inside: finite, and equal to the integral.
        double a = 1.9;
        assertEquals(numericContinuous(Exponential.of(1), Exponential.of(2), a),
                ExponentialFamilyRenyi.exponential(Exponential.of(1), Exponential.of(2), a), 1e-8);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ExponentialFamilyRenyi.poisson(Poisson.of(1), Poisson.of(2), -1));
        assertEquals("alpha", e.argument());
    }
}
