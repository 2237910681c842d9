package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Laplace;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Uniform;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * KL is invariant under x → c x applied to both arguments, so every closed form with a Normal q must
 * give at c = 1e±155 and 1e±200 (where σ² and Var_p under- or overflow) its value at c = 1. Before the
 * scale-ratio form the cross-family pairs returned NaN there (and a wrong finite value at c = 1e-155).
 */
class ScaleInvarianceKlTest {

    private static final double[] SCALES = {1e155, 1e-155, 1e200, 1e-200};

    private static void assertInvariant(String pair, DoubleFunction<Distribution[]> atScale) {
        Distribution[] unit = atScale.apply(1.0);
        double expected = Kl.kl(unit[0], unit[1]);
        for (double c : SCALES) {
            Distribution[] scaled = atScale.apply(c);
            assertEquals(expected, Kl.kl(scaled[0], scaled[1]), 1e-12 * expected, pair + " at scale " + c);
        }
    }

    @Test
    void pairsWithANormalTargetAreScaleInvariant() {
        assertInvariant("normal-normal", c -> new Distribution[] {new Normal(0.3 * c, 1.5 * c), new Normal(-0.2 * c, 0.7 * c)});
        assertInvariant("exponential-normal", c -> new Distribution[] {new Exponential(2 / c), new Normal(0.3 * c, 0.7 * c)});
        assertInvariant("gamma-normal", c -> new Distribution[] {new Gamma(3, 2 / c), new Normal(0.3 * c, 0.7 * c)});
        assertInvariant("uniform-normal", c -> new Distribution[] {new Uniform(-c, 2 * c), new Normal(0.3 * c, 0.7 * c)});
        assertInvariant("laplace-normal", c -> new Distribution[] {new Laplace(0.1 * c, 0.5 * c), new Normal(0.3 * c, 0.7 * c)});
        assertInvariant("normal-laplace", c -> new Distribution[] {new Normal(0.1 * c, 0.5 * c), new Laplace(0.3 * c, 0.7 * c)});
    }

    @Test
    void gaussianKlOnArraysIsScaleInvariant() {
        double expected = GaussianKl.normal(0.3, 1.5, -0.2, 0.7);
        for (double c : SCALES) {
            assertEquals(expected, GaussianKl.normal(0.3 * c, 1.5 * c, -0.2 * c, 0.7 * c), 1e-12 * expected);
            assertEquals(2 * expected, GaussianKl.diagonal(new double[] {0.3 * c, 0.3 * c}, new double[] {1.5 * c, 1.5 * c},
                    new double[] {-0.2 * c, -0.2 * c}, new double[] {0.7 * c, 0.7 * c}), 2e-12 * expected);
        }
    }
}
