package dev.kl4j.core.kl;

import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.Categorical;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Poisson;
import dev.kl4j.core.discrete.DiscreteDivergences;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Closed-form Rényi divergences D_α(p ‖ q) = 1/(α − 1) ln ∫ p^α q^(1−α) beyond the Gaussians
 * ({@link GaussianRenyi}), for exponential families, where p^α q^(1−α) is an unnormalised member of the
 * family with the interpolated natural parameter α ηp + (1 − α) ηq (Gil, Alajaji and Linder 2013,
 * "Rényi divergence measures for commonly used univariate continuous distributions", Table 2; Liese and
 * Vajda 1987):
 * <pre>
 *   Exponential(λ):   [α ln λp + (1 − α) ln λq − ln λα] / (α − 1),            λα = α λp + (1 − α) λq
 *   Gamma(a, b):      [α(ap ln bp − ln Γ(ap)) + (1 − α)(aq ln bq − ln Γ(aq)) − (aα ln bα − ln Γ(aα))] / (α − 1)
 *                     with aα = α ap + (1 − α) aq, bα = α bp + (1 − α) bq
 *   Poisson(λ):       [λp^α λq^(1−α) − α λp − (1 − α) λq] / (α − 1)
 *   Bernoulli, categorical: 1/(α − 1) ln Σ_k p_k^α q_k^(1−α)  ({@link DiscreteDivergences#renyi})
 * </pre>
 * For α &gt; 1 the interpolated parameter can leave the natural parameter space (λα ≤ 0, aα ≤ 0 or
 * bα ≤ 0): the integral diverges and D_α = +∞. α = 1 is the KL divergence (the limit), α = 0 is 0 (full
 * supports). Near α = 1 the closed forms are 0/0; for 0 &lt; |α − 1| &lt; 1e-5 they are interpolated
 * quadratically through D_{1±1e-5} and KL, as in {@link GaussianRenyi}. Orders must be finite and ≥ 0;
 * the error names {@code alpha}.
 */
public final class ExponentialFamilyRenyi {
    private ExponentialFamilyRenyi() {
    }

    private static double order(double alpha, double kl, DoubleUnaryOperator direct) {
        GaussianRenyi.checkAlpha(alpha);
        if (alpha == 1) {
            return kl;
        }
        if (alpha == 0) {
            return 0;
        }
        if (Math.abs(alpha - 1) < GaussianRenyi.NEAR_ONE) {
            return GaussianRenyi.nearOne(alpha, kl, direct);
        }
        return direct.applyAsDouble(alpha);
    }

    /**
     * {@return D_α(Exponential(λp) ‖ Exponential(λq)) = [α ln λp + (1 − α) ln λq − ln λα]/(α − 1),
     * λα = α λp + (1 − α) λq, in nats (class comment); +∞ when λα ≤ 0}
     *
     * @param p     first distribution
     * @param q     second distribution
     * @param alpha order α ≥ 0, finite
     */
    public static double exponential(Exponential p, Exponential q, double alpha) {
        double lp = p.rate();
        double lq = q.rate();
        return order(alpha, SameFamilyKl.exponential(p, q), a -> {
            double mixed = a * lp + (1 - a) * lq;
            if (!(mixed > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            return (a * Math.log(lp) + (1 - a) * Math.log(lq) - Math.log(mixed)) / (a - 1);
        });
    }

    /**
     * {@return D_α(Gamma(ap, bp) ‖ Gamma(aq, bq)) (shape, rate) by the Gamma row of the class comment, in
     * nats; +∞ when aα ≤ 0 or bα ≤ 0}
     *
     * @param p     first distribution
     * @param q     second distribution
     * @param alpha order α ≥ 0, finite
     */
    public static double gamma(Gamma p, Gamma q, double alpha) {
        double ap = p.concentration();
        double bp = p.rate();
        double aq = q.concentration();
        double bq = q.rate();
        return order(alpha, SameFamilyKl.gamma(p, q), a -> {
            double am = a * ap + (1 - a) * aq;
            double bm = a * bp + (1 - a) * bq;
            if (!(am > 0) || !(bm > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double logP = ap * Math.log(bp) - LogGamma.value(ap);
            double logQ = aq * Math.log(bq) - LogGamma.value(aq);
            double logMixed = am * Math.log(bm) - LogGamma.value(am);
            return (a * logP + (1 - a) * logQ - logMixed) / (a - 1);
        });
    }

    /**
     * {@return D_α(Poisson(λp) ‖ Poisson(λq)) = [λp^α λq^(1−α) − α λp − (1 − α) λq]/(α − 1), in nats
     * (class comment); always finite}
     *
     * @param p     first distribution
     * @param q     second distribution
     * @param alpha order α ≥ 0, finite
     */
    public static double poisson(Poisson p, Poisson q, double alpha) {
        double lp = p.rate();
        double lq = q.rate();
        return order(alpha, SameFamilyKl.poisson(p, q), a ->
                (Math.exp(a * Math.log(lp) + (1 - a) * Math.log(lq)) - a * lp - (1 - a) * lq) / (a - 1));
    }

    /**
     * {@return D_α(p ‖ q) = 1/(α − 1) ln Σ_{x∈{0,1}} p(x)^α q(x)^(1−α) in nats, by
     * {@link DiscreteDivergences#renyi} on the two-point masses (its support rules give +∞)}
     *
     * @param p     first distribution
     * @param q     second distribution
     * @param alpha order α ≥ 0 (finite)
     */
    public static double bernoulli(Bernoulli p, Bernoulli q, double alpha) {
        GaussianRenyi.checkAlpha(alpha);
        double[] pp = {Math.exp(p.logProbZero()), p.probs()};
        double[] qq = {Math.exp(q.logProbZero()), q.probs()};
        return DiscreteDivergences.renyi(pp, qq, alpha);
    }

    /**
     * {@return D_α(p ‖ q) = 1/(α − 1) ln Σ_k p_k^α q_k^(1−α) in nats, by
     * {@link DiscreteDivergences#renyi} (its support rules give +∞)}
     *
     * @param p     first distribution
     * @param q     second distribution, same number of categories
     * @param alpha order α ≥ 0 (finite)
     */
    public static double categorical(Categorical p, Categorical q, double alpha) {
        GaussianRenyi.checkAlpha(alpha);
        SameFamilyKl.requireSameSize(p, q);
        return DiscreteDivergences.renyi(p.probs(), q.probs(), alpha);
    }
}
