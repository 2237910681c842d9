package dev.kl4j.core.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Invalid parameters throw InvalidArgumentException naming the parameter. */
class DistributionValidationTest {

    private static InvalidArgumentException fails(String argument, Executable e) {
        InvalidArgumentException ex = assertThrows(InvalidArgumentException.class, e);
        assertTrue(ex.argument().startsWith(argument), "argument " + ex.argument() + " should be " + argument);
        assertTrue(ex.getMessage().contains(argument), ex.getMessage());
        return ex;
    }

    @Test
    void scalesAndRatesMustBePositiveAndFinite() {
        fails("scale", () -> Normal.of(0, -1));
        fails("scale", () -> Normal.of(0, 0));
        fails("loc", () -> Normal.of(Double.NaN, 1));
        fails("scale", () -> Normal.of(0, Double.POSITIVE_INFINITY));
        fails("scale", () -> Laplace.of(0, -2));
        fails("rate", () -> Exponential.of(0));
        fails("rate", () -> Poisson.of(Double.NaN));
        fails("concentration", () -> Gamma.of(-1, 1));
        fails("rate", () -> Gamma.of(1, 0));
        fails("concentration1", () -> Beta.of(0, 1));
        fails("concentration0", () -> Beta.of(1, Double.NaN));
        // The argument is the parameter; the message names the entry (ArgumentChecks' rule).
        assertEquals("concentration[1] = -1.0 must be > 0",
                fails("concentration", () -> Dirichlet.of(1, -1)).getMessage());
        fails("high", () -> Uniform.of(1, 1));
        fails("high", () -> Uniform.of(2, 1));
        fails("low", () -> Uniform.of(Double.NEGATIVE_INFINITY, 1));
    }

    @Test
    void vectorsMustAgreeInLength() {
        fails("scale", () -> DiagNormal.of(new double[] {0, 0}, new double[] {1}));
        assertEquals("scale[1] = -1.0 must be > 0",
                fails("scale", () -> DiagNormal.of(new double[] {0, 0}, new double[] {1, -1})).getMessage());
        fails("loc", () -> DiagNormal.of(new double[0], new double[0]));
    }

    @Test
    void probabilities() {
        fails("probs", () -> Bernoulli.ofProbs(1.5));
        fails("probs", () -> Bernoulli.ofProbs(Double.NaN));
        fails("logits", () -> Bernoulli.ofLogits(Double.POSITIVE_INFINITY));
        // The same checks and wording as the discrete measures (ProbabilityVectors), naming the parameter.
        assertEquals("probs[1] = -0.1 is negative; probabilities must be >= 0",
                fails("probs", () -> Categorical.ofProbs(new double[] {0.5, -0.1, 0.6})).getMessage());
        assertEquals("probs[0] = NaN is not a number; probabilities must be finite",
                fails("probs", () -> Categorical.ofProbs(new double[] {Double.NaN, 1})).getMessage());
        assertEquals("probs sums to 1.1 (|sum-1| > 1e-9); probabilities must sum to 1",
                fails("probs", () -> Categorical.ofProbs(new double[] {0.5, 0.6})).getMessage());
        // Within the 1e-9 tolerance is accepted.
        Categorical.ofProbs(new double[] {0.5, 0.5 + 5e-10});
        fails("logits", () -> Categorical.ofLogits(new double[] {Double.NaN, 1}));
        fails("logits", () -> Categorical.ofLogits(new double[] {Double.NEGATIVE_INFINITY}));
    }

    @Test
    void covarianceMustBeSymmetricPositiveDefinite() {
        InvalidArgumentException notPd = fails("covariance",
                () -> MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}));
        assertTrue(notPd.getMessage().contains("not positive-definite"), notPd.getMessage());
        fails("covariance", () -> MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 0}, {0, 0}}));
        InvalidArgumentException asym = fails("covariance",
                () -> MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 0.5}, {0.4, 1}}));
        assertTrue(asym.getMessage().contains("symmetric"), asym.getMessage());
        fails("covariance", () -> MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 0}}));
        fails("covariance", () -> MultivariateNormal.of(new double[] {0}, new double[][] {{Double.NaN}}));
        // Asymmetry at the 1e-12 relative level is accepted (rounding in a computed covariance).
        MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 0.5}, {0.5 + 1e-12, 1}});
    }

    @Test
    void messagesAreOneLine() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Normal.of(0, -1));
        assertEquals("scale = -1.0 must be > 0", e.getMessage());
    }
}
