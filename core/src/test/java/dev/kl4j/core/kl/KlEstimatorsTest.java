package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Poisson;
import dev.kl4j.core.distribution.Uniform;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KlEstimatorsTest {

    @Test
    void handComputedValues() {
        double ln2 = Math.log(2);
        double[] logRatio = {ln2, -ln2, 0}; // r = 2, 1/2, 1
        Estimate k1 = KlEstimators.k1(logRatio);
        assertEquals(0, k1.value(), 1e-16);
        // sample sd of {−ln2, ln2, 0} with n − 1 = 2 is ln 2; standard error ln 2 / √3
        assertEquals(ln2 / Math.sqrt(3), k1.standardError(), 1e-15);
        assertEquals(3, k1.samples());
        assertEquals(ln2 * ln2 / 3, KlEstimators.k2(logRatio).value(), 1e-15);
        // k3: (2 − 1 − ln 2) + (½ − 1 + ln 2) + 0 = ½, mean 1/6
        assertEquals(1.0 / 6, KlEstimators.k3(logRatio).value(), 1e-15);
        assertEquals(Double.NaN, KlEstimators.k1(new double[] {0.3}).standardError());
    }

    @Test
    void k1AndK3AreUnbiasedK3IsNonNegativeAndTighter() {
        // KL(q ‖ p) for q = N(0, 1), p = N(0.3, 1.1), with x ~ q.
        Normal q = Normal.of(0, 1);
        Normal p = Normal.of(0.3, 1.1);
        double exact = Kl.kl(q, p);
        int n = 100_000;
        double[] logRatio = new double[n];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            double[] x = q.sample(rng);
            logRatio[i] = p.logProb(x) - q.logProb(x);
            assertTrue(Math.expm1(logRatio[i]) - logRatio[i] >= 0);
        }
        Estimate k1 = KlEstimators.k1(logRatio);
        Estimate k2 = KlEstimators.k2(logRatio);
        Estimate k3 = KlEstimators.k3(logRatio);
        assertEquals(exact, k1.value(), 5 * k1.standardError());
        assertEquals(exact, k3.value(), 5 * k3.standardError());
        assertTrue(k3.standardError() < k1.standardError(), k1 + " vs " + k3);
        assertTrue(k2.standardError() < k1.standardError(), k1 + " vs " + k2);
        // k2 is biased (here by about −13%, far beyond its standard error) but of the right size.
        assertTrue(Math.abs(k2.value() - exact) > 5 * k2.standardError(), k2.toString());
        assertEquals(exact, k2.value(), 0.2 * exact);
    }

    @Test
    void infiniteAndInvalidLogRatios() {
        assertEquals(Double.POSITIVE_INFINITY, KlEstimators.k1(new double[] {0, Double.NEGATIVE_INFINITY}).value());
        assertEquals(Double.POSITIVE_INFINITY, KlEstimators.k3(new double[] {0, Double.NEGATIVE_INFINITY}).value());
        assertEquals("logRatio", assertThrows(InvalidArgumentException.class,
                () -> KlEstimators.k1(new double[] {0, Double.NaN})).argument());
        assertEquals("logRatio", assertThrows(InvalidArgumentException.class,
                () -> KlEstimators.k3(new double[0])).argument());
    }

    @Test
    void monteCarloFallbackForAPairWithoutClosedForm() {
        // KL(Bernoulli(0.3) ‖ Poisson(0.5)) = 0.7 ln(0.7 / e^−0.5) + 0.3 ln(0.3 / (0.5 e^−0.5))
        Bernoulli p = Bernoulli.ofProbs(0.3);
        Poisson q = Poisson.of(0.5);
        double exact = 0.7 * (Math.log(0.7) + 0.5) + 0.3 * (Math.log(0.6) + 0.5);
        Estimate mc = MonteCarloKl.estimate(p, q, 20_000, new SplittableRandom(9));
        assertEquals(exact, mc.value(), 5 * mc.standardError());
        assertEquals(20_000, mc.samples());
    }

    @Test
    void monteCarloArgumentChecks() {
        assertEquals("n", assertThrows(InvalidArgumentException.class,
                () -> MonteCarloKl.estimate(Normal.standard(), Normal.standard(), 1, new SplittableRandom(1))).argument());
        assertEquals("q", assertThrows(InvalidArgumentException.class,
                () -> MonteCarloKl.estimate(Normal.standard(),
                        dev.kl4j.core.distribution.Dirichlet.of(1, 1), 10, new SplittableRandom(1))).argument());
        Estimate inf = MonteCarloKl.estimate(Uniform.of(0, 2), Uniform.of(0, 1), 100, new SplittableRandom(1));
        assertEquals(Double.POSITIVE_INFINITY, inf.value());
    }

    @Test
    void monteCarloSamplesThatUnderflowGiveAClearError() {
        // Gamma(0.001, 1) puts about half its mass below 1e-308, so samples round to x = 0, where both
        // log-densities are +inf and ln p − ln q is undefined; the error must say so and name p.
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> MonteCarloKl.estimate(dev.kl4j.core.distribution.Gamma.of(1e-3, 1), dev.kl4j.core.distribution.Gamma.of(2e-3, 1),
                        1000, new SplittableRandom(1)));
        assertEquals("p", e.argument());
        assertTrue(e.getMessage().contains("ln p(x)") && e.getMessage().contains("ln q(x)"), e.getMessage());
    }
}
