package dev.kl4j.core.discrete;

import dev.kl4j.core.ArgumentChecks;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.StableMath;

/**
 * Divergences, distances and entropies of discrete probability vectors on {@code double[]}: the exact
 * reference that kl4j's other front ends are tested against.
 *
 * <p><b>Semantics follow SciPy.</b> 0 · ln 0 = 0 (an entry with p_i = 0 adds nothing, also where
 * q_i = 0); p_i &gt; 0 where q_i = 0 makes KL, cross-entropy, χ² and Rényi (α ≥ 1) equal +∞. No
 * epsilon is ever added silently: smoothing is an explicit {@link DiscreteOptions} setting.
 *
 * <p><b>Inputs.</b> Each vector must be non-empty, finite and ≥ 0, both of one length, and sum to 1
 * within 1e-9, unless {@link DiscreteOptions#normalize()} rescales them (see {@link DiscreteOptions} for
 * smoothing). Violations throw {@link InvalidArgumentException} naming the argument, e.g.
 * {@code q[2] = -0.1 is negative; probabilities must be >= 0}.
 *
 * <p><b>Units.</b> The logarithmic measures (kl, entropy, crossEntropy, js, jsDistance, renyi,
 * bhattacharyya) are computed in nats and converted with {@link DiscreteOptions#base()}; tv, hellinger,
 * chi2, fDivergence and wasserstein1 have no logarithm and ignore the base.
 *
 * <p><b>Speed.</b> {@link #kl} and {@link #entropy} read their inputs once, checking them in the same
 * pass, with the Vector API when {@code jdk.incubator.vector} is present (see {@link DiscreteKernels}).
 */
public final class DiscreteDivergences {

    private DiscreteDivergences() {
    }

    // ---------------------------------------------------------------- KL, entropy, cross-entropy

    /**
     * {@link #kl(double[], double[], DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return the value (see the full overload)
     */
    public static double kl(double[] p, double[] q) {
        return kl(p, q, DiscreteOptions.DEFAULT);
    }

    /**
     * Kullback–Leibler divergence KL(P‖Q) = Σ_i rel_entr(p_i, q_i), where rel_entr(p, q) = p ln(p/q) for
     * p, q &gt; 0, 0 for p = 0 (any q), +∞ for p &gt; 0 = q. Non-negative, 0 iff P = Q, not symmetric.
     * Where p/q overflows (subnormal q) the term is computed as p(ln p − ln q) and stays finite.
     *
     * <p><b>Accuracy as P → Q.</b> Summed as Σ_{p_i&gt;0} q_i φ(p_i/q_i − 1) + Σ_{p_i&gt;0} (p_i − q_i) with
     * φ(u) = (1+u) ln(1+u) − u ≥ 0 (term by term equal to p ln(p/q)), φ by an atanh series near p = q and
     * the differences by a compensated sum, so nothing cancels: the plain sum of p ln(p/q) (and SciPy)
     * loses about log10(1/δ) digits at a relative difference δ, 13% at δ = 1e-8; this stays within 1e-13.
     * The Vector API path first computes the plain sum S with a proven bound B on its rounding error
     * (B ≈ 4.25·2⁻⁵³·(Σ|p ln(p/q)| + Σp)) and returns S when B ≤ 1e-13·S, as for most inputs; only when
     * the bound cannot guarantee 1e-13 (P close to Q) does it rerun the accurate split.
     *
     * <p>SciPy: {@code scipy.special.rel_entr(p, q).sum()}, or {@code scipy.stats.entropy(p, q, base)}
     * (which always normalises).
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param options base, normalisation and smoothing
     * @return KL(P‖Q) in the options' base, in [0, +∞]
     */
    public static double kl(double[] p, double[] q, DiscreteOptions options) {
        requireOptions(options);
        ProbabilityVectors.requirePair(p, q);
        return options.base().fromNats(klNats(p, q, options, Kernels.forLength(p.length)));
    }

    /** KL in nats through the given kernel; validates unless the inputs were prepared. */
    static double klNats(double[] p, double[] q, DiscreteOptions options, FusedKernel kernel) {
        if (options.usesInputsAsGiven()) {
            FusedPass pass = kernel.relativeEntropy(p, q);
            requireValid(pass, p, q);
            return pass.value();
        }
        double[] pp = ProbabilityVectors.prepare(p, "p", options);
        double[] qq = ProbabilityVectors.prepare(q, "q", options);
        return kernel.relativeEntropy(pp, qq).value();
    }

    /**
     * {@link #entropy(double[], DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @return the value (see the full overload)
     */
    public static double entropy(double[] p) {
        return entropy(p, DiscreteOptions.DEFAULT);
    }

    /**
     * Shannon entropy H(P) = −Σ_i p_i ln p_i with 0 ln 0 = 0; in [0, ln n].
     *
     * <p>SciPy: {@code scipy.stats.entropy(p, base=base)} (note that SciPy's {@code entropy(p, q)} with
     * two arguments is the KL divergence, {@link #kl}).
     *
     * @param p P, a probability vector
     * @param options base, normalisation and smoothing
     * @return H(P) in the options' base
     */
    public static double entropy(double[] p, DiscreteOptions options) {
        requireOptions(options);
        ProbabilityVectors.requireNonEmpty(p, "p");
        return options.base().fromNats(entropyNats(p, options, Kernels.forLength(p.length)));
    }

    static double entropyNats(double[] p, DiscreteOptions options, FusedKernel kernel) {
        if (options.usesInputsAsGiven()) {
            FusedPass pass = kernel.entropy(p);
            if (!pass.entriesValid()) {
                ProbabilityVectors.requireEntries(p, "p");
            }
            ProbabilityVectors.requireUnitSum(pass.sumP(), "p");
            return pass.value();
        }
        return kernel.entropy(ProbabilityVectors.prepare(p, "p", options)).value();
    }

    /**
     * {@link #crossEntropy(double[], double[], DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return the value (see the full overload)
     */
    public static double crossEntropy(double[] p, double[] q) {
        return crossEntropy(p, q, DiscreteOptions.DEFAULT);
    }

    /**
     * Cross-entropy H(P, Q) = −Σ_i p_i ln q_i = H(P) + KL(P‖Q); terms with p_i = 0 are 0, a term with
     * p_i &gt; 0 = q_i makes it +∞.
     *
     * <p>SciPy: {@code -scipy.special.xlogy(p, q).sum()}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param options base, normalisation and smoothing
     * @return H(P, Q) in the options' base, in [H(P), +∞]
     */
    public static double crossEntropy(double[] p, double[] q, DiscreteOptions options) {
        double[][] pq = prepared(p, q, options);
        double[] pp = pq[0];
        double[] qq = pq[1];
        double sum = 0.0;
        for (int i = 0; i < pp.length; i++) {
            if (pp[i] > 0.0) {
                if (qq[i] == 0.0) {
                    return Double.POSITIVE_INFINITY;
                }
                sum -= pp[i] * Math.log(qq[i]);
            }
        }
        return options.base().fromNats(sum);
    }

    // ---------------------------------------------------------------- Jensen–Shannon

    /**
     * {@link #js(double[], double[], DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return the value (see the full overload)
     */
    public static double js(double[] p, double[] q) {
        return js(p, q, DiscreteOptions.DEFAULT);
    }

    /**
     * Jensen–Shannon divergence JS(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = ½(P + Q). Symmetric, always finite,
     * in [0, ln 2] nats ([0, 1] bits). Each term is computed as p_i ln(2 p_i / (p_i + q_i)), so M is never
     * rounded to 0, and where p_i and q_i are within a factor 3 of each other the pair of terms is
     * rewritten without the first-order cancellation, so JS keeps full relative precision as P → Q.
     *
     * <p>SciPy: {@code scipy.spatial.distance.jensenshannon(p, q, base) ** 2} (SciPy returns the square
     * root, {@link #jsDistance}).
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param options base, normalisation and smoothing
     * @return JS(P, Q) in the options' base
     */
    public static double js(double[] p, double[] q, DiscreteOptions options) {
        double[][] pq = prepared(p, q, options);
        return options.base().fromNats(jsNats(pq[0], pq[1]));
    }

    private static double jsNats(double[] p, double[] q) {
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

    /**
     * {@link #jsDistance(double[], double[], DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return the value (see the full overload)
     */
    public static double jsDistance(double[] p, double[] q) {
        return jsDistance(p, q, DiscreteOptions.DEFAULT);
    }

    /**
     * Jensen–Shannon distance √JS(P, Q), a metric. The base is applied to JS before the square root, as
     * SciPy does; a JS that rounding made slightly negative counts as 0 (no NaN).
     *
     * <p>SciPy: {@code scipy.spatial.distance.jensenshannon(p, q, base)}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param options base, normalisation and smoothing
     * @return √JS in [0, √ln 2] (base e) or [0, 1] (base 2)
     */
    public static double jsDistance(double[] p, double[] q, DiscreteOptions options) {
        return Math.sqrt(Math.max(0.0, js(p, q, options)));
    }

    // ---------------------------------------------------------------- Rényi

    /**
     * {@link #renyi(double[], double[], double, DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param alpha the order, in [0, +∞]
     * @return the value (see the full overload)
     */
    public static double renyi(double[] p, double[] q, double alpha) {
        return renyi(p, q, alpha, DiscreteOptions.DEFAULT);
    }

    /**
     * Rényi divergence of order α: D_α(P‖Q) = 1/(α − 1) · ln(Σ_i p_i^α q_i^(1−α) / Σ_i p_i), sums over
     * p_i &gt; 0 (Rényi 1961; Σ p = 1 up to the 1e-9 input tolerance, which this keeps from being
     * amplified by 1/(α − 1) near α = 1).
     * <ul>
     *   <li>α = 1: {@link #kl}; α = 0: −ln Σ_{p_i&gt;0} q_i; α = ½: −2 ln Σ√(p_i q_i) =
     *       2 · {@link #bhattacharyya}; α = 2: ln(1 + χ²); α = +∞ ({@code Double.POSITIVE_INFINITY}):
     *       ln max_{p_i&gt;0} p_i / q_i.</li>
     *   <li>+∞ when the support condition fails: for α ≥ 1 if some p_i &gt; 0 = q_i, for α &lt; 1 only if
     *       no i has p_i &gt; 0 and q_i &gt; 0.</li>
     *   <li>Computed in log space: a log-sum-exp of ln p_i + (α − 1) ln(p_i/q_i), so α = 1000 does not
     *       overflow (for α &gt; 2 the terms are divided by α − 1 before the maximum is taken, so no order up
     *       to {@code Double.MAX_VALUE} overflows). First, though, as log1p(s)/(α − 1) with
     *       s = Σ_i w_i ((p_i/q_i)^(α−1) − 1), w = p/Σp, summed as (Σ q_i ψ_α(u_i) + (α − 1) Σ (p_i − q_i))/Σp,
     *       u = p/q − 1, ψ_α(u) = (1+u)^α − 1 − αu: every q ψ_α has the sign of α(α − 1), so nothing
     *       cancels as α → 1 or Q → P (the plain sum loses all digits at a relative difference of 1e-8).
     *       The log-sum-exp is used when s is below −½ (nearly disjoint supports) or overflows.</li>
     * </ul>
     * SciPy has no Rényi divergence; the formulas follow van Erven &amp; Harremoës (2014), "Rényi
     * divergence and Kullback–Leibler divergence".
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param alpha the order, in [0, +∞]
     * @param options base, normalisation and smoothing
     * @return D_α(P‖Q) in the options' base, in [0, +∞]
     * @throws InvalidArgumentException naming {@code "alpha"} for α &lt; 0 or NaN
     */
    public static double renyi(double[] p, double[] q, double alpha, DiscreteOptions options) {
        if (!(alpha >= 0.0)) {
            throw new InvalidArgumentException("alpha", "alpha = " + alpha
                    + " is invalid; the Renyi order must be in [0, +inf] (+inf for the max)");
        }
        if (alpha == 1.0) {
            return kl(p, q, options);
        }
        double[][] pq = prepared(p, q, options);
        return options.base().fromNats(renyiNats(pq[0], pq[1], alpha)) + 0.0; // + 0.0 turns -0.0 into 0.0
    }

    private static double renyiNats(double[] p, double[] q, double alpha) {
        int n = p.length;
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

    // ---------------------------------------------------------------- distances without logarithms

    /**
     * {@link #tv(double[], double[], DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return the value (see the full overload)
     */
    public static double tv(double[] p, double[] q) {
        return tv(p, q, DiscreteOptions.DEFAULT);
    }

    /**
     * Total variation distance TV(P, Q) = ½ Σ_i |p_i − q_i|, in [0, 1]. Ignores the base.
     *
     * <p>SciPy: {@code 0.5 * scipy.spatial.distance.cityblock(p, q)}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param options base, normalisation and smoothing
     * @return TV(P, Q) in [0, 1]
     */
    public static double tv(double[] p, double[] q, DiscreteOptions options) {
        double[][] pq = prepared(p, q, options);
        double sum = 0.0;
        for (int i = 0; i < pq[0].length; i++) {
            sum += Math.abs(pq[0][i] - pq[1][i]);
        }
        return 0.5 * sum;
    }

    /**
     * {@link #hellinger(double[], double[], DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return the value (see the full overload)
     */
    public static double hellinger(double[] p, double[] q) {
        return hellinger(p, q, DiscreteOptions.DEFAULT);
    }

    /**
     * Hellinger distance H(P, Q) = √(½ Σ_i (√p_i − √q_i)²) = √(1 − BC), BC = Σ√(p_i q_i); in [0, 1].
     * Computed from the squared differences, each as √p − √q = (p − q)/(√p + √q), which stays accurate
     * when P ≈ Q (1 − BC, and even √p − √q, would cancel). Ignores the base.
     *
     * <p>SciPy: {@code scipy.spatial.distance.euclidean(np.sqrt(p), np.sqrt(q)) / np.sqrt(2)}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param options base, normalisation and smoothing
     * @return H(P, Q) in [0, 1]
     */
    public static double hellinger(double[] p, double[] q, DiscreteOptions options) {
        double[][] pq = prepared(p, q, options);
        double sum = 0.0;
        for (int i = 0; i < pq[0].length; i++) {
            double pi = pq[0][i];
            double qi = pq[1][i];
            double rootSum = Math.sqrt(pi) + Math.sqrt(qi);
            if (rootSum > 0.0) {
                double d = (pi - qi) / rootSum; // = √p − √q without cancelling when p ≈ q
                sum += d * d;
            }
        }
        return Math.sqrt(0.5 * sum);
    }

    /**
     * {@link #chi2(double[], double[], DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return the value (see the full overload)
     */
    public static double chi2(double[] p, double[] q) {
        return chi2(p, q, DiscreteOptions.DEFAULT);
    }

    /**
     * Pearson χ²(P‖Q) = Σ_i (p_i − q_i)² / q_i; a term with p_i = q_i = 0 is 0, one with p_i &gt; 0 = q_i
     * makes it +∞. Equals exp(D_2(P‖Q)) − 1 (Rényi order 2). Ignores the base.
     *
     * <p>SciPy: {@code scipy.stats.chisquare(p, q).statistic} for probability vectors (without the zero
     * conventions).
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param options base, normalisation and smoothing
     * @return χ²(P‖Q) in [0, +∞]
     */
    public static double chi2(double[] p, double[] q, DiscreteOptions options) {
        double[][] pq = prepared(p, q, options);
        double sum = 0.0;
        for (int i = 0; i < pq[0].length; i++) {
            double pi = pq[0][i];
            double qi = pq[1][i];
            if (qi == 0.0) {
                if (pi > 0.0) {
                    return Double.POSITIVE_INFINITY;
                }
            } else {
                double d = pi - qi;
                sum += d * d / qi;
            }
        }
        return sum;
    }

    /**
     * {@link #bhattacharyya(double[], double[], DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return the value (see the full overload)
     */
    public static double bhattacharyya(double[] p, double[] q) {
        return bhattacharyya(p, q, DiscreteOptions.DEFAULT);
    }

    /**
     * Bhattacharyya distance D_B(P, Q) = −ln BC, BC = Σ_i √(p_i q_i) (the Bhattacharyya coefficient);
     * +∞ for disjoint supports. Equals ½ D_½(P‖Q). For BC ≥ ½ computed as −log1p(BC − 1) with
     * BC − 1 = ½(Σp + Σq − 2) − ½ Σ (√p_i − √q_i)² (a compensated sum for the masses, √p − √q as
     * (p − q)/(√p + √q)), so Q → P keeps its digits (the plain −ln BC is 0 at a relative difference of
     * 1e-12 and 67% off at 1e-8).
     *
     * <p>SciPy: {@code -np.log(np.sum(np.sqrt(p * q)))}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param options base, normalisation and smoothing
     * @return D_B in the options' base, in [0, +∞]
     */
    public static double bhattacharyya(double[] p, double[] q, DiscreteOptions options) {
        double[][] pq = prepared(p, q, options);
        double bc = 0.0;
        double halfSquaredGaps = 0.0;
        RelativeEntropyTerms.CompensatedSum massMinusTwo = new RelativeEntropyTerms.CompensatedSum();
        massMinusTwo.add(-2.0);
        for (int i = 0; i < pq[0].length; i++) {
            double pi = pq[0][i];
            double qi = pq[1][i];
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
            return options.base().fromNats(0.0 - Math.log(bc)); // 0.0 - x: no -0.0; +∞ for bc = 0
        }
        // BC − 1 = ½ (Σp + Σq − 2) − ½ Σ (√p − √q)²: no cancellation against the 1 as Q → P.
        double bcMinusOne = 0.5 * massMinusTwo.value() - halfSquaredGaps;
        return options.base().fromNats(0.0 - Math.log1p(bcMinusOne));
    }

    // ---------------------------------------------------------------- f-divergences

    /**
     * {@link #fDivergence(double[], double[], FGenerator, DiscreteOptions)} with the default options.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param f the generator, e.g. {@link FGenerator#KL}
     * @return the value (see the full overload)
     */
    public static double fDivergence(double[] p, double[] q, FGenerator f) {
        return fDivergence(p, q, f, DiscreteOptions.DEFAULT);
    }

    /**
     * f-divergence D_f(P‖Q) = Σ_i q_i f(p_i / q_i), with the conventions: p_i = q_i = 0 adds 0;
     * p_i = 0 &lt; q_i adds q_i f(0); p_i &gt; 0 = q_i adds p_i · f'(∞) ({@link FGenerator#slopeAtInfinity},
     * +∞ if that is infinite). Where p_i/q_i overflows (q_i subnormal) the term is also taken as its limit
     * p_i · f'(∞), exact to rounding for a finite slope; for an infinite slope (KL, χ²) that gives +∞
     * although the true term may be finite: use {@link #kl} or {@link #chi2} there. Other terms are
     * evaluated as written, so this is the general reference, not a fast path. Ignores the base (the KL
     * and JS generators give nats).
     *
     * <p>SciPy has no generic f-divergence; each {@link FGenerator} constant equals a measure here.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param f the generator, e.g. {@link FGenerator#KL}
     * @param options base, normalisation and smoothing (the base is ignored)
     * @return D_f(P‖Q), possibly +∞
     * @throws InvalidArgumentException naming {@code "f"} when it is null
     */
    public static double fDivergence(double[] p, double[] q, FGenerator f, DiscreteOptions options) {
        if (f == null) {
            throw new InvalidArgumentException("f", "f is null; pass a generator such as FGenerator.KL");
        }
        double[][] pq = prepared(p, q, options);
        double slope = f.slopeAtInfinity();
        double sum = 0.0;
        for (int i = 0; i < pq[0].length; i++) {
            double pi = pq[0][i];
            double qi = pq[1][i];
            double t = qi == 0.0 ? Double.POSITIVE_INFINITY : pi / qi;
            if (t == Double.POSITIVE_INFINITY) {
                if (pi > 0.0) {
                    sum += slope == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : pi * slope;
                }
            } else {
                sum += qi * f.f(t);
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------- Wasserstein

    /**
     * {@link #wasserstein1(double[], double[], DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return the value (see the full overload)
     */
    public static double wasserstein1(double[] p, double[] q) {
        return wasserstein1(p, q, DiscreteOptions.DEFAULT);
    }

    /**
     * Earth mover's distance between histograms on the unit grid 0, 1, …, n − 1:
     * W₁ = Σ_{i=0}^{n−2} |F_P(i) − F_Q(i)|, F the cumulative sums. The CDF difference is accumulated
     * directly as Σ_{j≤i}(p_j − q_j). Ignores the base.
     *
     * <p>SciPy: {@code scipy.stats.wasserstein_distance(np.arange(n), np.arange(n), p, q)}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param options base, normalisation and smoothing
     * @return W₁(P, Q) in grid units, in [0, n − 1]
     */
    public static double wasserstein1(double[] p, double[] q, DiscreteOptions options) {
        double[][] pq = prepared(p, q, options);
        double cdfDifference = 0.0;
        double sum = 0.0;
        for (int i = 0; i < pq[0].length - 1; i++) {
            cdfDifference += pq[0][i] - pq[1][i];
            sum += Math.abs(cdfDifference);
        }
        return sum;
    }

    /**
     * {@link #wasserstein1(double[], double[], double[], DiscreteOptions)} with the default options.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param grid the support points, strictly increasing, same length as p
     * @return the value (see the full overload)
     */
    public static double wasserstein1(double[] p, double[] q, double[] grid) {
        return wasserstein1(p, q, grid, DiscreteOptions.DEFAULT);
    }

    /**
     * Earth mover's distance between histograms on a shared, strictly increasing grid x_0 &lt; … &lt; x_{n−1}:
     * W₁ = Σ_{i=0}^{n−2} |F_P(i) − F_Q(i)| (x_{i+1} − x_i). Ignores the base.
     *
     * <p>SciPy: {@code scipy.stats.wasserstein_distance(grid, grid, p, q)}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param grid the support points, finite and strictly increasing, same length as p
     * @param options base, normalisation and smoothing (the base is ignored)
     * @return W₁(P, Q) in the units of the grid
     * @throws InvalidArgumentException naming {@code "grid"} when it is missing, of another length, not
     *                                  finite or not strictly increasing
     */
    public static double wasserstein1(double[] p, double[] q, double[] grid, DiscreteOptions options) {
        double[][] pq = prepared(p, q, options);
        requireGrid(grid, pq[0].length);
        double cdfDifference = 0.0;
        double sum = 0.0;
        for (int i = 0; i < pq[0].length - 1; i++) {
            cdfDifference += pq[0][i] - pq[1][i];
            sum += Math.abs(cdfDifference) * (grid[i + 1] - grid[i]);
        }
        return sum;
    }

    private static void requireGrid(double[] grid, int n) {
        if (grid == null) {
            throw new InvalidArgumentException("grid", "grid is null; pass the support points");
        }
        ArgumentChecks.sameLength("p", n, "grid", grid.length);
        for (int i = 0; i < n; i++) {
            ArgumentChecks.finite(ArgumentChecks.entry("grid", i), grid[i]);
            if (i > 0 && !(grid[i] > grid[i - 1])) {
                throw new InvalidArgumentException("grid", "grid[" + i + "] = " + grid[i] + " is not greater than grid["
                        + (i - 1) + "] = " + grid[i - 1] + "; the grid must be strictly increasing");
            }
        }
    }

    // ---------------------------------------------------------------- input handling

    private static double[][] prepared(double[] p, double[] q, DiscreteOptions options) {
        requireOptions(options);
        ProbabilityVectors.requirePair(p, q);
        return new double[][] {
            ProbabilityVectors.prepare(p, "p", options), ProbabilityVectors.prepare(q, "q", options)};
    }

    private static void requireValid(FusedPass pass, double[] p, double[] q) {
        if (!pass.entriesValid()) {
            ProbabilityVectors.requireEntries(p, "p");
            ProbabilityVectors.requireEntries(q, "q");
        }
        ProbabilityVectors.requireUnitSum(pass.sumP(), "p");
        ProbabilityVectors.requireUnitSum(pass.sumQ(), "q");
    }

    private static void requireOptions(DiscreteOptions options) {
        if (options == null) {
            throw new InvalidArgumentException("options", "options is null; use DiscreteOptions.DEFAULT");
        }
    }
}
