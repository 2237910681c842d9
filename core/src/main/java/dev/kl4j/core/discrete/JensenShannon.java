package dev.kl4j.core.discrete;

/**
 * The numerics of the Jensen–Shannon divergence (Lin 1991, "Divergence measures based on the Shannon
 * entropy"), in nats:
 * <pre>
 *   JS(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M),   M = ½(P + Q),   0 ≤ JS ≤ ln 2
 *            = ½ Σ_i [p_i ln(2p_i/(p_i + q_i)) + q_i ln(2q_i/(p_i + q_i))]
 * </pre>
 * Each term is computed from p_i + q_i, so M is never rounded to 0. <b>Stable rewrite:</b> with
 * s = p + q and d = (p − q)/s the pair of terms is
 * (s/2)[(1 + d) ln(1 + d) + (1 − d) ln(1 − d)] = (s/2)[d ln((1 + d)/(1 − d)) + ln(1 − d²)], whose two parts
 * are O(d²); used for |d| ≤ ½ (p and q within a factor 3), where the two logarithms of the direct form
 * cancel to first order, so JS keeps full relative precision as P → Q. SciPy's
 * {@code scipy.spatial.distance.jensenshannon} returns √JS.
 */
final class JensenShannon {
    private JensenShannon() {
    }

    /** JS in nats of prepared vectors. */
    static double jsNats(double[] p, double[] q) {
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            sum += twiceJsTerm(p[i], q[i]);
        }
        return 0.5 * sum;
    }

    /**
     * p ln(2p/(p + q)) + q ln(2q/(p + q)) ≥ 0 for p, q ≥ 0. With s = p + q and d = (p − q)/s this is
     * (s/2)[(1 + d) ln(1 + d) + (1 − d) ln(1 − d)] = (s/2)[d ln((1 + d)/(1 − d)) + ln(1 − d²)], whose two
     * parts are O(d²): used for |d| ≤ ½, where the two logarithms of the direct form cancel to first order.
     */
    private static double twiceJsTerm(double p, double q) {
        double s = p + q;
        if (s == 0.0) {
            return 0.0;
        }
        double d = (p - q) / s;
        if (Math.abs(d) <= 0.5) {
            return 0.5 * s * (d * Math.log1p(2.0 * d / (1.0 - d)) + Math.log1p(-d * d));
        }
        double t = 0.0;
        if (p > 0.0) {
            t += p * Math.log(2.0 * p / s);
        }
        if (q > 0.0) {
            t += q * Math.log(2.0 * q / s);
        }
        return t;
    }
}
