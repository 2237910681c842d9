package dev.kl4j.core.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded samplers reproduce the analytic mean and variance, every sample lies in the support, and the
 * entropy equals −E[ln p(X)] estimated from the same samples. Tolerances are 5 standard errors (plus a
 * small absolute floor), so a correct sampler fails with probability below 1e-6 per check.
 */
class SamplingTest {
    private static final int N = 40_000;

    static Stream<Distribution> families() {
        return Stream.of(
                Normal.of(0.5, 2.0),
                DiagNormal.of(new double[] {1, -2}, new double[] {0.5, 3}),
                MultivariateNormal.of(new double[] {1, -1, 0}, new double[][] {{2, 0.5, 0.3}, {0.5, 1, -0.2}, {0.3, -0.2, 0.7}}),
                Categorical.ofProbs(new double[] {0.1, 0.6, 0.0, 0.3}),
                Categorical.ofLogits(new double[] {2, -1, 0.5}),
                Bernoulli.ofProbs(0.3),
                Poisson.of(3.5),
                Poisson.of(120),
                Exponential.of(1.5),
                Gamma.of(2.5, 1.5),
                Gamma.of(0.4, 2.0),
                Beta.of(2, 3),
                Beta.of(0.5, 0.7),
                Dirichlet.of(2, 3, 1.5),
                Laplace.of(0.5, 2),
                Uniform.of(-1, 2),
                Binomial.ofProbs(12, 0.35),
                Binomial.ofLogits(5, 2.0),
                Geometric.ofProbs(0.3),
                OneHotCategorical.ofProbs(new double[] {0.2, 0.5, 0.3}),
                HalfNormal.of(1.7),
                LogNormal.of(0.3, 0.5),
                Gumbel.of(0.5, 1.5),
                Pareto.of(1.5, 6),
                ContinuousBernoulli.ofProbs(0.2),
                ContinuousBernoulli.ofProbs(0.5),
                ContinuousBernoulli.ofLogits(3),
                LowRankMultivariateNormal.of(new double[] {1, -1}, new double[][] {{0.5, 0.2}, {-0.3, 0.8}}, new double[] {0.4, 0.9}),
                Independent.of(Gamma.of(2, 1), Bernoulli.ofProbs(0.4), Gumbel.of(0, 1)),
                Weibull.of(2.3, 1.7),
                InverseGamma.of(9, 2));
    }

    /** Von Mises samples: circular mean direction μ and E cos(X − μ) = A(κ) (its mean and variance are circular). */
    @org.junit.jupiter.api.Test
    void vonMisesSamples() {
        for (VonMises d : new VonMises[] {VonMises.of(0.4, 2.5), VonMises.of(-2.9, 30), VonMises.of(1, 1e-6)}) {
            RandomGenerator rng = new SplittableRandom(3);
            double c = 0;
            double c2 = 0;
            double s = 0;
            for (int i = 0; i < N; i++) {
                double x = d.sample(rng)[0];
                assertTrue(x >= -Math.PI && x < Math.PI, d + " sample " + x);
                double ci = Math.cos(x - d.loc());
                c += ci;
                c2 += ci * ci;
                s += Math.sin(x - d.loc());
            }
            double meanCos = c / N;
            double se = Math.sqrt(Math.max(c2 / N - meanCos * meanCos, 1e-12) / N);
            assertEquals(VonMises.besselRatio(d.concentration()), meanCos, 5 * se + 1e-12, d + " E cos");
            assertEquals(0, s / N, 5 / Math.sqrt(N), d + " E sin");
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void momentsAndEntropyMatchSamples(Distribution d) {
        RandomGenerator rng = new SplittableRandom(42);
        int k = d.eventSize();
        double[] sum = new double[k];
        double[] sumSq = new double[k];
        double[] sum4 = new double[k];
        double negLogP = 0;
        double negLogPSq = 0;
        double[] mean = d.mean();
        for (int i = 0; i < N; i++) {
            double[] x = d.sample(rng);
            assertEquals(k, x.length);
            double lp = d.logProb(x);
            assertTrue(lp > Double.NEGATIVE_INFINITY, d + " sampled a point outside its support");
            negLogP -= lp;
            negLogPSq += lp * lp;
            for (int j = 0; j < k; j++) {
                double c = x[j] - mean[j];
                sum[j] += c;
                sumSq[j] += c * c;
                sum4[j] += c * c * c * c;
            }
        }
        double[] variance = d.variance();
        for (int j = 0; j < k; j++) {
            double m = sum[j] / N;
            assertEquals(0, m, 5 * Math.sqrt(variance[j] / N) + 1e-12, d + " mean[" + j + "]");
            double v = sumSq[j] / N;
            double seV = Math.sqrt(Math.max(sum4[j] / N - v * v, 0) / N);
            assertEquals(variance[j], v, 5 * seV + 1e-12, d + " variance[" + j + "]");
        }
        double h = negLogP / N;
        double seH = Math.sqrt(Math.max(negLogPSq / N - h * h, 0) / N);
        assertEquals(d.entropy(), h, 5 * seH + 1e-9, d + " entropy");
    }

    @ParameterizedTest
    @MethodSource("families")
    void sameSeedSameSamples(Distribution d) {
        List<double[]> a = Stream.generate(new Sampler(d, 7)).limit(5).toList();
        List<double[]> b = Stream.generate(new Sampler(d, 7)).limit(5).toList();
        for (int i = 0; i < a.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.get(i), b.get(i));
        }
    }

    private record Sampler(Distribution d, RandomGenerator rng) implements java.util.function.Supplier<double[]> {
        Sampler(Distribution d, long seed) {
            this(d, new SplittableRandom(seed));
        }

        @Override
        public double[] get() {
            return d.sample(rng);
        }
    }
}
