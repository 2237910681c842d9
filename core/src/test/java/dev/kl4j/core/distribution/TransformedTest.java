package dev.kl4j.core.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * Each {@link Transformed} family really is its bijection of its base: its density equals the
 * change-of-variables density p_X(f⁻¹(y)) / |f'(f⁻¹(y))|, which is what makes the registry's
 * KL(f#p ‖ f#q) = KL(p ‖ q) rule valid for it; and the bijections are consistent (f⁻¹ ∘ f = id,
 * ln |f'| against a central difference).
 */
class TransformedTest {
    @Test
    void densitiesAreChangeOfVariablesOfTheBase() {
        Transformed[] families = {LogNormal.of(0.3, 0.7), Weibull.of(2.3, 1.7), Weibull.of(0.5, 0.8), InverseGamma.of(3.5, 2)};
        for (Transformed d : families) {
            for (double y : new double[] {0.05, 0.4, 1, 2.5, 7}) {
                double x = d.bijection().inverse(y);
                double expected = d.base().logProb(new double[] {x}) - d.bijection().logAbsDetJacobian(x);
                assertEquals(expected, d.logProb(new double[] {y}), 1e-12 * (1 + Math.abs(expected)), d + " at " + y);
            }
        }
    }

    @Test
    void bijectionsAreConsistent() {
        for (Bijection b : new Bijection[] {Bijection.EXP, Bijection.EXP_NEG, Bijection.RECIPROCAL}) {
            for (double x : new double[] {0.3, 1.2, 2.5}) {
                assertEquals(x, b.inverse(b.forward(x)), 1e-15, b + " inverse");
                double h = 1e-6;
                double slope = (b.forward(x + h) - b.forward(x - h)) / (2 * h);
                assertEquals(Math.log(Math.abs(slope)), b.logAbsDetJacobian(x), 1e-8, b + " log|f'|");
            }
        }
        assertNotEquals(Bijection.EXP, Bijection.EXP_NEG);
        assertEquals("exp", Bijection.EXP.name());
    }
}
