package dev.kl4j.core.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Points outside the support give −∞; malformed points are errors; logits are handled stably. */
class DistributionSupportTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    private static double lp(Distribution d, double... x) {
        return d.logProb(x);
    }

    @Test
    void outsideSupportIsMinusInfinity() {
        assertEquals(NEG_INF, lp(Exponential.of(1), -0.1));
        assertEquals(NEG_INF, lp(Gamma.of(2, 1), -0.1));
        assertEquals(NEG_INF, lp(Beta.of(2, 2), 1.1));
        assertEquals(NEG_INF, lp(Beta.of(2, 2), -0.1));
        assertEquals(NEG_INF, lp(Uniform.of(0, 1), 1.0)); // [low, high) as in PyTorch
        assertEquals(-Math.log(1), lp(Uniform.of(0, 1), 0.0));
        assertEquals(NEG_INF, lp(Poisson.of(2), 1.5));
        assertEquals(NEG_INF, lp(Poisson.of(2), -1));
        assertEquals(NEG_INF, lp(Bernoulli.ofProbs(0.3), 0.5));
        assertEquals(NEG_INF, lp(Categorical.ofProbs(new double[] {0.5, 0.5}), 2));
        assertEquals(NEG_INF, lp(Categorical.ofProbs(new double[] {0.5, 0.5}), 0.5));
        assertEquals(NEG_INF, lp(Dirichlet.of(1, 1), 0.7, 0.7));
        assertEquals(NEG_INF, lp(Dirichlet.of(1, 1), -0.5, 1.5));
    }

    @Test
    void boundaryValuesAreTheLimits() {
        assertEquals(Math.log(3), lp(Exponential.of(3), 0));
        assertEquals(Math.log(3), lp(Gamma.of(1, 3), 0));
        assertEquals(Double.POSITIVE_INFINITY, lp(Gamma.of(0.5, 3), 0));
        assertEquals(NEG_INF, lp(Gamma.of(2, 3), 0));
        assertEquals(Math.log(2), lp(Beta.of(2, 1), 1)); // p(x) = 2x
    }

    @Test
    void wrongEventSizeOrNaNIsAnError() {
        for (Distribution d : List.of(Normal.standard(), Poisson.of(1), Dirichlet.of(1, 2, 3),
                MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}}))) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> d.logProb(new double[d.eventSize() + 1]));
            assertEquals("x", e.argument());
            double[] nan = new double[d.eventSize()];
            nan[0] = Double.NaN;
            assertEquals("x", assertThrows(InvalidArgumentException.class, () -> d.logProb(nan)).argument());
        }
    }

    @Test
    void categoricalLogitsUseAStableLogSoftmax() {
        // softmax(1000, 1001, 999) = softmax(1, 2, 0); a naive exp overflows.
        Categorical big = Categorical.ofLogits(new double[] {1000, 1001, 999});
        Categorical small = Categorical.ofProbs(softmax(1, 2, 0));
        for (int k = 0; k < 3; k++) {
            assertEquals(small.logProb(new double[] {k}), big.logProb(new double[] {k}), 1e-13);
        }
        // A category with logit −∞ has probability 0.
        Categorical masked = Categorical.ofLogits(new double[] {0, Double.NEGATIVE_INFINITY});
        assertEquals(0.0, masked.logProb(new double[] {0}));
        assertEquals(NEG_INF, masked.logProb(new double[] {1}));
    }

    @Test
    void bernoulliLogitsKeepPrecisionInTheTails() {
        Bernoulli b = Bernoulli.ofLogits(-800);
        assertEquals(-800, b.logProbOne(), 1e-12); // ln σ(−800) = −800 − ln(1 + e^−800)
        assertEquals(0.0, b.logProbZero(), 1e-300);
        Bernoulli c = Bernoulli.ofLogits(0.7);
        assertEquals(Math.log(1 / (1 + Math.exp(-0.7))), c.logProbOne(), 1e-15);
        assertEquals(Math.log(1 / (1 + Math.exp(0.7))), c.logProbZero(), 1e-15);
        // σ(40) rounds to 1; entropy and variance live in 1 − σ(40) = 4.2e-18. decimal at 600 digits,
        // p = 1/(1+(-D(40)).exp()): -p*p.ln() - (1-p)*(1-p).ln() and p*(1-p)
        Bernoulli d = Bernoulli.ofLogits(40);
        assertEquals(1.7418252446695514e-16, d.entropy(), 1e-12 * 1.74e-16);
        assertEquals(4.2483542552915889e-18, d.variance()[0], 1e-12 * 4.25e-18);
        assertEquals(1.7418252446695514e-16, Bernoulli.ofLogits(-40).entropy(), 1e-12 * 1.74e-16);
    }

    private static double[] softmax(double... l) {
        double s = 0;
        double[] p = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            p[i] = Math.exp(l[i]);
            s += p[i];
        }
        for (int i = 0; i < l.length; i++) {
            p[i] /= s;
        }
        return p;
    }

    @Test
    void mvnKeepsItsLowerCholeskyFactor() {
        double[][] cov = {{4, 2, 0.4}, {2, 5, 1}, {0.4, 1, 3}};
        double[][] l = MultivariateNormal.of(new double[3], cov).scaleTril();
        for (int i = 0; i < 3; i++) {
            assertTrue(l[i][i] > 0);
            for (int j = 0; j < 3; j++) {
                if (j > i) {
                    assertEquals(0.0, l[i][j]);
                }
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += l[i][k] * l[j][k];
                }
                assertEquals(cov[i][j], s, 1e-14);
            }
        }
    }
}
