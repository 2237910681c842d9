package dev.kl4j.core.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kl4j.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every rejection names its argument, and the message is the one a user should read. */
class DiscreteValidationTest {

    private static final double[] P = {0.1, 0.7, 0.2};
    private static final double[] Q = {0.2, 0.6, 0.2};

    private static void assertRejected(String argument, String message, Executable call) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
        assertEquals(argument, e.argument());
        assertEquals(message, e.getMessage());
    }

    @Test
    void negativeEntryIsNamedWithItsIndex() {
        assertRejected("q", "q[2] = -0.1 is negative; probabilities must be >= 0",
                () -> DiscreteDivergences.kl(new double[] {0.3, 0.3, 0.4}, new double[] {0.6, 0.5, -0.1}));
        assertRejected("p", "p[0] = -0.5 is negative; probabilities must be >= 0",
                () -> DiscreteDivergences.entropy(new double[] {-0.5, 1.5}));
    }

    @Test
    void nonFiniteEntriesAreRejected() {
        assertRejected("p", "p[1] = NaN is not a number; probabilities must be finite",
                () -> DiscreteDivergences.kl(new double[] {0.5, Double.NaN}, new double[] {0.5, 0.5}));
        assertRejected("q", "q[0] = Infinity is infinite; probabilities must be finite",
                () -> DiscreteDivergences.js(new double[] {0.5, 0.5}, new double[] {Double.POSITIVE_INFINITY, 0.5}));
        assertRejected("p", "p[0] = NaN is not a number; probabilities must be finite",
                () -> DiscreteDivergences.entropy(new double[] {Double.NaN}));
    }

    @Test
    void wrongSumIsRejectedUnlessNormalizing() {
        assertRejected("p", "p sums to 0.9 (|sum-1| > 1e-9); pass normalize=true to rescale",
                () -> DiscreteDivergences.kl(new double[] {0.5, 0.4}, new double[] {0.5, 0.5}));
        assertRejected("q", "q sums to 2.0 (|sum-1| > 1e-9); pass normalize=true to rescale",
                () -> DiscreteDivergences.tv(new double[] {0.5, 0.5}, new double[] {1.0, 1.0}));
        assertRejected("p", "p sums to 0.9 (|sum-1| > 1e-9); pass normalize=true to rescale",
                () -> DiscreteDivergences.entropy(new double[] {0.5, 0.4}));
        // Within the tolerance the input is accepted as given.
        double[] nearlyOne = {0.5, 0.5 + 5e-10};
        assertEquals(DiscreteDivergences.kl(nearlyOne, new double[] {0.5, 0.5}),
                nearlyOne[0] * Math.log(1) + nearlyOne[1] * Math.log(nearlyOne[1] / 0.5), 1e-18);
        DiscreteOptions normalize = DiscreteOptions.DEFAULT.withNormalize(true);
        assertRejected("p", "p sums to 0; an all-zero vector cannot be normalized",
                () -> DiscreteDivergences.kl(new double[] {0, 0}, new double[] {0.5, 0.5}, normalize));
    }

    @Test
    void lengthsAndEmptiness() {
        assertRejected("q", "q has length 3 but p has length 4",
                () -> DiscreteDivergences.kl(new double[] {0.25, 0.25, 0.25, 0.25}, Q));
        assertRejected("p", "p is empty; a probability vector needs at least one entry",
                () -> DiscreteDivergences.kl(new double[0], new double[0]));
        assertRejected("q", "q is null; a probability vector is required", () -> DiscreteDivergences.chi2(P, null));
        assertRejected("p", "p is null; a probability vector is required", () -> DiscreteDivergences.entropy(null));
    }

    @Test
    void publicCheckUsesTheCallersName() {
        ProbabilityVectors.requireProbabilities(new double[] {0.25, 0.75}, "probs");
        assertRejected("probs", "probs[1] = -0.5 is negative; probabilities must be >= 0",
                () -> ProbabilityVectors.requireProbabilities(new double[] {1.5, -0.5}, "probs"));
        assertRejected("probs", "probs sums to 0.5 (|sum-1| > 1e-9); probabilities must sum to 1",
                () -> ProbabilityVectors.requireProbabilities(new double[] {0.25, 0.25}, "probs"));
        assertRejected("probs", "probs is empty; a probability vector needs at least one entry",
                () -> ProbabilityVectors.requireProbabilities(new double[0], "probs"));
    }

    @Test
    void alphaIsChecked() {
        assertRejected("alpha", "alpha = -0.5 is invalid; the Renyi order must be in [0, +inf] (+inf for the max)",
                () -> DiscreteDivergences.renyi(P, Q, -0.5));
        assertRejected("alpha", "alpha = NaN is invalid; the Renyi order must be in [0, +inf] (+inf for the max)",
                () -> DiscreteDivergences.renyi(P, Q, Double.NaN));
    }

    @Test
    void gridIsChecked() {
        assertRejected("grid", "grid has length 2 but p has length 3",
                () -> DiscreteDivergences.wasserstein1(P, Q, new double[] {0, 1}));
        assertRejected("grid", "grid[2] = 1.0 is not greater than grid[1] = 1.0; the grid must be strictly increasing",
                () -> DiscreteDivergences.wasserstein1(P, Q, new double[] {0, 1, 1}));
        assertRejected("grid", "grid[1] = NaN must be finite",
                () -> DiscreteDivergences.wasserstein1(P, Q, new double[] {0, Double.NaN, 1}));
        assertRejected("grid", "grid is null; pass the support points",
                () -> DiscreteDivergences.wasserstein1(P, Q, (double[]) null));
    }

    @Test
    void optionsAreChecked() {
        assertRejected("smoothing", "smoothing = -0.1 is invalid; it must be finite and >= 0",
                () -> DiscreteOptions.DEFAULT.withSmoothing(-0.1));
        assertRejected("smoothing", "smoothing = NaN is invalid; it must be finite and >= 0",
                () -> DiscreteOptions.DEFAULT.withSmoothing(Double.NaN));
        assertRejected("base", "base is null; use LogBase.E, TWO or TEN", () -> DiscreteOptions.DEFAULT.withBase(null));
        assertRejected("base", "base = \"3\" is not supported; use e, 2 or 10", () -> LogBase.parse("3"));
        assertRejected("f", "f is null; pass a generator such as FGenerator.KL",
                () -> DiscreteDivergences.fDivergence(P, Q, null));
    }

    @Test
    void everyMeasureValidatesBothInputs() {
        double[] bad = {0.5, -0.25, 0.75};
        for (DiscreteMeasure m : DiscreteMeasure.values()) {
            double alpha = m.needsAlpha() ? 2.0 : Double.NaN;
            assertRejected("p", "p[1] = -0.25 is negative; probabilities must be >= 0",
                    () -> m.evaluate(bad, m.needsQ() ? Q : null, alpha, DiscreteOptions.DEFAULT));
            if (m.needsQ()) {
                assertRejected("q", "q[1] = -0.25 is negative; probabilities must be >= 0",
                        () -> m.evaluate(P, bad, alpha, DiscreteOptions.DEFAULT));
            }
        }
    }

    @Test
    void vectorPathReportsTheSameErrors() {
        // Long inputs take the fused (vector when available) pass; the bad index is still named.
        int n = 1024; // 1/1024 is exact, so the sums below are exact in any order
        double[] p = new double[n];
        double[] q = new double[n];
        java.util.Arrays.fill(p, 1.0 / n);
        java.util.Arrays.fill(q, 1.0 / n);
        q[777] = -1e-3;
        assertRejected("q", "q[777] = -0.001 is negative; probabilities must be >= 0", () -> DiscreteDivergences.kl(p, q));
        q[777] = Double.NaN;
        assertRejected("q", "q[777] = NaN is not a number; probabilities must be finite", () -> DiscreteDivergences.kl(p, q));
        q[777] = 2.0 / n;
        assertRejected("q", "q sums to 1.0009765625 (|sum-1| > 1e-9); pass normalize=true to rescale",
                () -> DiscreteKernels.klScalar(p, q));
        assertRejected("q", "q sums to 1.0009765625 (|sum-1| > 1e-9); pass normalize=true to rescale",
                () -> DiscreteDivergences.kl(p, q));
        p[3] = -0.0; // negative zero is zero, not negative
        p[4] += 1.0 / n;
        q[777] = 1.0 / n;
        assertEquals(DiscreteKernels.klScalar(p, q), DiscreteDivergences.kl(p, q), 1e-15);
    }
}
