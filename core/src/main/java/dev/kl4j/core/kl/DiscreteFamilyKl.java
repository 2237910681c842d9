package dev.kl4j.core.kl;

import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.Binomial;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Geometric;
import dev.kl4j.core.distribution.OneHotCategorical;
import dev.kl4j.core.distribution.Poisson;
import java.lang.invoke.MethodHandles;

/**
 * Closed forms for the discrete families added after the first twelve: binomial, geometric and one-hot
 * categorical, and their cross pairs with Bernoulli and Poisson (PyTorch's function named in brackets).
 *
 * <p><b>Accurate two-point terms.</b> The Bernoulli-type sums Σ_k p_k ln(p_k/q_k) over two outcomes
 * cancel to first order as q → p; the binomial and geometric pairs go through
 * {@link SameFamilyKl#twoPoint}, which writes them as two non-negative φ terms and so keeps their digits
 * for near-equal parameters.
 */
final class DiscreteFamilyKl {
    private DiscreteFamilyKl() {
    }

    static MethodHandles.Lookup lookup() {
        return MethodHandles.lookup();
    }

    /** KL(Bernoulli(p) ‖ Bernoulli(q)) of a binomial's or geometric's trial, by {@link SameFamilyKl#twoPoint}. */
    private static double trial(double ps, double logPs, double logPf, double qs, double logQs, double logQf) {
        return SameFamilyKl.twoPoint(ps, logPs, Math.exp(logPf), logPf, qs, logQs, Math.exp(logQf), logQf);
    }

    /**
     * [_kl_binomial_binomial] equal n: n KL(Bern(p) ‖ Bern(q)) (the binomial is n independent trials);
     * n_p &gt; n_q: +∞ (p reaches n_p, q cannot). n_p &lt; n_q, where PyTorch raises NotImplementedError,
     * is the finite exact sum Σ_{k=0}^{n_p} p(k) ln(p(k)/q(k)) (O(n_p) terms).
     */
    @KlPair
    static double binomialBinomial(Binomial p, Binomial q) {
        int np = p.totalCount();
        int nq = q.totalCount();
        if (np > nq) {
            return Double.POSITIVE_INFINITY;
        }
        if (np == nq) {
            return np == 0 ? 0 : np * trial(p.probs(), p.logProbSuccess(), p.logProbFailure(),
                    q.probs(), q.logProbSuccess(), q.logProbFailure());
        }
        double s = 0;
        for (int k = 0; k <= np; k++) {
            double[] x = {k};
            double lp = p.logProb(x);
            if (lp == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double lq = q.logProb(x);
            if (lq == Double.NEGATIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            s += Math.exp(lp) * (lp - lq);
        }
        return s;
    }

    /**
     * [_kl_geometric_geometric] E[k] ln((1 − p)/(1 − q)) + ln(p/q) with E[k] = (1 − p)/p, which is
     * KL(Bern(p) ‖ Bern(q)) / p (derived here; PyTorch writes −H(p) − ln(1 − q)/p − logit q), evaluated by
     * {@link SameFamilyKl#twoPoint}. q = 1 &gt; p gives +∞.
     */
    @KlPair
    static double geometricGeometric(Geometric p, Geometric q) {
        return trial(p.probs(), p.logProbSuccess(), p.logProbFailure(), q.probs(), q.logProbSuccess(), q.logProbFailure())
                / p.probs();
    }

    /** [_kl_onehotcategorical_onehotcategorical] the categorical KL of the same probabilities. */
    @KlPair
    static double oneHotOneHot(OneHotCategorical p, OneHotCategorical q) {
        return SameFamilyKl.categorical(p.categorical(), q.categorical());
    }

    /**
     * [_kl_bernoulli_poisson] −H(p) − E_p[ln q(X)] with ln q(k) = k ln λ − λ − ln k! (ln 0! = ln 1! = 0):
     * −H(p) + λ − p ln λ.
     */
    @KlPair
    static double bernoulliPoisson(Bernoulli p, Poisson q) {
        double pl = p.probs() == 0 ? 0 : p.probs() * Math.log(q.rate());
        return -p.entropy() + q.rate() - pl;
    }

    /** [_kl_poisson_infinity] a Poisson puts mass on every k ≥ 0, beyond a Bernoulli's or binomial's support. */
    @KlPair(p = Poisson.class, q = Bernoulli.class)
    @KlPair(p = Poisson.class, q = Binomial.class)
    static double poissonBounded(Distribution p, Distribution q) {
        return Double.POSITIVE_INFINITY;
    }
}
