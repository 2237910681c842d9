package dev.kl4j.core.kl;

import dev.kl4j.core.distribution.Beta;
import dev.kl4j.core.distribution.Cauchy;
import dev.kl4j.core.distribution.ContinuousBernoulli;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Gumbel;
import dev.kl4j.core.distribution.Laplace;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Pareto;
import dev.kl4j.core.distribution.Uniform;
import java.lang.invoke.MethodHandles;

/**
 * Closed forms with the continuous Bernoulli CB(λ) on [0, 1] (density C(λ) λ^x (1 − λ)^(1−x)), as
 * cross-entropy minus entropy:
 * <pre>
 *   q = CB(λ):  −E_p ln q(X) = −ln C(λ) − E_p X · logit λ − ln(1 − λ)     (p on [0, 1], else +∞)
 * </pre>
 * and, for p = CB, the mean and variance of {@link ContinuousBernoulli}. The same-family KL is the
 * Bregman divergence of the log-normaliser A(η) = ln((e^η − 1)/η) in the natural parameter η = logit λ,
 * evaluated near q = p as Taylor's remainder (see {@link #continuousBernoulliContinuousBernoulli}).
 *
 * <p><b>PyTorch's boundaries.</b> {@code _kl_uniform_continuous_bernoulli} returns +∞ whenever
 * {@code p.high >= 1} or {@code p.low <= 0}, and {@code _kl_continuous_bernoulli_uniform} whenever
 * {@code q.low >= 0} or {@code q.high <= 1}: the comparisons should be strict, since a uniform on [0, 1]
 * lies inside CB's support and CB inside Uniform(0, 1). So PyTorch gives +∞ for
 * KL(Uniform(0, 1) ‖ CB(0.3)) = 0.029743… and for KL(CB(0.3) ‖ Uniform(0, 1)) = −H(CB(0.3)); kl4j gives
 * the finite values (tested against quadrature in 50-digit arithmetic).
 */
final class ContinuousBernoulliKl {
    private ContinuousBernoulliKl() {
    }

    static MethodHandles.Lookup lookup() {
        return MethodHandles.lookup();
    }

    private static double crossEntropy(double meanP, ContinuousBernoulli q) {
        return -q.logNormalizer() - meanP * q.logits() - q.log1mLambda();
    }

    /**
     * [_kl_continuous_bernoulli_continuous_bernoulli] E_p X (ηp − ηq) + ln C(λp) + ln(1 − λp) − ln C(λq)
     * − ln(1 − λq) = A(ηq) − A(ηp) − (ηq − ηp) A'(ηp), the Bregman divergence of A (A' = mean). For
     * |ηq − ηp| ≤ 1 the three terms cancel to second order, so kl4j evaluates instead Taylor's remainder
     * Δ² ∫₀¹ (1 − s) A''(ηp + sΔ) ds with A'' = Var (8-point Gauss–Legendre), which keeps full relative
     * precision as q → p.
     */
    @KlPair
    static double continuousBernoulliContinuousBernoulli(ContinuousBernoulli p, ContinuousBernoulli q) {
        double etaP = p.logits();
        double delta = q.logits() - etaP;
        if (Math.abs(delta) > 1) {
            return p.mean()[0] * (p.logits() - q.logits()) + p.logNormalizer() + p.log1mLambda()
                    - q.logNormalizer() - q.log1mLambda();
        }
        return TaylorRemainder.of(eta -> ContinuousBernoulli.ofLogits(eta).variance()[0], etaP, delta);
    }

    /** [_kl_beta_continuous_bernoulli] −H(p) − ln C(λ) − E_p X logit λ − ln(1 − λ). */
    @KlPair
    static double betaContinuousBernoulli(Beta p, ContinuousBernoulli q) {
        return -p.entropy() + crossEntropy(p.mean()[0], q);
    }

    /**
     * [_kl_uniform_continuous_bernoulli] as for Beta, finite whenever [l, h] ⊆ [0, 1] (PyTorch: +∞ already
     * when l = 0 or h = 1; see the class comment).
     */
    @KlPair
    static double uniformContinuousBernoulli(Uniform p, ContinuousBernoulli q) {
        if (p.low() < 0 || p.high() > 1) {
            return Double.POSITIVE_INFINITY;
        }
        return -p.entropy() + crossEntropy(p.mean()[0], q);
    }

    /** [_kl_continuous_bernoulli_exponential] −H(p) − ln λ_q + λ_q E_p X. */
    @KlPair
    static double continuousBernoulliExponential(ContinuousBernoulli p, Exponential q) {
        return -p.entropy() + CrossFamilyKl.crossEntropyExponential(p.mean()[0], q);
    }

    /** [_kl_continuous_bernoulli_normal] −H(p) plus the normal cross-entropy of p's mean and variance. */
    @KlPair
    static double continuousBernoulliNormal(ContinuousBernoulli p, Normal q) {
        return CrossFamilyKl.toNormal(p, q);
    }

    /**
     * [_kl_continuous_bernoulli_uniform] ln(h − l) − H(p) when [0, 1] ⊆ [l, h], else +∞ (PyTorch: +∞ also
     * when l = 0 or h = 1; see the class comment).
     */
    @KlPair
    static double continuousBernoulliUniform(ContinuousBernoulli p, Uniform q) {
        if (q.low() > 0 || q.high() < 1) {
            return Double.POSITIVE_INFINITY;
        }
        return -p.entropy() + Math.log(q.high() - q.low());
    }

    /**
     * [_kl_exponential_infinity, _kl_gamma_infinity, _kl_gumbel_infinity, _kl_laplace_infinity,
     * _kl_normal_infinity, _kl_pareto_infinity, _kl_continuous_bernoulli_infinity] p has mass outside
     * [0, 1], or (CB ‖ Pareto) CB has mass on [0, x_m) where the Pareto density is zero.
     */
    @KlPair(p = Exponential.class, q = ContinuousBernoulli.class)
    @KlPair(p = Gamma.class, q = ContinuousBernoulli.class)
    @KlPair(p = Gumbel.class, q = ContinuousBernoulli.class)
    @KlPair(p = Laplace.class, q = ContinuousBernoulli.class)
    @KlPair(p = Normal.class, q = ContinuousBernoulli.class)
    @KlPair(p = Pareto.class, q = ContinuousBernoulli.class)
    @KlPair(p = Cauchy.class, q = ContinuousBernoulli.class)
    @KlPair(p = ContinuousBernoulli.class, q = Pareto.class)
    static double infinite(Distribution p, Distribution q) {
        return Double.POSITIVE_INFINITY;
    }
}
