package dev.kl4j.core.discrete;

/**
 * The accurate split of KL(P‖Q) that both {@link FusedKernel}s use.
 *
 * <p><b>Why.</b> For P close to Q the terms p ln(p/q) are O(δ) with both signs while their sum is
 * O(δ²) (δ the relative difference), so summing them directly loses about log10(1/δ) digits to
 * cancellation, and ln(p/q) of the rounded quotient adds an absolute error of one ulp of 1 per term.
 * At δ = 1e-8 the plain sum (and SciPy's {@code rel_entr(p, q).sum()}) is off by about 1%.
 *
 * <p><b>The split.</b> For p, q &gt; 0, with d = p − q:
 * <pre>
 *   p ln(p/q) = g(p, q) + d,   g(p, q) = p ln(p/q) − (p − q) = q φ(p/q − 1),   φ(u) = (1+u) ln(1+u) − u ≥ 0,
 *   KL(P‖Q)   = Σ_{p_i&gt;0} g(p_i, q_i) + Σ_{p_i&gt;0} (p_i − q_i).
 * </pre>
 * Every g is non-negative, so the first sum has no cancellation. The second is kept (the inputs may
 * sum to 1 only within the 1e-9 tolerance, so it need not vanish) and is summed with a compensated
 * (two-sum) accumulator, so its rounding error is of order ulp(Σ d) rather than ulp(Σ |d|).
 *
 * <p><b>g without cancellation.</b> With s = p + q and w = d / s (so p/q = (1+w)/(1−w) and
 * ln(p/q) = 2 atanh w = 2(w + w³ T(w²)), T(x) = Σ_{k≥0} x^k/(2k+3)):
 * <pre>
 *   g = (s(1+w)/2) · 2(w + w³T) − s w = s w² · (1 + (1+w) w T(w²)).
 * </pre>
 * For |w| ≤ 0.1 (p/q in [9/11, 11/9]): d is exact (Sterbenz), s and w carry one rounding each, T is
 * summed to 8 terms (the first omitted one is below 0.01^8/19 ≈ 5e-18) and |(1+w)wT| ≤ 0.04, so g has a
 * relative error of a few ulps. Outside that range g = p ln r + (ρ − d) with r = fl(p/q) and
 * ρ = p − r q exact by a fused multiply-add (p ln(p/q) = p ln r + p ln(1 + ρ/(rq)) = p ln r + ρ up to
 * O(ulp²)), so the rounding of the quotient never reaches the logarithm; there g is not small against
 * its parts (at |w| = 0.1 it is about 0.02 q against 0.2 q, and the ratio improves further out), so at
 * most about 3.5 bits are lost. Where p/q overflows or is subnormal, g = p (ln p − ln q) − d.
 *
 * <p>The scalar kernel always uses this split; the vector kernel uses it (blending both forms lane by
 * lane) whenever its plain-sum fast pass cannot be certified to 1e-13 by {@link PlainSumBound}.
 */
final class RelativeEntropyTerms {

    /** |w| ≤ this, w = (p − q)/(p + q), is p/q in [9/11, 11/9]: the series range. */
    static final double SERIES_LIMIT = 0.1;

    /** T(x) = Σ_{k=0}^{7} x^k / (2k + 3), highest power first (Horner order). */
    static final double[] T_COEFFICIENTS = tCoefficients();

    private RelativeEntropyTerms() {
    }

    private static double[] tCoefficients() {
        double[] c = new double[8];
        for (int k = 0; k < c.length; k++) {
            c[c.length - 1 - k] = 1.0 / (2 * k + 3);
        }
        return c;
    }

    /**
     * g(p, q) = p ln(p/q) − (p − q) for p, q &gt; 0, accurate to a few ulps (see the class comment).
     *
     * @param p a positive mass
     * @param q a positive mass
     * @param d p − q as the caller computed it (and adds to its difference sum)
     * @return g, non-negative up to rounding; +∞ only if p/q overflows to +∞ and ln p − ln q does too
     */
    static double excess(double p, double q, double d) {
        double s = p + q;
        double w = d / s;
        if (Math.abs(w) <= SERIES_LIMIT) {
            double x = w * w;
            double t = 0.0;
            for (double c : T_COEFFICIENTS) {
                t = Math.fma(t, x, c);
            }
            return s * x * (1.0 + (1.0 + w) * w * t);
        }
        double r = p / q;
        if (r >= Double.MIN_NORMAL && r < Double.POSITIVE_INFINITY) {
            return p * Math.log(r) + (Math.fma(-r, q, p) - d);
        }
        return p * (Math.log(p) - Math.log(q)) - d;
    }

    /**
     * A running sum with a compensation term (Knuth's two-sum): the result is the exact sum of the
     * added values rounded once, up to O(n · ulp²) — enough for Σ (p − q), whose terms are O(δ)
     * while the sum can be O(δ²).
     */
    static final class CompensatedSum {
        private double sum;
        private double compensation;

        void add(double x) {
            double t = sum + x;
            double xPart = t - sum;
            compensation += (sum - (t - xPart)) + (x - xPart);
            sum = t;
        }

        double value() {
            return sum + compensation;
        }
    }
}
