package dev.kl4j.core.kl;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.StableMath;
import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.Beta;
import dev.kl4j.core.distribution.Categorical;
import dev.kl4j.core.distribution.Dirichlet;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Laplace;
import dev.kl4j.core.distribution.Poisson;
import dev.kl4j.core.distribution.Uniform;
import java.lang.invoke.MethodHandles;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;

/**
 * Closed forms for KL(p ‖ q) when p and q belong to the same family. The Gaussian families are in
 * {@link GaussianKl}. Each formula is the one in PyTorch's {@code torch/distributions/kl.py} (function
 * named in brackets), rearranged only where that improves accuracy.
 */
final class SameFamilyKl {
    private SameFamilyKl() {
    }

    static MethodHandles.Lookup lookup() {
        return MethodHandles.lookup();
    }

    /**
     * ln Γ(x) − ln Γ(y) − (x − y) ψ(y) ≥ 0, the gap between ln Γ and its tangent at y. The Gamma, Beta and
     * Dirichlet divergences are sums of such gaps. Directly, the three terms cancel to first order as
     * x → y; where that would lose more than 3 digits (and |x − y| ≤ y/4) the gap is evaluated instead as
     * Taylor's remainder δ² ∫₀¹ (1 − s) ψ'(y + sδ) ds, δ = x − y, by {@link TaylorRemainder} (8-point Gauss–Legendre),
     * whose accuracy (about 1e-12 relative) is then that of Commons Numbers' {@code Trigamma}.
     */
    static double logGammaGap(double x, double y) {
        double delta = x - y;
        double logGammaX = LogGamma.value(x);
        double logGammaY = LogGamma.value(y);
        double tangent = delta * Digamma.value(y);
        double direct = logGammaX - logGammaY - tangent;
        double magnitude = Math.abs(logGammaX) + Math.abs(logGammaY) + Math.abs(tangent);
        if (Math.abs(delta) > 0.25 * y || Math.abs(direct) > 1e-3 * magnitude) {
            return direct;
        }
        return TaylorRemainder.of(Trigamma::value, y, delta);
    }

    /**
     * [_kl_categorical_categorical] Σ_k p_k (ln p_k − ln q_k); a term with p_k = 0 is 0, a term with
     * p_k &gt; 0 = q_k is +∞.
     */
    @KlPair
    static double categorical(Categorical p, Categorical q) {
        requireSameSize(p, q);
        double[] pp = p.probs();
        double[] lp = p.logProbs();
        double[] lq = q.logProbs();
        double s = 0;
        for (int k = 0; k < pp.length; k++) {
            s += term(pp[k], lp[k], lq[k]);
        }
        return s;
    }

    /**
     * [_kl_bernoulli_bernoulli] p ln(p/q) + (1 − p) ln((1 − p)/(1 − q)), with the categorical masking, by
     * {@link #twoPoint}. The weight 1 − p is exp(ln(1 − p)), which stays exact where p (from a large logit)
     * rounds to 1.
     */
    @KlPair
    static double bernoulli(Bernoulli p, Bernoulli q) {
        return twoPoint(p.probs(), p.logProbOne(), Math.exp(p.logProbZero()), p.logProbZero(),
                q.probs(), q.logProbOne(), Math.exp(q.logProbZero()), q.logProbZero());
    }

    /**
     * KL between two-point distributions (success s, failure f) from probabilities and their logs. Near
     * q = p (|δ| &lt; ½ min(ps, pf), δ = qs − ps taken from the smaller side, so −δ = qf − pf) it is
     * ps φ(ln(1 + δ/ps)) + pf φ(ln(1 − δ/pf)), φ(u) = e^u − 1 − u ({@link StableMath#expm1MinusX}): the
     * same identity as Σ p ln(p/q) (the two added ±δ cancel exactly, in one δ), with two non-negative
     * terms, so near-equal probabilities keep their digits where the direct form cancels. Elsewhere the
     * direct form with PyTorch's masking: p = 0 → 0, q = 0 &lt; p → +∞.
     */
    static double twoPoint(double ps, double logPs, double pf, double logPf,
            double qs, double logQs, double qf, double logQf) {
        double delta = ps <= pf ? qs - ps : pf - qf;
        double smaller = Math.min(ps, pf);
        if (smaller > 0 && Math.abs(delta) < 0.5 * smaller) {
            return ps * StableMath.expm1MinusX(Math.log1p(delta / ps))
                    + pf * StableMath.expm1MinusX(Math.log1p(-delta / pf));
        }
        return term(ps, logPs, logQs) + term(pf, logPf, logQf);
    }

    /** p ln(p/q) from logs: 0 when p = 0 (whatever q), +∞ when q = 0 &lt; p. */
    private static double term(double prob, double logP, double logQ) {
        if (prob == 0 || logP == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (logQ == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        return prob * (logP - logQ);
    }

    /**
     * [_kl_poisson_poisson] λp ln(λp/λq) − λp + λq, evaluated as λp (e^u − 1 − u) with u = ln(λq/λp)
     * (log1p near λp = λq) for u ≤ 1, and as λq − λp (1 + u) above, where e^u may overflow while
     * λp e^u = λq does not.
     */
    @KlPair
    static double poisson(Poisson p, Poisson q) {
        double u = StableMath.logRatio(q.rate(), p.rate());
        if (u > 1) {
            return q.rate() - p.rate() * (1 + u);
        }
        return p.rate() * StableMath.expm1MinusX(u);
    }

    /** [_kl_exponential_exponential] r − 1 − ln r with r = λq/λp, evaluated as expm1(t) − t, t = ln r (log1p near r = 1). */
    @KlPair
    static double exponential(Exponential p, Exponential q) {
        return StableMath.expm1MinusX(StableMath.logRatio(q.rate(), p.rate()));
    }

    /**
     * [_kl_gamma_gamma] with rates βp, βq:
     * αq ln(βp/βq) + ln Γ(αq) − ln Γ(αp) + (αp − αq) ψ(αp) + (βq − βp) αp/βp.
     * With t = ln(βq/βp) the rate terms regroup as αp (e^t − 1 − t) + (αp − αq) t, evaluated with
     * {@link StableMath#expm1MinusX}, so equal concentrations keep full precision as βq → βp (the
     * ln Γ terms then cancel exactly); the ln Γ and ψ terms are {@link #logGammaGap}(αq, αp).
     */
    @KlPair
    static double gamma(Gamma p, Gamma q) {
        double ap = p.concentration();
        double aq = q.concentration();
        double t = StableMath.logRatio(q.rate(), p.rate());
        return ap * StableMath.expm1MinusX(t) + (ap - aq) * t + logGammaGap(aq, ap);
    }

    /**
     * [_kl_beta_beta] ln B(αq, βq) − ln B(αp, βp) + (αp − αq) ψ(αp) + (βp − βq) ψ(βp)
     * + (αq − αp + βq − βp) ψ(αp + βp), regrouped as gap(αq, αp) + gap(βq, βp) − gap(αq + βq, αp + βp) with
     * the tangent gaps of {@link #logGammaGap}, which stay accurate as q → p.
     */
    @KlPair
    static double beta(Beta p, Beta q) {
        double ap = p.concentration1();
        double bp = p.concentration0();
        double aq = q.concentration1();
        double bq = q.concentration0();
        return logGammaGap(aq, ap) + logGammaGap(bq, bp) - logGammaGap(aq + bq, ap + bp);
    }

    /**
     * [_kl_dirichlet_dirichlet] ln Γ(αp₀) − Σ ln Γ(αp_i) − ln Γ(αq₀) + Σ ln Γ(αq_i)
     * + Σ (αp_i − αq_i)(ψ(αp_i) − ψ(αp₀)), regrouped as Σ gap(αq_i, αp_i) − gap(αq₀, αp₀) with the
     * tangent gaps of {@link #logGammaGap}, which stay accurate as q → p.
     */
    @KlPair
    static double dirichlet(Dirichlet p, Dirichlet q) {
        requireSameSize(p, q);
        double[] ap = p.concentration();
        double[] aq = q.concentration();
        double sp = 0;
        double sq = 0;
        double s = 0;
        for (int i = 0; i < ap.length; i++) {
            sp += ap[i];
            sq += aq[i];
            s += logGammaGap(aq[i], ap[i]);
        }
        return s - logGammaGap(sq, sp);
    }

    /**
     * [_kl_laplace_laplace] (Gil 2011) −ln(bp/bq) + |μp − μq|/bq + (bp/bq) exp(−|μp − μq|/bp) − 1. With
     * r = bp/bq = e^t and x = |μp − μq|/bp (so |μp − μq|/bq = r x) this regroups into two non-negative parts,
     * (e^t − 1 − t) + r (e^−x − 1 + x), each by {@link StableMath#expm1MinusX}, so no cancellation as p → q
     * (for x &gt; 1 the second part is |μp − μq|/bq + r expm1(−x), which cannot overflow with x).
     */
    @KlPair
    static double laplace(Laplace p, Laplace q) {
        double ratio = p.scale() / q.scale();
        double d = Math.abs(p.loc() - q.loc());
        double x = d / p.scale();
        double locationPart = x > 1 ? d / q.scale() + ratio * Math.expm1(-x) : ratio * StableMath.expm1MinusX(-x);
        return StableMath.expm1MinusX(StableMath.logRatio(p.scale(), q.scale())) + locationPart;
    }

    /** [_kl_uniform_uniform] ln((hq − lq)/(hp − lp)) if [lp, hp) ⊆ [lq, hq), else +∞. */
    @KlPair
    static double uniform(Uniform p, Uniform q) {
        if (q.low() > p.low() || q.high() < p.high()) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.log((q.high() - q.low()) / (p.high() - p.low()));
    }

    static void requireSameSize(Distribution p, Distribution q) {
        int np = p instanceof Categorical c ? c.numCategories() : p.eventSize();
        int nq = q instanceof Categorical c ? c.numCategories() : q.eventSize();
        if (np != nq) {
            throw new InvalidArgumentException("q", "size mismatch: p has " + np + " outcomes/dimensions, q has " + nq);
        }
    }
}
