package dev.kl4j.core.discrete;

/**
 * The numerics of the two measures built on the Bhattacharyya coefficient BC = Σ_i √(p_i q_i)
 * (Bhattacharyya 1943; Hellinger 1909):
 * <pre>
 *   Hellinger       H(P, Q) = √(½ Σ_i (√p_i − √q_i)²) = √(1 − BC),   in [0, 1]
 *   Bhattacharyya   D_B(P, Q) = −ln BC = ½ D_½(P‖Q),                 in [0, +∞]
 * </pre>
 * <b>Stable rewrites.</b> Both 1 − BC and even √p − √q cancel when P ≈ Q, so each gap is computed as
 * √p − √q = (p − q)/(√p + √q), and for BC ≥ ½
 * <pre>
 *   BC − 1 = ½ (Σp + Σq − 2) − ½ Σ (√p_i − √q_i)²,   D_B = −log1p(BC − 1)
 * </pre>
 * with a compensated sum for the masses (the plain −ln BC is 0 at a relative difference of 1e-12 and 67%
 * off at 1e-8). SciPy: {@code euclidean(sqrt(p), sqrt(q)) / sqrt(2)} and {@code -log(sum(sqrt(p * q)))}.
 */
final class HellingerBhattacharyya {
    private HellingerBhattacharyya() {
    }

    /** Hellinger distance of prepared vectors (no logarithm, no base). */
    static double hellinger(double[] p, double[] q) {
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            double qi = q[i];
            double rootSum = Math.sqrt(pi) + Math.sqrt(qi);
            if (rootSum > 0.0) {
                double d = (pi - qi) / rootSum; // = √p − √q without cancelling when p ≈ q
                sum += d * d;
            }
        }
        return Math.sqrt(0.5 * sum);
    }

    /** Bhattacharyya distance in nats of prepared vectors; +∞ for disjoint supports. */
    static double bhattacharyyaNats(double[] p, double[] q) {
        double bc = 0.0;
        double halfSquaredGaps = 0.0;
        RelativeEntropyTerms.CompensatedSum massMinusTwo = new RelativeEntropyTerms.CompensatedSum();
        massMinusTwo.add(-2.0);
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            double qi = q[i];
            double rootP = Math.sqrt(pi);
            double rootQ = Math.sqrt(qi);
            bc += rootP * rootQ;
            if (pi + qi > 0.0) {
                double gap = (pi - qi) / (rootP + rootQ); // √p − √q without cancellation
                halfSquaredGaps += 0.5 * gap * gap;
            }
            massMinusTwo.add(pi);
            massMinusTwo.add(qi);
        }
        if (bc < 0.5) {
            return 0.0 - Math.log(bc); // 0.0 - x: no -0.0; +∞ for bc = 0
        }
        // BC − 1 = ½ (Σp + Σq − 2) − ½ Σ (√p − √q)²: no cancellation against the 1 as Q → P.
        double bcMinusOne = 0.5 * massMinusTwo.value() - halfSquaredGaps;
        return 0.0 - Math.log1p(bcMinusOne);
    }
}
