package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kl4j.core.distribution.Cauchy;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Gumbel;
import dev.kl4j.core.distribution.HalfNormal;
import dev.kl4j.core.distribution.InverseGamma;
import dev.kl4j.core.distribution.Laplace;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Pareto;
import dev.kl4j.core.distribution.Uniform;
import dev.kl4j.core.distribution.Weibull;
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

    /** The location-scale pairs of the added families, same check. */
    @Test
    void addedLocationScalePairsAreScaleInvariant() {
        assertInvariant("gumbel-gumbel", c -> new Distribution[] {Gumbel.of(0.3 * c, 1.5 * c), Gumbel.of(-0.2 * c, 0.7 * c)});
        assertInvariant("cauchy-cauchy", c -> new Distribution[] {Cauchy.of(0.3 * c, 1.5 * c), Cauchy.of(-0.2 * c, 0.7 * c)});
        assertInvariant("half_normal-half_normal", c -> new Distribution[] {HalfNormal.of(1.5 * c), HalfNormal.of(0.7 * c)});
        assertInvariant("pareto-pareto", c -> new Distribution[] {Pareto.of(1.5 * c, 3), Pareto.of(0.7 * c, 2)});
        assertInvariant("weibull-weibull", c -> new Distribution[] {Weibull.of(1.5 * c, 3), Weibull.of(0.7 * c, 2)});
        assertInvariant("inverse_gamma-inverse_gamma", c -> new Distribution[] {InverseGamma.of(3, 1.5 * c),
            InverseGamma.of(2, 0.7 * c)});
        assertInvariant("gumbel-normal", c -> new Distribution[] {Gumbel.of(0.3 * c, 1.5 * c), new Normal(0.3 * c, 0.7 * c)});
        assertInvariant("normal-gumbel", c -> new Distribution[] {new Normal(0.3 * c, 0.7 * c), Gumbel.of(0.3 * c, 1.5 * c)});
        assertInvariant("exponential-gumbel", c -> new Distribution[] {new Exponential(2 / c), Gumbel.of(0.3 * c, 1.5 * c)});
        assertInvariant("uniform-gumbel", c -> new Distribution[] {new Uniform(-c, 2 * c), Gumbel.of(0.3 * c, 1.5 * c)});
        assertInvariant("pareto-exponential", c -> new Distribution[] {Pareto.of(1.5 * c, 3), new Exponential(0.5 / c)});
        assertInvariant("uniform-pareto", c -> new Distribution[] {new Uniform(2 * c, 3 * c), Pareto.of(1.5 * c, 3)});
        assertInvariant("half_normal-exponential", c -> new Distribution[] {HalfNormal.of(1.5 * c), new Exponential(0.5 / c)});
        assertInvariant("exponential-half_normal", c -> new Distribution[] {new Exponential(0.5 / c), HalfNormal.of(1.5 * c)});
        assertInvariant("weibull-normal", c -> new Distribution[] {Weibull.of(1.5 * c, 3), new Normal(0.3 * c, 0.7 * c)});
        assertInvariant("exponential-weibull", c -> new Distribution[] {new Exponential(0.5 / c), Weibull.of(1.5 * c, 3)});
        assertInvariant("gamma-weibull", c -> new Distribution[] {new Gamma(3, 2 / c), Weibull.of(1.5 * c, 3)});
        assertInvariant("weibull-gamma", c -> new Distribution[] {Weibull.of(1.5 * c, 3), new Gamma(3, 2 / c)});
        assertInvariant("gamma-half_normal", c -> new Distribution[] {new Gamma(3, 2 / c), HalfNormal.of(1.5 * c)});
        assertInvariant("half_normal-normal", c -> new Distribution[] {HalfNormal.of(1.5 * c), new Normal(0.3 * c, 0.7 * c)});
        assertInvariant("half_normal-gamma", c -> new Distribution[] {HalfNormal.of(1.5 * c), new Gamma(3, 2 / c)});
        assertInvariant("pareto-normal", c -> new Distribution[] {Pareto.of(1.5 * c, 4), new Normal(0.3 * c, 0.7 * c)});
        assertInvariant("pareto-gamma", c -> new Distribution[] {Pareto.of(1.5 * c, 4), new Gamma(3, 2 / c)});
        assertInvariant("gamma-gumbel", c -> new Distribution[] {new Gamma(3, 2 / c), Gumbel.of(0.3 * c, 1.5 * c)});
        assertInvariant("gamma-inverse_gamma", c -> new Distribution[] {new Gamma(3, 2 / c), InverseGamma.of(2, 0.7 * c)});
        assertInvariant("inverse_gamma-gamma", c -> new Distribution[] {InverseGamma.of(3, 0.7 * c), new Gamma(3, 2 / c)});
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
