package dev.kl4j.core.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.Quadrature;
import dev.kl4j.core.Supports;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The families added with the open registry: log-density and entropy against SciPy 1.17 (expressions in
 * comments) or, for the continuous Bernoulli, which SciPy lacks, against 40-digit mpmath quadrature of
 * its definition; and normalisation, mean, variance and entropy against numerical integration or
 * summation of {@code logProb}.
 */
class NewFamiliesReferenceTest {
    private static final double TOL = 1e-12;

    private static void check(Distribution d, double x, double logProb, double entropy) {
        assertEquals(logProb, d.logProb(new double[] {x}), TOL * (1 + Math.abs(logProb)), d + " logProb");
        assertEquals(entropy, d.entropy(), TOL * (1 + Math.abs(entropy)), d + " entropy");
    }

    @Test
    void againstScipy() {
        // stats.binom(12, 0.35).logpmf(4), .entropy()
        check(Binomial.ofProbs(12, 0.35), 4, -1.4409940641656567, 1.9166696370926402);
        // stats.geom(0.3, loc=-1).logpmf(3), .entropy()  (failures before the first success)
        check(Geometric.ofProbs(0.3), 3, -2.2739976361421332, 2.036214340182978);
        // stats.halfnorm(scale=1.7).logpdf(0.9), .entropy()
        check(HalfNormal.of(1.7), 0.9, -0.8965580120113961, 1.2564196037068978);
        // stats.lognorm(s=0.5, scale=exp(0.3)).logpdf(1.4), .entropy()
        check(LogNormal.of(0.3, 0.5), 1.4, -0.5649240373542477, 1.0257913526447275);
        // stats.gumbel_r(0.5, 1.5).logpdf(-0.3), .entropy()
        check(Gumbel.of(0.5, 1.5), -0.3, -1.576736640097584, 1.9826807730096971);
        // stats.pareto(b=6, scale=1.5).logpdf(2.1), .entropy()
        check(Pareto.of(1.5, 6), 2.1, -0.9690112952286006, -0.21962769445322383);
        // stats.cauchy(0.3, 1.2).logpdf(2.0), .entropy()
        check(Cauchy.of(0.3, 1.2), 2.0, -2.427975871069844, 2.713345803763245);
        // stats.weibull_min(c=1.7, scale=2.3).logpdf(1.1), .entropy()
        check(Weibull.of(2.3, 1.7), 1.1, -1.1039845412644542, 1.5399579103618);
        // stats.invgamma(a=3.5, scale=2.0).logpdf(0.9), .entropy()
        check(InverseGamma.of(3.5, 2), 0.9, -0.5230583721492698, 0.4299159000034253);
        // stats.vonmises(2.5, loc=0.4).logpdf(1.1), .entropy()
        check(VonMises.of(0.4, 2.5), 1.1, -1.1166102693941526, 1.1162238686333492);
        // np.log(special.i0(k)), special.i1(k)/special.i0(k); at 1e4: log(i0e(k)) + k, i1e/i0e
        double[][] bessel = {{0.5, 0.06154971918548117, 0.24249961258080202}, {2.0, 0.8239935414829561, 0.6977746579640083},
            {2.5, 1.1908386711960282, 0.7649967475888099}, {7.3, 5.4056405543327966, 0.9287379172265557},
            {150, 146.57657995035186, 0.996661073682828}, {1e4, 9994.475903781433, 0.9999499987498751}};
        for (double[] b : bessel) {
            assertEquals(b[1], VonMises.logBesselI0(b[0]), 1e-14 * (1 + b[1]), "ln I0(" + b[0] + ")");
            assertEquals(b[2], VonMises.besselRatio(b[0]), 1e-14, "I1/I0(" + b[0] + ")");
        }
        // W = [[.5,.2],[-.3,.8]]; stats.multivariate_normal([1,-1], W@W.T + diag([.4,.9])).logpdf([.3,.2]), .entropy()
        LowRankMultivariateNormal lr = LowRankMultivariateNormal.of(new double[] {1, -1},
                new double[][] {{0.5, 0.2}, {-0.3, 0.8}}, new double[] {0.4, 0.9});
        assertEquals(-2.700921203444162, lr.logProb(new double[] {0.3, 0.2}), TOL * 3);
        assertEquals(2.8965907748473274, lr.entropy(), TOL * 3);
    }

    /** mpmath (40 digits): C = 2 atanh(1 − 2λ)/(1 − 2λ), moments and entropy by quad over [0, 1]. */
    @Test
    void continuousBernoulliAgainstHighPrecision() {
        ContinuousBernoulli cb = ContinuousBernoulli.ofProbs(0.2);
        check(cb, 0.3, 0.19842802409409472419, -0.076414452803358782789);
        assertEquals(0.38801418711114837035, cb.mean()[0], 1e-15);
        assertEquals(0.075897800806957505023, cb.variance()[0], 1e-15);
        // Near λ = ½ the textbook mean and variance cancel catastrophically; these keep their digits.
        ContinuousBernoulli near = ContinuousBernoulli.ofProbs(0.500001);
        assertEquals(0.50000033333333333369, near.mean()[0], 1e-16);
        assertEquals(0.083333333333266666667, near.variance()[0], 1e-16);
        assertEquals(-6.6666666666817777778e-13, near.entropy(), 1e-6 * 6.7e-13);
        assertEquals(-8.0000066666773333502e-7, near.logProb(new double[] {0.3}), 1e-9 * 8e-7);
        ContinuousBernoulli half = ContinuousBernoulli.ofProbs(0.5);
        assertEquals(0.5, half.mean()[0], 0);
        assertEquals(1.0 / 12, half.variance()[0], 3e-17);
        assertEquals(0, half.entropy(), 1e-16);
    }

    static Stream<Distribution> continuous() {
        return Stream.of(HalfNormal.of(1.7), LogNormal.of(0.3, 0.5), Gumbel.of(0.5, 1.5), Pareto.of(1.5, 6),
                ContinuousBernoulli.ofProbs(0.2), ContinuousBernoulli.ofLogits(-4), ContinuousBernoulli.ofProbs(0.49),
                Weibull.of(2.3, 1.7), Weibull.of(0.8, 0.9), InverseGamma.of(3.5, 2));
    }

    @Test
    void vonMisesNormalisesAndHasItsCircularMoments() {
        VonMises d = VonMises.of(0.4, 2.5);
        assertEquals(1, Supports.expectation(d, d, x -> 1), 1e-12);
        assertEquals(d.entropy(), Supports.expectation(d, d, x -> -d.logProb(new double[] {x})), 1e-12);
        assertEquals(1 - d.variance()[0], Supports.expectation(d, d, x -> Math.cos(x - 0.4)), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuous")
    void momentsAndEntropyAgreeWithIntegralsOfTheDensity(Distribution d) {
        double mass = Supports.expectation(d, d, x -> 1);
        double mean = Supports.expectation(d, d, x -> x);
        double m = d.mean()[0];
        double variance = Supports.expectation(d, d, x -> (x - m) * (x - m));
        double entropy = Supports.expectation(d, d, x -> -d.logProb(new double[] {x}));
        assertEquals(1, mass, 1e-11, d + " mass");
        assertEquals(mean, m, 1e-10 * (1 + Math.abs(m)), d + " mean");
        assertEquals(variance, d.variance()[0], 1e-10 * (1 + variance), d + " variance");
        assertEquals(entropy, d.entropy(), 1e-10 * (1 + Math.abs(entropy)), d + " entropy");
    }

    @Test
    void cauchyQuartilesAndHeavyMoments() {
        Cauchy c = Cauchy.of(0.3, 1.2);
        assertEquals(1, Supports.expectation(c, c, x -> 1), 1e-10);
        DoubleUnaryOperator density = x -> Math.exp(c.logProb(new double[] {x}));
        assertEquals(0.5, Quadrature.integrate(density, Double.NEGATIVE_INFINITY, 0.3), 1e-10);
        assertEquals(0.25, Quadrature.integrate(density, 1.5, Double.POSITIVE_INFINITY), 1e-10); // μ + γ: upper quartile
        assertEquals(c.entropy(), Supports.expectation(c, c, x -> -c.logProb(new double[] {x})), 1e-9);
        assertEquals(Double.NaN, c.mean()[0]);
        assertEquals(Double.POSITIVE_INFINITY, c.variance()[0]);
    }

    static Stream<Distribution> discrete() {
        return Stream.of(Binomial.ofProbs(12, 0.35), Binomial.ofLogits(40, -1.5), Binomial.ofProbs(3, 1),
                Geometric.ofProbs(0.3), Geometric.ofLogits(2), Geometric.ofProbs(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("discrete")
    void discreteMomentsAndEntropyAgreeWithSums(Distribution d) {
        double mass = 0;
        double s1 = 0;
        double s2 = 0;
        double h = 0;
        for (int k = 0; k < 5000; k++) {
            double lp = d.logProb(new double[] {k});
            if (lp == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double pk = Math.exp(lp);
            mass += pk;
            s1 += pk * k;
            s2 += pk * k * k;
            h -= pk * lp;
        }
        assertEquals(1, mass, 1e-13, d + " mass");
        assertEquals(s1, d.mean()[0], 1e-12 * (1 + s1), d + " mean");
        assertEquals(s2 - s1 * s1, d.variance()[0], 1e-11 * (1 + s2), d + " variance");
        assertEquals(h, d.entropy(), 1e-12 * (1 + h), d + " entropy");
    }

    @Test
    void oneHotAndIndependentReduceToTheirParts() {
        OneHotCategorical oh = OneHotCategorical.ofProbs(new double[] {0.2, 0.5, 0.3});
        assertEquals(Math.log(0.5), oh.logProb(new double[] {0, 1, 0}), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, oh.logProb(new double[] {0, 1, 1}));
        assertEquals(Double.NEGATIVE_INFINITY, oh.logProb(new double[] {0, 0.5, 0.5}));
        assertEquals(-(0.2 * Math.log(0.2) + 0.5 * Math.log(0.5) + 0.3 * Math.log(0.3)), oh.entropy(), 1e-15);
        assertEquals(0.5 * 0.5, oh.variance()[1], 1e-15);
        Independent ind = Independent.of(Gamma.of(2, 1), Normal.of(0, 2));
        assertEquals(Gamma.of(2, 1).logProb(new double[] {1.5}) + Normal.of(0, 2).logProb(new double[] {-1}),
                ind.logProb(new double[] {1.5, -1}), 1e-15);
        assertEquals(Gamma.of(2, 1).entropy() + Normal.of(0, 2).entropy(), ind.entropy(), 1e-15);
        Distribution built = Distributions.create("independent",
                Map.of("base_dist", "gamma", "concentration", new double[] {2, 3}, "rate", new double[] {1, 0.5}));
        assertEquals(Gamma.of(2, 1).entropy() + Gamma.of(3, 0.5).entropy(), built.entropy(), 1e-15);
    }

    @Test
    void badParametersNameTheField() {
        String[][] cases = {
            {"binomial", "total_count"}, {"geometric", "probs"}, {"half_normal", "scale"}, {"log_normal", "scale"},
            {"gumbel", "scale"}, {"pareto", "alpha"}, {"continuous_bernoulli", "probs"}, {"cauchy", "scale"},
        };
        Map<String, Map<String, Object>> bad = Map.of(
                "binomial", Map.of("total_count", 2.5, "probs", 0.3),
                "geometric", Map.of("probs", 0.0),
                "half_normal", Map.of("scale", -1.0),
                "log_normal", Map.of("loc", 0.0, "scale", 0.0),
                "gumbel", Map.of("loc", 0.0, "scale", Double.NaN),
                "pareto", Map.of("scale", 1.0, "alpha", -2.0),
                "continuous_bernoulli", Map.of("probs", 1.0),
                "cauchy", Map.of("loc", 0.0, "scale", -1.0));
        for (String[] c : cases) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> Distributions.create(c[0], bad.get(c[0])), c[0]);
            assertEquals(c[1], e.argument(), c[0] + ": " + e.getMessage() + " " + bad.get(c[0]));
        }
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Distributions.create(
                "low_rank_mvn", Map.of("loc", new double[] {0, 0}, "cov_factor", new double[][] {{1}}, "cov_diag",
                        new double[] {1, 1})));
        assertEquals("cov_factor", e.argument());
        e = assertThrows(InvalidArgumentException.class, () -> Distributions.create("independent",
                Map.of("base_dist", "normal", "loc", new double[] {0, 1}, "scale", new double[] {1})));
        assertTrue(e.argument().equals("scale") || e.argument().equals("loc"), e.argument()); // the second one read
        e = assertThrows(InvalidArgumentException.class, () -> Distributions.create("independent",
                Map.of("base_dist", "nope", "loc", new double[] {0})));
        assertEquals("base_dist", e.argument());
        e = assertThrows(InvalidArgumentException.class, () -> Independent.of(DiagNormal.of(new double[2], new double[] {1, 1})));
        assertEquals("components", e.argument());
    }
}
