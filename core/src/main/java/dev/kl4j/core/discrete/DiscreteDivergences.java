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
 * <p><b>Units.</b> The logarithmic measures (kl, reverseKl, entropy, crossEntropy, js, jsDistance, renyi,
 * bhattacharyya) are computed in nats and converted with {@link DiscreteOptions#base()}; tv, hellinger,
 * chi2, fDivergence and wasserstein1 have no logarithm and ignore the base. The {@code ...FromLogits}
 * forms take unnormalised log-probabilities and return nats, as the DJL and ND4J front ends of the same
 * names do.
 *
 * <p><b>Speed.</b> {@link #kl} and {@link #entropy} read their inputs once, checking them in the same
 * pass, with the Vector API when {@code jdk.incubator.vector} is present (see {@link DiscreteKernels}).
 *
 * <p><b>Where the numerics live.</b> This class checks and prepares the inputs and converts the unit;
 * each measure's loop, with its formula and its numerically stable rewrite, is one small class of this
 * package: {@code RelativeEntropy} (kl, entropy, crossEntropy), {@code JensenShannon} (js, jsDistance),
 * {@code Renyi}, {@code HellingerBhattacharyya} (hellinger, bhattacharyya), {@code FDivergences} (tv,
 * chi2, fDivergence) and {@code Wasserstein1}.
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
        return options.base().fromNats(RelativeEntropy.klNats(p, q, options, Kernels.forLength(p.length)));
    }

    /**
     * {@link #reverseKl(double[], double[], DiscreteOptions)} with {@link DiscreteOptions#DEFAULT}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @return KL(Q‖P) in nats
     */
    public static double reverseKl(double[] p, double[] q) {
        return reverseKl(p, q, DiscreteOptions.DEFAULT);
    }

    /**
     * Reverse KL: <b>KL(Q‖P)</b> for the same argument order as {@link #kl}, that is {@code kl(q, p)}
     * with each argument checked under its own name. With P the model and Q a target this is the
     * mode-seeking direction (reverse KL in variational inference and distillation); {@link #kl} is the
     * mass-covering one. Same numerics as {@link #kl}.
     *
     * @param p P, a probability vector
     * @param q Q, a probability vector of the same length
     * @param options base, normalisation and smoothing
     * @return KL(Q‖P) in the options' base, in [0, +∞]
     */
    public static double reverseKl(double[] p, double[] q, DiscreteOptions options) {
        requireOptions(options);
        ProbabilityVectors.requirePair(p, q);
        return options.base().fromNats(RelativeEntropy.reverseKlNats(p, q, options, Kernels.forLength(p.length)));
    }

    /**
     * KL(P‖Q) from logits, P = softmax(a), Q = softmax(b), in nats:
     * <pre>
     *   KL = Σ_k softmax(a)_k · (logSoftmax(a)_k − logSoftmax(b)_k)
     * </pre>
     * The log-softmax subtracts the maximum first ({@link StableMath#logSoftmax}), so logits of magnitude
     * 1e4 stay exact. A logit of −∞ masks its category (probability exactly 0); a finite logit means
     * p &gt; 0, even where e^a underflows, so a category masked in Q only makes KL +∞. The same value as
     * {@code DjlDivergences.klFromLogits} and {@code Nd4jDivergences.klFromLogits}, in double precision.
     * For finite logits, PyTorch's {@code F.kl_div(log_softmax(b), log_softmax(a), reduction='sum',
     * log_target=True)} (note that {@code kl_div} takes Q's log-probabilities first); SciPy:
     * {@code rel_entr(softmax(a), softmax(b)).sum()}.
     *
     * @param logitsP logits a of P: finite or −∞, at least one finite
     * @param logitsQ logits b of Q, same length
     * @return KL(P‖Q) in nats, in [0, +∞]
     */
    public static double klFromLogits(double[] logitsP, double[] logitsQ) {
        double[][] logProbs = logSoftmaxPair(logitsP, logitsQ);
        return RelativeEntropy.klFromLogProbsNats(logProbs[0], logProbs[1]);
    }

    /**
     * Reverse KL from logits: KL(Q‖P) = Σ_k q_k (ln q_k − ln p_k) = {@code klFromLogits(logitsQ, logitsP)},
     * with each argument checked under its own name; same masking and +∞ rules as {@link #klFromLogits}.
     * For finite logits, PyTorch's {@code F.kl_div(log_softmax(a), log_softmax(b), reduction='sum',
     * log_target=True)}.
     *
     * @param logitsP logits a of P
     * @param logitsQ logits b of Q, same length
     * @return KL(Q‖P) in nats, in [0, +∞]
     */
    public static double reverseKlFromLogits(double[] logitsP, double[] logitsQ) {
        double[][] logProbs = logSoftmaxPair(logitsP, logitsQ);
        return RelativeEntropy.klFromLogProbsNats(logProbs[1], logProbs[0]);
    }

    /**
     * Shannon entropy of P = softmax(a), H = −Σ p ln p with 0 ln 0 = 0, in nats (masked categories add 0),
     * from the max-shifted log-softmax. PyTorch: {@code Categorical(logits=a).entropy()}.
     *
     * @param logits logits a: finite or −∞, at least one finite
     * @return H(P) in nats, in [0, ln n]
     */
    public static double entropyFromLogits(double[] logits) {
        return RelativeEntropy.entropyFromLogProbsNats(logSoftmax("logits", logits));
    }

    /**
     * Jensen–Shannon divergence of P = softmax(a) and Q = softmax(b), in nats, by the numerics of
     * {@link #js} applied to the softmax probabilities (a masked or underflowing category adds 0 either way):
     * JS = ½ KL(P‖M) + ½ KL(Q‖M), M = ½(P + Q). SciPy: {@code jensenshannon(softmax(a), softmax(b)) ** 2}.
     *
     * @param logitsP logits a of P
     * @param logitsQ logits b of Q, same length
     * @return JS(P, Q) in nats, in [0, ln 2]
     */
    public static double jsFromLogits(double[] logitsP, double[] logitsQ) {
        double[][] logProbs = logSoftmaxPair(logitsP, logitsQ);
        return JensenShannon.jsNats(exp(logProbs[0]), exp(logProbs[1]));
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
        return options.base().fromNats(RelativeEntropy.entropyNats(p, options, Kernels.forLength(p.length)));
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
        return options.base().fromNats(RelativeEntropy.crossEntropyNats(pq[0], pq[1]));
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
        return options.base().fromNats(JensenShannon.jsNats(pq[0], pq[1]));
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
     *   <li>α = 1: {@link #kl}; α = 0: −ln Σ_{p_i&gt;0} q_i, computed as −log1p(−Σ_{p_i=0} q_i) so that
     *       it is exactly 0 when P's support holds all of Q's mass; α = ½: −2 ln Σ√(p_i q_i) =
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
        Renyi.requireOrder(alpha);
        if (alpha == 1.0) {
            return kl(p, q, options);
        }
        double[][] pq = prepared(p, q, options);
        return options.base().fromNats(Renyi.renyiNats(pq[0], pq[1], alpha)) + 0.0; // + 0.0 turns -0.0 into 0.0
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
        return FDivergences.tv(pq[0], pq[1]);
    }

    /**
     * Total variation distance of P = softmax(a) and Q = softmax(b), ½ Σ |p_i − q_i|, through a
     * max-shifted log-softmax; a −∞ logit gives its category probability 0. In [0, 1]; the same value as
     * {@code tv(softmax(a), softmax(b))} (SciPy: {@code 0.5 * cityblock(softmax(a), softmax(b))}).
     *
     * @param logitsP logits a of P
     * @param logitsQ logits b of Q, the same length
     * @return TV(P, Q) in [0, 1]
     */
    public static double tvFromLogits(double[] logitsP, double[] logitsQ) {
        double[][] logProbs = logSoftmaxPair(logitsP, logitsQ);
        return FDivergences.tv(exp(logProbs[0]), exp(logProbs[1]));
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
        return HellingerBhattacharyya.hellinger(pq[0], pq[1]);
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
        return FDivergences.chi2(pq[0], pq[1]);
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
        return options.base().fromNats(HellingerBhattacharyya.bhattacharyyaNats(pq[0], pq[1]));
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
        FDivergences.requireGenerator(f);
        double[][] pq = prepared(p, q, options);
        return FDivergences.fDivergence(pq[0], pq[1], f);
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
        return Wasserstein1.unitGrid(pq[0], pq[1]);
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
        Wasserstein1.requireGrid(grid, pq[0].length);
        return Wasserstein1.onGrid(pq[0], pq[1], grid);
    }

    // ---------------------------------------------------------------- input handling

    private static double[][] prepared(double[] p, double[] q, DiscreteOptions options) {
        requireOptions(options);
        ProbabilityVectors.requirePair(p, q);
        return new double[][] {
            ProbabilityVectors.prepare(p, "p", options), ProbabilityVectors.prepare(q, "q", options)};
    }

    private static double[] logSoftmax(String name, double[] logits) {
        ArgumentChecks.logits(name, logits);
        return StableMath.logSoftmax(logits);
    }

    private static double[][] logSoftmaxPair(double[] logitsP, double[] logitsQ) {
        double[] logP = logSoftmax("logitsP", logitsP);
        double[] logQ = logSoftmax("logitsQ", logitsQ);
        ArgumentChecks.sameLength("logitsP", logitsP.length, "logitsQ", logitsQ.length);
        return new double[][] {logP, logQ};
    }

    private static double[] exp(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(x[i]);
        }
        return out;
    }

    private static void requireOptions(DiscreteOptions options) {
        if (options == null) {
            throw new InvalidArgumentException("options", "options is null; use DiscreteOptions.DEFAULT");
        }
    }
}
