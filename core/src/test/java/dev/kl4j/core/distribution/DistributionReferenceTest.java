package dev.kl4j.core.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Log-densities and entropies against SciPy 1.10 (Debian /usr/bin/python3); expressions in comments. */
class DistributionReferenceTest {
    private static final double TOL = 1e-12;

    private static void check(Distribution d, double[] x, double logProb, double entropy) {
        assertEquals(logProb, d.logProb(x), TOL * (1 + Math.abs(logProb)), d + " logProb");
        assertEquals(entropy, d.entropy(), TOL * (1 + Math.abs(entropy)), d + " entropy");
    }

    @Test
    void normal() {
        // stats.norm(0.5, 2.0).logpdf(1.3), .entropy()
        check(Normal.of(0.5, 2.0), new double[] {1.3}, -1.6920857137646181, 2.112085713764618);
    }

    @Test
    void exponential() {
        // stats.expon(scale=1/1.5).logpdf(0.7), .entropy()
        check(Exponential.of(1.5), new double[] {0.7}, -0.6445348918918357, 0.5945348918918356);
    }

    @Test
    void gamma() {
        // stats.gamma(2.5, scale=1/1.5).logpdf(1.2), .entropy()
        check(Gamma.of(2.5, 1.5), new double[] {1.2}, -0.7975377650115762, 1.3244828013968901);
    }

    @Test
    void beta() {
        // stats.beta(2.0, 3.0).logpdf(0.3), .entropy()
        check(Beta.of(2.0, 3.0), new double[] {0.3}, 0.5675839575845993, -0.23490664978903172);
    }

    @Test
    void laplace() {
        // stats.laplace(0.5, 2.0).logpdf(-1.0), .entropy()
        check(Laplace.of(0.5, 2.0), new double[] {-1.0}, -2.136294361119891, 2.386294361119891);
    }

    @Test
    void uniform() {
        // stats.uniform(-1.0, 3.0).logpdf(0.5), .entropy()
        check(Uniform.of(-1.0, 2.0), new double[] {0.5}, -1.0986122886681096, 1.0986122886681096);
    }

    @Test
    void poisson() {
        // stats.poisson(3.5).logpmf(2), .entropy()
        check(Poisson.of(3.5), new double[] {2}, -1.6876212435692093, 2.015172522512972);
    }

    @Test
    void dirichlet() {
        // stats.dirichlet([2.0,3.0,1.5]).logpdf([0.2,0.5,0.3]), .entropy()
        check(Dirichlet.of(2.0, 3.0, 1.5), new double[] {0.2, 0.5, 0.3}, 1.4924784412154817, -1.101605452817365);
    }

    @Test
    void multivariateNormal() {
        // stats.multivariate_normal([1.0,-1.0],[[2.0,0.5],[0.5,1.0]]).logpdf([0.3,0.2]), .entropy()
        check(MultivariateNormal.of(new double[] {1, -1}, new double[][] {{2, 0.5}, {0.5, 1}}),
                new double[] {0.3, 0.2}, -3.3205421032341995, 3.1176849603770567);
    }

    @Test
    void bernoulliAndCategorical() {
        // stats.bernoulli(0.3).entropy() = 0.6108643020548935; logpmf(1) = ln 0.3
        check(Bernoulli.ofProbs(0.3), new double[] {1}, Math.log(0.3), 0.6108643020548935);
        // scipy.stats.entropy([0.2, 0.5, 0.3]) = 1.0296530140645737
        check(Categorical.ofProbs(new double[] {0.2, 0.5, 0.3}), new double[] {1}, Math.log(0.5), 1.0296530140645737);
    }

    @Test
    void diagNormalIsProductOfNormals() {
        DiagNormal d = DiagNormal.of(new double[] {0.5, -1}, new double[] {2, 0.3});
        double[] x = {1.3, -0.8};
        assertEquals(Normal.of(0.5, 2).logProb(new double[] {1.3}) + Normal.of(-1, 0.3).logProb(new double[] {-0.8}),
                d.logProb(x), 1e-14);
        assertEquals(Normal.of(0.5, 2).entropy() + Normal.of(-1, 0.3).entropy(), d.entropy(), 1e-14);
    }

    @Test
    void poissonAsymptoticEntropyJoinsTheSum() {
        // The series branch (λ ≤ 1e4) and the asymptotic branch (λ > 1e4) agree at the switch point.
        double summed = Poisson.of(1e4).entropy();
        double asymptotic = Poisson.of(1e4 * (1 + 1e-13)).entropy();
        assertEquals(summed, asymptotic, 1e-10);
        // ½ ln(2πe λ) is the leading term, the next is −1/(12λ).
        assertEquals(0.5 * Math.log(2 * Math.PI * Math.E * 1e4), summed, 1e-5);
    }
}
