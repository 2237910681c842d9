package dev.kl4j.core.discrete;

/**
 * A rigorous bound on the rounding error of the plain KL sum S = Σ_{p_i&gt;0} p_i ln(p_i/q_i) as the
 * fast pass of {@link VectorKernel} computes it, and the test that decides whether S may be returned
 * or the accurate split of {@link RelativeEntropyTerms} must run.
 *
 * <p><b>What is computed.</b> For each entry with p &gt; 0 (q &gt; 0; q = 0 makes S infinite and is
 * never accepted) the term t̂ = fl(p · LOG(fl(p/q))), where LOG is {@code VectorOperators.LOG} in the
 * vector lanes and {@code Math.log} in the scalar tail; both are specified to lie within 1 ulp of the
 * exact logarithm. The L lanes (L = 8 with AVX-512) each run a two-sum (Knuth) accumulator over their
 * m = ⌊n/L⌋ terms, giving a sum ŝ_j and a plainly summed compensation ĉ_j; the 2L values ŝ_j, ĉ_j and
 * the τ &lt; L tail terms are then added by a sequential compensated sum (Sum2). Alongside, the pass
 * accumulates Â = Σ |t̂| + Σ p in plain floating point. u = 2⁻⁵³ is the unit roundoff, γ_k = ku/(1 − ku).
 *
 * <p><b>Error of one term.</b> Let t = p ln(p/q). The quotient r̂ = (p/q)(1 + ε₁), |ε₁| ≤ u, so
 * ln r̂ = ln(p/q) + η with |η| = |ln(1 + ε₁)| ≤ u/(1 − u): an <em>absolute</em> error of about u in the
 * logarithm, which p turns into about u·p in the term (this is why the plain sum cannot be accurate
 * when the terms cancel). A 1-ulp logarithm adds a relative error ε₂ with |ε₂| ≤ 2u (one ulp of x is at
 * most 2u|x|), the product one more, |ε₃| ≤ u:
 * <pre>
 *   t̂ = p (ln(p/q) + η)(1 + ε₂)(1 + ε₃),
 *   |t̂ − t| ≤ |t| ((1 + 2u)(1 + u) − 1) + p u/(1 − u) (1 + 2u)(1 + u) ≤ 3.001 u |t̂| + 1.001 u p.
 * </pre>
 * Underflow adds absolute errors only: if r̂ is subnormal then p &lt; 2⁻¹⁰²² q ≤ 2⁻¹⁰²¹ (valid inputs have
 * q ≤ 1 + 10⁻⁹) and |η| ≤ ln 2, so the term is off by less than 2⁻¹⁰²¹; a subnormal product is off by
 * at most 2⁻¹⁰⁷⁵. Both are covered by n · 2⁻¹⁰²⁰. (r̂ = 0 or ∞ makes S non-finite and is never accepted.)
 *
 * <p><b>Error of the summation.</b> In lane j the two-sum is exact: ŝ_j + Σ_k e_jk = Σ_{lane j} t̂, with
 * |e_jk| ≤ u |partial sum| ≤ u (1 + γ_m) A_j, A_j = Σ_{lane j} |t̂|. The compensation is a plain sum of m
 * such errors, so |ĉ_j − Σ_k e_jk| ≤ γ_m · m u (1 + γ_m) A_j ≤ 2 (m u)² A_j. The final Sum2 over
 * K = 2L + τ &lt; 3L values v has error at most u |Σ v| + γ²_{K} Σ |v| (Ogita, Rump and Oishi 2005,
 * Prop. 4.5) with |Σ v|, Σ |v| ≤ (1 + γ_m) Σ |t̂| + 2 (m u)² A. So the summation adds at most
 * u (1 + γ_m) Σ |t̂| + 2 ((m + 3L) u)² A, and the order of the lanes or of the hardware reduction does
 * not enter. (A plain lane sum would instead add γ_{m+L} Σ|t̂|: about 1.4·10⁻¹⁰ Σ|t̂| at n = 10⁷,
 * far too much to ever certify 10⁻¹³.)
 *
 * <p><b>The bound.</b> Adding both, with A = Σ |t̂| + Σ_{p&gt;0} p,
 * <pre>
 *   |S − KL| ≤ 4.002 u Σ|t̂| + 1.001 u Σ p + 2 ((m + 3L) u)² A + n 2⁻¹⁰²⁰ ≤ 4.002 u A + 2 k² A + n 2⁻¹⁰²⁰,
 * </pre>
 * k = (m + 3L) u. The computed Â is itself a plain sum of at most m + 3L additions per value, so
 * A ≤ Â (1 + 2k) (for k ≤ 1/4). The bound used is therefore
 * <pre>
 *   B = Â (C u (1 + 2k) + 2 k² (1 + 2k)) + n 2⁻¹⁰²⁰,   C = {@value #C}
 * </pre>
 * where C = 4.25 exceeds the first-order constant 4.002 by enough to absorb the few roundings in
 * evaluating B itself (each at most a factor 1 + u). S is returned when B ≤ 10⁻¹³ S
 * ({@link #TOLERANCE}), which guarantees |S − KL| ≤ 10⁻¹³ S ≤ 10⁻¹³ (1 + 10⁻¹³) KL; that needs S ≥ about 4.7·10⁻³ Â, so typical
 * inputs pass and near-equal P, Q (S = O(δ²) against Â = O(1)) fall back to the accurate kernel.
 */
final class PlainSumBound {

    /** Unit roundoff of double, 2⁻⁵³. */
    static final double U = 0x1p-53;

    /** First-order constant of the bound (4.002 derived, rounded up to cover evaluating B): {@value}. */
    static final double C = 4.25;

    /** Largest relative error the fast result may have: {@value}. */
    static final double TOLERANCE = 1e-13;

    /** Absolute error allowed per term for underflow: 2⁻¹⁰²⁰. */
    private static final double UNDERFLOW_PER_TERM = 0x1p-1020;

    private PlainSumBound() {
    }

    /**
     * B, the bound on |S − KL| derived in the class comment.
     *
     * @param absTermsPlusMass Â = Σ |t̂| + Σ p as computed by the pass
     * @param n                entries per input
     * @param lanes            vector lanes L (1 for a scalar loop)
     * @return B, non-negative; +∞ or NaN when Â is
     */
    static double of(double absTermsPlusMass, int n, int lanes) {
        double k = ((double) (n / lanes) + 3.0 * lanes) * U;
        double growth = 1.0 + 2.0 * k;
        return absTermsPlusMass * ((C * U + 2.0 * k * k) * growth) + n * UNDERFLOW_PER_TERM;
    }

    /**
     * {@return true when S is finite and B ≤ {@link #TOLERANCE} · S, so S is within 10⁻¹³ relative of KL}
     *
     * @param s the plain sum S
     * @param b its error bound B
     */
    static boolean certifies(double s, double b) {
        return s < Double.POSITIVE_INFINITY && b <= TOLERANCE * s;
    }
}
