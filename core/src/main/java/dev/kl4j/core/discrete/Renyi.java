package dev.kl4j.core.discrete;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.StableMath;

/**
 * The numerics of the Rényi divergence of order α (Rényi 1961; van Erven &amp; Harremoës 2014, "Rényi
 * divergence and Kullback–Leibler divergence", IEEE Trans. Inf. Theory 60(7), eq. (1) and Thm. 4–6), in
 * nats:
 * <pre>
 *   D_α(P‖Q) = 1/(α − 1) · ln( Σ_{p_i&gt;0} p_i^α q_i^(1−α) / Σ_i p_i )
 *   D_0 = −ln Σ_{p_i&gt;0} q_i,   D_1 = KL(P‖Q),   D_∞ = ln max_{p_i&gt;0} p_i/q_i
 * </pre>
 * (dividing by Σ p keeps the 1e-9 input tolerance from being amplified by 1/(α − 1) near α = 1). D_0 is
 * computed from the q-mass outside P's support ({@link #orderZeroNats}), so that it is exactly 0 when
 * that mass is 0 and never negative.
 *
 * <p><b>Stable rewrite.</b> With w = p/Σp, u = p/q − 1, ε = α − 1 and ψ_α(u) = (1+u)^α − 1 − αu,
 * <pre>
 *   D_α = log1p(s)/ε,   s = Σ w ((p/q)^ε − 1) = (Σ q ψ_α(u) + ε Σ (p − q)) / Σp
 * </pre>
 * Every q ψ_α has the sign of α(α − 1) and is O(q u²), so nothing cancels as α → 1 or Q → P (the plain
 * sum loses all digits at a relative difference of 1e-8); ψ_α comes from a series in ln(p/q) with
 * coefficients from expm1 ({@link #renyiExcess}). When s is below −½ (nearly disjoint supports) or
 * overflows (large α) the sum is a log-sum-exp of ln p_i + ε ln(p_i/q_i), divided by max(ε, 1) before
 * the maximum is taken so that no order up to {@code Double.MAX_VALUE} overflows.
 */
final class Renyi {
    private Renyi() {
    }

    /** @throws InvalidArgumentException naming {@code "alpha"} unless α is in [0, +∞] */
    static void requireOrder(double alpha) {
        if (!(alpha >= 0.0)) {
            throw new InvalidArgumentException("alpha", "alpha = " + alpha
                    + " is invalid; the Renyi order must be in [0, +inf] (+inf for the max)");
        }
    }

    /** D_α in nats of prepared vectors, α ≠ 1 (α = 1 is KL). */
    static double renyiNats(double[] p, double[] q, double alpha) {
        int n = p.length;
        if (alpha == 0.0) {
            return orderZeroNats(p, q);
        }
        if (alpha == Double.POSITIVE_INFINITY) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (p[i] > 0.0) {
                    if (q[i] == 0.0) {
                        return Double.POSITIVE_INFINITY;
                    }
                    max = Math.max(max, StableMath.logRatio(p[i], q[i]));
                }
            }
            return max;
        }
        double eps = alpha - 1.0;
        boolean overlap = false;
        for (int i = 0; i < n; i++) {
            if (p[i] > 0.0) {
                if (q[i] > 0.0) {
                    overlap = true;
                } else if (eps > 0.0) {
                    return Double.POSITIVE_INFINITY; // q^(1-α) = +∞ at q = 0
                }
            }
        }
        if (!overlap) {
            return Double.POSITIVE_INFINITY; // Σ p^α q^(1-α) = 0 for α < 1
        }
        double sumP = ProbabilityVectors.sum(p);
        // Σ w (p/q)^ε − 1 with w = p/Σp, as Σ q ψ_α(p/q − 1) + ε Σ (p − q) over p > 0 (see renyiExcess):
        // no cancellation against the 1 as ε → 0, nor between terms as Q → P.
        double excess = 0.0;
        RelativeEntropyTerms.CompensatedSum differences = new RelativeEntropyTerms.CompensatedSum();
        double logAlpha = Math.log(alpha);
        for (int i = 0; i < n; i++) {
            if (p[i] > 0.0) {
                if (q[i] == 0.0) {
                    excess -= p[i]; // α < 1 here: p (p/q)^ε − p = −p
                } else {
                    excess += q[i] * renyiExcess(StableMath.logRatio(p[i], q[i]), alpha, logAlpha);
                    differences.add(p[i] - q[i]);
                }
            }
        }
        double s = (excess + eps * differences.value()) / sumP;
        // For s near −1 (nearly disjoint supports) 1 + s has lost its digits, and s overflows for large
        // α: use the log-sum-exp.
        if (s > -0.5 && s < Double.POSITIVE_INFINITY) {
            return Math.log1p(s) / eps;
        }
        // Log-sum-exp of a_i = ln p_i + ε ln(p_i/q_i) = ln(p_i^α q_i^(1−α)), taken over b_i = a_i / c with
        // c = max(ε, 1): D = (c/ε) max b + ln(Σ_i exp(c (b_i − max b)) / Σp) / ε. Dividing by ε first keeps
        // ε ln(p_i/q_i) from overflowing for α up to Double.MAX_VALUE.
        double c = Math.max(eps, 1.0);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (p[i] > 0.0 && q[i] > 0.0) {
                max = Math.max(max, scaledLogTerm(p[i], q[i], eps, c));
            }
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            if (p[i] > 0.0 && q[i] > 0.0) {
                sum += Math.exp(c * (scaledLogTerm(p[i], q[i], eps, c) - max));
            }
        }
        return (c / eps) * max + (Math.log(sum) - Math.log(sumP)) / eps;
    }

    /**
     * ψ_α(u) = (1+u)^α − 1 − α u for 1 + u = p/q = e^L, so that q ψ_α = q (p/q)^α − q − α (p − q) and
     * Σ p ((p/q)^ε − 1) = Σ q ψ_α + ε Σ (p − q) (ε = α − 1). Each q ψ_α has the sign of α(α − 1) and is
     * O(q u²), so the sum does not cancel. As ψ_α = expm1(αL) − α expm1(L) = Σ_{k≥2} (α^k − α) L^k/k!,
     * the series (coefficients from expm1, so no cancellation for α near 1) is used while |L| and
     * |αL| are at most ½, beyond that e^L expm1(εL) − ε expm1(L) (equal, and both parts O(ε) as α → 1;
     * a few bits lost at most).
     */
    private static double renyiExcess(double logRatio, double alpha, double logAlpha) {
        double l = logRatio;
        if (Math.abs(l) > 0.5 || Math.abs(alpha * l) > 0.5) {
            double eps = alpha - 1.0; // ψ_α = e^L expm1(εL) − ε expm1(L): both parts O(ε) as α → 1
            return Math.exp(l) * Math.expm1(eps * l) - eps * Math.expm1(l);
        }
        // (α^k − α) L^k/k! = (αL)^k/k! · (1 − α^(1−k)) for α ≥ 1 (no overflow of α^k, factor in [0, 1)),
        // = L^k/k! · α (α^(k−1) − 1) for α < 1.
        boolean large = alpha >= 1.0;
        double x = large ? alpha * l : l;
        double sum = 0.0;
        double power = x; // x^k / k!
        for (int k = 2; k <= 40; k++) {
            power *= x / k;
            double coefficient = large ? -Math.expm1((1 - k) * logAlpha) : alpha * Math.expm1((k - 1) * logAlpha);
            double term = coefficient * power;
            sum += term;
            if (Math.abs(term) <= 1e-18 * Math.abs(sum)) {
                break;
            }
        }
        return sum;
    }

    /** (ln p + ε ln(p/q)) / c for p, q &gt; 0, computed as ln p / c + (ε/c) ln(p/q). */
    private static double scaledLogTerm(double p, double q, double eps, double c) {
        return Math.log(p) / c + (eps / c) * StableMath.logRatio(p, q);
    }

    /**
     * D_0(P‖Q) = −ln Σ_{p_i&gt;0} q_i = −ln Q(supp P), the limit α → 0 (van Erven &amp; Harremoës, Thm. 4),
     * for a Q that sums to 1. The direct form takes the logarithm of a sum that rounds: for
     * P = [0.1, 0.7, 0.2], Q = [0.2, 0.6, 0.2] the general path gives −5.55e-17. Instead the q-mass
     * outside P's support, m = Σ_{p_i=0} q_i, is summed directly and D_0 = −log1p(−m): exactly 0 when the
     * support holds all of Q's mass (m = 0), and never negative (m ≥ 0). When m &gt; ½ the mass inside,
     * Σ_{p_i&gt;0} q_i, is the smaller and more accurate number, and D_0 = −ln of it (+∞ when it is 0,
     * disjoint supports).
     */
    static double orderZeroNats(double[] p, double[] q) {
        double inside = 0.0;
        double outside = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                inside += q[i];
            } else {
                outside += q[i];
            }
        }
        if (outside <= 0.5) {
            return 0.0 - Math.log1p(-outside); // 0.0 - x: exactly +0.0 for outside = 0
        }
        return 0.0 - Math.log(inside); // +∞ for disjoint supports
    }
}
