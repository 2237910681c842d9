package dev.kl4j.core.kl;

import java.util.function.DoubleUnaryOperator;

/**
 * The second-order Taylor remainder of a smooth convex function g about x,
 * <pre>
 *   g(x + δ) − g(x) − δ g'(x) = δ² ∫₀¹ (1 − s) g''(x + sδ) ds,
 * </pre>
 * by 8-point Gauss–Legendre quadrature. Same-family KL divergences are often such tangent gaps (of ln Γ,
 * of a log-normaliser); written directly, the three terms cancel to first order as q → p, while this form
 * keeps the relative precision of g'' (for |δ| small against the scale on which g'' varies, the
 * quadrature error is far below rounding).
 */
final class TaylorRemainder {
    /** Gauss–Legendre nodes on [−1, 1] (positive half). */
    private static final double[] NODES = {
        0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
    /** The matching weights. */
    private static final double[] WEIGHTS = {
        0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};

    private TaylorRemainder() {
    }

    /**
     * {@return g(x + δ) − g(x) − δ g'(x)}
     *
     * @param secondDerivative g''
     * @param x                the expansion point
     * @param delta            δ
     */
    static double of(DoubleUnaryOperator secondDerivative, double x, double delta) {
        double integral = 0;
        for (int i = 0; i < NODES.length; i++) {
            for (double node : new double[] {-NODES[i], NODES[i]}) {
                double s = 0.5 * (1 + node); // [−1, 1] → [0, 1]
                integral += WEIGHTS[i] * (1 - s) * secondDerivative.applyAsDouble(x + s * delta);
            }
        }
        return delta * delta * 0.5 * integral; // ds = dξ / 2
    }
}
