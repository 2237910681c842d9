package com.example.kl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.ExponentialFamily;
import dev.kl4j.core.kl.Estimate;
import dev.kl4j.core.kl.Kl;
import dev.kl4j.core.kl.MonteCarloKl;
import dev.kl4j.core.kl.NoClosedFormException;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * A user family that only declares its exponential-family structure gets KL to itself from the generic
 * Bregman pair: here the Rayleigh distribution p(x) = (x/σ²) exp(−x²/(2σ²)) on [0, ∞), with T(x) = x²,
 * η = −1/(2σ²), A(η) = −ln(−2η), E T = 2σ², whose KL is also known in closed form,
 * KL = 2 ln(σq/σp) + σp²/σq² − 1.
 */
public class ExponentialFamilyFallbackTest {

    /** Rayleigh(σ) written as an exponential family. */
    public static final class Rayleigh implements ExponentialFamily {
        private final double sigma;

        public Rayleigh(double sigma) {
            this.sigma = sigma;
        }

        @Override
        public double[] naturalParameters() {
            return new double[] {-1 / (2 * sigma * sigma)};
        }

        @Override
        public double logNormalizer(double[] eta) {
            return -Math.log(-2 * eta[0]);
        }

        @Override
        public double[] meanParameters() {
            return new double[] {2 * sigma * sigma};
        }

        @Override
        public String name() {
            return "rayleigh";
        }

        @Override
        public int eventSize() {
            return 1;
        }

        @Override
        public double logProb(double[] x) {
            return x[0] < 0 ? Double.NEGATIVE_INFINITY
                    : Math.log(x[0]) - 2 * Math.log(sigma) - x[0] * x[0] / (2 * sigma * sigma);
        }

        @Override
        public double[] sample(RandomGenerator rng) {
            return new double[] {sigma * Math.sqrt(2 * rng.nextExponential())};
        }

        @Override
        public double entropy() {
            return 1 + Math.log(sigma / Math.sqrt(2)) + 0.57721566490153286061 / 2;
        }

        @Override
        public double[] mean() {
            return new double[] {sigma * Math.sqrt(Math.PI / 2)};
        }

        @Override
        public double[] variance() {
            return new double[] {(4 - Math.PI) / 2 * sigma * sigma};
        }
    }

    @Test
    void bregmanFallbackGivesTheRayleighKl() {
        Rayleigh p = new Rayleigh(1.3);
        Rayleigh q = new Rayleigh(0.8);
        double expected = 2 * Math.log(0.8 / 1.3) + 1.3 * 1.3 / (0.8 * 0.8) - 1;
        assertEquals(expected, Kl.kl(p, q), 1e-14);
        Estimate mc = MonteCarloKl.estimate(p, q, 50_000, new SplittableRandom(11));
        assertEquals(expected, mc.value(), 5 * mc.standardError());
    }

    /** Like PyTorch, the Bregman form needs one family: different classes have no closed form. */
    @Test
    void differentFamiliesHaveNoClosedForm() {
        ExponentialFamily other = new ExponentialFamily() {
            @Override
            public double[] naturalParameters() {
                return new double[] {-1};
            }

            @Override
            public double logNormalizer(double[] eta) {
                return -Math.log(-eta[0]);
            }

            @Override
            public double[] meanParameters() {
                return new double[] {1};
            }

            private final Distribution e = Exponential.of(1);

            @Override
            public String name() {
                return "other";
            }

            @Override
            public int eventSize() {
                return 1;
            }

            @Override
            public double logProb(double[] x) {
                return e.logProb(x);
            }

            @Override
            public double[] sample(RandomGenerator rng) {
                return e.sample(rng);
            }

            @Override
            public double entropy() {
                return e.entropy();
            }

            @Override
            public double[] mean() {
                return e.mean();
            }

            @Override
            public double[] variance() {
                return e.variance();
            }
        };
        assertThrows(NoClosedFormException.class, () -> Kl.kl(new Rayleigh(1), other));
    }
}
