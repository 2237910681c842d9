package dev.kl4j.core.kl;

import dev.kl4j.core.StableMath;
import dev.kl4j.core.distribution.Beta;
import dev.kl4j.core.distribution.Cauchy;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Gumbel;
import dev.kl4j.core.distribution.HalfNormal;
import dev.kl4j.core.distribution.InverseGamma;
import dev.kl4j.core.distribution.Laplace;
import dev.kl4j.core.distribution.LogNormal;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Pareto;
import dev.kl4j.core.distribution.Uniform;
import dev.kl4j.core.distribution.VonMises;
import dev.kl4j.core.distribution.Weibull;
import java.lang.invoke.MethodHandles;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;

/**
 * Closed forms with the Gumbel, Pareto, Cauchy, half-normal, log-normal, inverse-gamma and von Mises families, as cross-entropy
 * minus entropy ({@link CrossFamilyKl}) with these expansions of −E_p[ln q(X)]:
 * <pre>
 *   q = Gumbel(μ, β):     ln β + (E_p X − μ)/β + exp(μ/β + ln M_p(−1/β)),   M_p(t) = E_p e^(tX)
 *       Normal(m, s): ln M = −m/β + s²/(2β²);   Exponential(λ): ln M = −ln(1 + 1/(λβ));
 *       Gamma(α, b):  ln M = −α ln(1 + 1/(bβ)); Uniform(l, h): ln M = −l/β + ln(β(1 − e^(−(h−l)/β))/(h − l))
 *   q = Pareto(x_m, α):   −ln α − α ln x_m + (α + 1) E_p ln X                 (p on [x_m, ∞), else +∞)
 *   q = HalfNormal(σ):    −ln 2 + ln σ + ½ ln 2π + E_p X²/(2σ²)              (p on [0, ∞), else +∞)
 *   q = LogNormal(μ, σ):  E_p ln X + ln σ + ½ ln 2π + (Var_p ln X + (E_p ln X − μ)²)/(2σ²)   (p on (0, ∞))
 * </pre>
 * with E ln X = ln x_m + 1/α for a Pareto p (E X infinite for α ≤ 1, Var infinite for α ≤ 2: those pairs
 * are +∞), and for a half-normal p E X = σ√(2/π), E X² = σ², E ln X = ln σ − (γ + ln 2)/2
 * (E ln|Z| = −(γ + ln 2)/2). The same-family forms are regrouped so that they keep their digits as q → p.
 * PyTorch's functions are named in brackets; the others are kl4j's additions.
 */
final class ExtremeValueKl {
    private static final double EULER_GAMMA = 0.57721566490153286061;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private ExtremeValueKl() {
    }

    static MethodHandles.Lookup lookup() {
        return MethodHandles.lookup();
    }

    // ---- same family ---------------------------------------------------------------------------------

    /**
     * [_kl_gumbel_gumbel] with r = βp/βq, d = (μp − μq)/βq: −ln r + d + γ(r − 1) + e^(−d + ln Γ(1 + r)) − 1,
     * regrouped (derived here) as gap(r, 1) + φ(w), w = ln Γ(1 + r) − d, where
     * gap(r, 1) = ln Γ(r) + γ(r − 1) (ψ(1) = −γ) is {@link SameFamilyKl#logGammaGap} and φ(w) = e^w − 1 − w:
     * two non-negative parts that vanish to second order as q → p, so no cancellation.
     */
    @KlPair
    static double gumbelGumbel(Gumbel p, Gumbel q) {
        double r = p.scale() / q.scale();
        double d = (p.loc() - q.loc()) / q.scale();
        double w = LogGamma.value(1 + r) - d;
        return SameFamilyKl.logGammaGap(r, 1) + StableMath.expm1MinusX(w);
    }

    /**
     * [_kl_pareto_pareto] (Gil 2011) αq ln(x_p/x_q) + (αq/αp − 1 − ln(αq/αp)) for x_p ≥ x_q, else +∞; the
     * second part by {@link StableMath#expm1MinusX}, so equal scales keep full precision as αq → αp.
     */
    @KlPair
    static double paretoPareto(Pareto p, Pareto q) {
        if (p.scale() < q.scale()) {
            return Double.POSITIVE_INFINITY;
        }
        double scalePart = p.scale() == q.scale() ? 0 : q.alpha() * StableMath.logRatio(p.scale(), q.scale());
        return scalePart + StableMath.expm1MinusX(StableMath.logRatio(q.alpha(), p.alpha()));
    }

    /**
     * [_kl_cauchy_cauchy] (Chyzak and Nielsen 2019, arXiv:1905.10965)
     * ln(((γp + γq)² + (μp − μq)²)/(4γpγq)), evaluated as log1p(a² + b²) with a = (γp − γq)/(2√(γpγq)) and
     * b = (μp − μq)/(2√(γpγq)): no cancellation as q → p and no overflow of the squares.
     */
    @KlPair
    static double cauchyCauchy(Cauchy p, Cauchy q) {
        double g = 2 * Math.sqrt(p.scale()) * Math.sqrt(q.scale());
        double a = (p.scale() - q.scale()) / g;
        double b = (p.loc() - q.loc()) / g;
        return Math.log1p(a * a + b * b);
    }

    /** [_kl_halfnormal_halfnormal] the normal KL of the folded normals N(0, σp²), N(0, σq²). */
    @KlPair
    static double halfNormalHalfNormal(HalfNormal p, HalfNormal q) {
        return GaussianKl.normal(0, p.scale(), 0, q.scale());
    }

    // ---- q = Gumbel ------------------------------------------------------------------------------------

    /** ln β + (E_p X − μ)/β + exp(μ/β + ln M_p(−1/β)). */
    private static double crossEntropyGumbel(double meanP, double logMgf, Gumbel q) {
        return Math.log(q.scale()) + (meanP - q.loc()) / q.scale() + Math.exp(q.loc() / q.scale() + logMgf);
    }

    /** [_kl_normal_gumbel] */
    @KlPair
    static double normalGumbel(Normal p, Gumbel q) {
        double s = p.scale() / q.scale();
        double logMgf = -p.loc() / q.scale() + 0.5 * s * s;
        return -p.entropy() + crossEntropyGumbel(p.loc(), logMgf, q);
    }

    /** [_kl_exponential_gumbel] */
    @KlPair
    static double exponentialGumbel(Exponential p, Gumbel q) {
        double logMgf = -Math.log1p(1 / (p.rate() * q.scale()));
        return -p.entropy() + crossEntropyGumbel(1 / p.rate(), logMgf, q);
    }

    /** [_kl_gamma_gumbel] */
    @KlPair
    static double gammaGumbel(Gamma p, Gumbel q) {
        double logMgf = -p.concentration() * Math.log1p(1 / (p.rate() * q.scale()));
        return -p.entropy() + crossEntropyGumbel(p.mean()[0], logMgf, q);
    }

    /** [_kl_uniform_gumbel] */
    @KlPair
    static double uniformGumbel(Uniform p, Gumbel q) {
        double width = p.high() - p.low();
        double b = q.scale();
        double logMgf = -p.low() / b + Math.log(-Math.expm1(-width / b)) + Math.log(b / width);
        return -p.entropy() + crossEntropyGumbel(p.mean()[0], logMgf, q);
    }

    /** [_kl_gumbel_normal] −H(p) plus the normal cross-entropy of p's mean μ + βγ and sd πβ/√6. */
    @KlPair
    static double gumbelNormal(Gumbel p, Normal q) {
        return CrossFamilyKl.toNormal(p, q);
    }

    // ---- q = Pareto ------------------------------------------------------------------------------------

    /** [_kl_uniform_pareto] +∞ unless l ≥ x_m; then −H(p) − ln α − α ln x_m + (α + 1) E_p ln X. */
    @KlPair
    static double uniformPareto(Uniform p, Pareto q) {
        if (p.low() < q.scale()) {
            return Double.POSITIVE_INFINITY;
        }
        double ce = -Math.log(q.alpha()) - q.alpha() * Math.log(q.scale()) + (q.alpha() + 1) * CrossFamilyKl.meanLog(p);
        return -p.entropy() + ce;
    }

    // ---- p = Pareto ------------------------------------------------------------------------------------

    private static double meanLog(Pareto p) {
        return Math.log(p.scale()) + 1 / p.alpha();
    }

    /** [_kl_pareto_exponential] +∞ for α ≤ 1 (infinite mean). */
    @KlPair
    static double paretoExponential(Pareto p, Exponential q) {
        if (p.alpha() <= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return -p.entropy() + CrossFamilyKl.crossEntropyExponential(p.mean()[0], q);
    }

    /** [_kl_pareto_gamma] +∞ for α ≤ 1 (infinite mean). */
    @KlPair
    static double paretoGamma(Pareto p, Gamma q) {
        if (p.alpha() <= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return -p.entropy() + CrossFamilyKl.crossEntropyGamma(p.mean()[0], meanLog(p), q);
    }

    /** [_kl_pareto_normal] +∞ for α ≤ 2 (infinite variance). */
    @KlPair
    static double paretoNormal(Pareto p, Normal q) {
        if (p.alpha() <= 2) {
            return Double.POSITIVE_INFINITY;
        }
        return CrossFamilyKl.toNormal(p, q);
    }

    // ---- half-normal and log-normal (kl4j additions) -----------------------------------------------

    private static double halfNormalMeanLog(HalfNormal p) {
        return Math.log(p.scale()) - 0.5 * (EULER_GAMMA + Math.log(2));
    }

    /**
     * −E ln q for q = HalfNormal(σ) and p on [0, ∞) with root mean square √(E_p X²) = {@code rms}, in units
     * of σ so that no square of a scale overflows.
     */
    private static double crossEntropyHalfNormal(double rms, HalfNormal q) {
        double s = q.scale();
        double z = rms / s;
        return -Math.log(2) + Math.log(s) + HALF_LOG_TWO_PI + 0.5 * z * z;
    }

    /** HalfNormal(σ) ‖ Exponential(λ): −H(p) − ln λ + λ σ√(2/π). */
    @KlPair
    static double halfNormalExponential(HalfNormal p, Exponential q) {
        return -p.entropy() + CrossFamilyKl.crossEntropyExponential(p.mean()[0], q);
    }

    /** HalfNormal(σ) ‖ Gamma(α, β), with E ln X = ln σ − (γ + ln 2)/2. */
    @KlPair
    static double halfNormalGamma(HalfNormal p, Gamma q) {
        return -p.entropy() + CrossFamilyKl.crossEntropyGamma(p.mean()[0], halfNormalMeanLog(p), q);
    }

    /** HalfNormal ‖ Normal: −H(p) plus the normal cross-entropy of p's mean and standard deviation. */
    @KlPair
    static double halfNormalNormal(HalfNormal p, Normal q) {
        return CrossFamilyKl.toNormal(p, q);
    }

    /** Exponential(λ) ‖ HalfNormal(σ), with E X² = 2/λ². */
    @KlPair
    static double exponentialHalfNormal(Exponential p, HalfNormal q) {
        return -p.entropy() + crossEntropyHalfNormal(Math.sqrt(2) / p.rate(), q);
    }

    /** Gamma(α, β) ‖ HalfNormal(σ), with E X² = α(α + 1)/β². */
    @KlPair
    static double gammaHalfNormal(Gamma p, HalfNormal q) {
        return -p.entropy() + crossEntropyHalfNormal(p.mean()[0] * Math.sqrt(1 + 1 / p.concentration()), q);
    }

    /** −E ln q for q = LogNormal(μ, σ) from E_p ln X and Var_p ln X. */
    private static double crossEntropyLogNormal(double meanLog, double varianceLog, LogNormal q) {
        double s = q.scale();
        double z = (meanLog - q.loc()) / s;
        return meanLog + Math.log(s) + HALF_LOG_TWO_PI + 0.5 * (varianceLog / s / s + z * z);
    }

    /** LogNormal ‖ Normal: −H(p) plus the normal cross-entropy of p's mean and standard deviation. */
    @KlPair
    static double logNormalNormal(LogNormal p, Normal q) {
        return CrossFamilyKl.toNormal(p, q);
    }

    /** LogNormal(μ, σ) ‖ Exponential(λ): −H(p) − ln λ + λ e^(μ + σ²/2). */
    @KlPair
    static double logNormalExponential(LogNormal p, Exponential q) {
        return -p.entropy() + CrossFamilyKl.crossEntropyExponential(p.mean()[0], q);
    }

    /** LogNormal(μ, σ) ‖ Gamma(α, β), with E ln X = μ. */
    @KlPair
    static double logNormalGamma(LogNormal p, Gamma q) {
        return -p.entropy() + CrossFamilyKl.crossEntropyGamma(p.mean()[0], p.loc(), q);
    }

    /** Exponential(λ) ‖ LogNormal, with ln X: mean −γ − ln λ, variance π²/6. */
    @KlPair
    static double exponentialLogNormal(Exponential p, LogNormal q) {
        return -p.entropy() + crossEntropyLogNormal(CrossFamilyKl.meanLog(p), Math.PI * Math.PI / 6, q);
    }

    /** Gamma(α, β) ‖ LogNormal, with ln X: mean ψ(α) − ln β, variance ψ'(α). */
    @KlPair
    static double gammaLogNormal(Gamma p, LogNormal q) {
        return -p.entropy() + crossEntropyLogNormal(Digamma.value(p.concentration()) - Math.log(p.rate()),
                Trigamma.value(p.concentration()), q);
    }

    // ---- inverse gamma (kl4j additions; TFP-style cross pairs with the gamma) -------------------------

    /**
     * Gamma(α, β) ‖ InverseGamma(a, b): −H(p) − a ln b + ln Γ(a) + (a + 1) E_p ln X + b E_p[1/X], with
     * E ln X = ψ(α) − ln β and E[1/X] = β/(α − 1) (+∞ for α ≤ 1, then so is the KL).
     */
    @KlPair
    static double gammaInverseGamma(Gamma p, InverseGamma q) {
        double alpha = p.concentration();
        if (alpha <= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double a = q.concentration();
        double b = q.rate();
        double ce = -a * Math.log(b) + LogGamma.value(a) + (a + 1) * p.meanLog() + b * p.rate() / (alpha - 1);
        return -p.entropy() + ce;
    }

    /**
     * InverseGamma(a, b) ‖ Gamma(α, β): −H(p) + the gamma cross-entropy with E_p X = b/(a − 1) (+∞ for
     * a ≤ 1) and E_p ln X = ln b − ψ(a).
     */
    @KlPair
    static double inverseGammaGamma(InverseGamma p, Gamma q) {
        if (p.concentration() <= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return -p.entropy() + CrossFamilyKl.crossEntropyGamma(p.mean()[0], p.meanLog(), q);
    }

    // ---- von Mises (TFP's von_mises_von_mises) --------------------------------------------------------

    /**
     * KL(VM(μp, κp) ‖ VM(μq, κq)) = ln I₀(κq) − ln I₀(κp) + A(κp)(κp − κq cos(μp − μq)), A = I₁/I₀ (as in
     * TensorFlow Probability's {@code _kl_von_mises_von_mises}), regrouped (derived here) as
     * [ln I₀(κq) − ln I₀(κp) − A(κp)(κq − κp)] + 2 A(κp) κq sin²((μp − μq)/2): the bracket is the gap of
     * the convex ln I₀ to its tangent, evaluated for |κq − κp| ≤ κp/4 as Taylor's remainder
     * Δ² ∫₀¹ (1 − s) A'(κp + sΔ) ds with A' = 1 − A/κ − A² ({@link TaylorRemainder}), so both parts are
     * non-negative and keep their digits as q → p.
     */
    @KlPair
    static double vonMisesVonMises(VonMises p, VonMises q) {
        double kp = p.concentration();
        double kq = q.concentration();
        double a = VonMises.besselRatio(kp);
        double delta = kq - kp;
        double gap;
        if (Math.abs(delta) > 0.25 * kp) {
            gap = VonMises.logBesselI0(kq) - VonMises.logBesselI0(kp) - a * delta;
        } else {
            gap = TaylorRemainder.of(k -> {
                double ak = VonMises.besselRatio(k);
                return 1 - ak / k - ak * ak;
            }, kp, delta);
        }
        double half = Math.sin(0.5 * (p.loc() - q.loc()));
        return gap + 2 * a * kq * half * half;
    }

    // ---- Weibull against exponential and gamma (kl4j additions) -------------------------------------

    /** −E ln q for q = Weibull(λ, k): −ln(k/λ) − (k − 1)(E_p ln X − ln λ) + E_p (X/λ)^k, the last given in logs. */
    private static double crossEntropyWeibull(double meanLog, double logMeanPower, Weibull q) {
        double k = q.concentration();
        double logScale = Math.log(q.scale());
        double logTerm = k == 1 ? 0 : (k - 1) * (meanLog - logScale);
        return -Math.log(k) + logScale - logTerm + Math.exp(logMeanPower);
    }

    /** Exponential(r) ‖ Weibull(λ, k), with E ln X = −γ − ln r and E (X/λ)^k = Γ(k + 1)/(rλ)^k. */
    @KlPair
    static double exponentialWeibull(Exponential p, Weibull q) {
        double k = q.concentration();
        double logMeanPower = LogGamma.value(k + 1) - k * Math.log(p.rate() * q.scale());
        return -p.entropy() + crossEntropyWeibull(CrossFamilyKl.meanLog(p), logMeanPower, q);
    }

    /** Gamma(α, β) ‖ Weibull(λ, k), with E ln X = ψ(α) − ln β and E (X/λ)^k = Γ(α + k)/(Γ(α)(βλ)^k). */
    @KlPair
    static double gammaWeibull(Gamma p, Weibull q) {
        double k = q.concentration();
        double a = p.concentration();
        double logMeanPower = LogGamma.value(a + k) - LogGamma.value(a) - k * Math.log(p.rate() * q.scale());
        return -p.entropy() + crossEntropyWeibull(p.meanLog(), logMeanPower, q);
    }

    /** Weibull(λ, k) ‖ Exponential(r): −H(p) − ln r + r λ Γ(1 + 1/k). */
    @KlPair
    static double weibullExponential(Weibull p, Exponential q) {
        return -p.entropy() + CrossFamilyKl.crossEntropyExponential(p.mean()[0], q);
    }

    /** Weibull(λ, k) ‖ Gamma(α, β), with E X = λ Γ(1 + 1/k) and E ln X = ln λ − γ/k. */
    @KlPair
    static double weibullGamma(Weibull p, Gamma q) {
        double meanLog = Math.log(p.scale()) - EULER_GAMMA / p.concentration();
        return -p.entropy() + CrossFamilyKl.crossEntropyGamma(p.mean()[0], meanLog, q);
    }

    /** Weibull ‖ Normal: −H(p) plus the normal cross-entropy of p's mean and standard deviation. */
    @KlPair
    static double weibullNormal(Weibull p, Normal q) {
        return CrossFamilyKl.toNormal(p, q);
    }

    // ---- Cauchy against families with lighter tails (kl4j additions) ---------------------------------

    /**
     * +∞ by moments: −E_p ln q needs E X² (Normal q), E|X − m| (Laplace q) or E e^(−X/β) (Gumbel q), all
     * infinite for a Cauchy p, whose density decays only like 1/x².
     */
    @KlPair(p = Cauchy.class, q = Normal.class)
    @KlPair(p = Cauchy.class, q = Laplace.class)
    @KlPair(p = Cauchy.class, q = Gumbel.class)
    static double cauchyLightTailed(Distribution p, Distribution q) {
        return Double.POSITIVE_INFINITY;
    }

    // ---- +∞ by support ---------------------------------------------------------------------------------

    /**
     * [_kl_gumbel_infinity, _kl_normal_infinity, _kl_laplace_infinity, _kl_exponential_infinity,
     * _kl_gamma_infinity, _kl_beta_infinity, _kl_pareto_infinity] p has mass where q's density is zero.
     * With a half-normal, log-normal, Weibull or inverse-gamma q (kl4j's additions) the same holds for any p
     * with mass on x &lt; 0.
     */
    @KlPair(p = Gumbel.class, q = Beta.class)
    @KlPair(p = Gumbel.class, q = Exponential.class)
    @KlPair(p = Gumbel.class, q = Gamma.class)
    @KlPair(p = Gumbel.class, q = Pareto.class)
    @KlPair(p = Gumbel.class, q = Uniform.class)
    @KlPair(p = Normal.class, q = Pareto.class)
    @KlPair(p = Laplace.class, q = Pareto.class)
    @KlPair(p = Exponential.class, q = Pareto.class)
    @KlPair(p = Gamma.class, q = Pareto.class)
    @KlPair(p = Beta.class, q = Pareto.class)
    @KlPair(p = Pareto.class, q = Beta.class)
    @KlPair(p = Pareto.class, q = Uniform.class)
    @KlPair(p = Normal.class, q = HalfNormal.class)
    @KlPair(p = Laplace.class, q = HalfNormal.class)
    @KlPair(p = Gumbel.class, q = HalfNormal.class)
    @KlPair(p = Normal.class, q = LogNormal.class)
    @KlPair(p = Laplace.class, q = LogNormal.class)
    @KlPair(p = Gumbel.class, q = LogNormal.class)
    @KlPair(p = Cauchy.class, q = Exponential.class)
    @KlPair(p = Cauchy.class, q = Gamma.class)
    @KlPair(p = Cauchy.class, q = Beta.class)
    @KlPair(p = Cauchy.class, q = Uniform.class)
    @KlPair(p = Cauchy.class, q = Pareto.class)
    @KlPair(p = Cauchy.class, q = HalfNormal.class)
    @KlPair(p = Normal.class, q = Weibull.class)
    @KlPair(p = Laplace.class, q = Weibull.class)
    @KlPair(p = Gumbel.class, q = Weibull.class)
    @KlPair(p = Cauchy.class, q = Weibull.class)
    @KlPair(p = Normal.class, q = InverseGamma.class)
    @KlPair(p = Laplace.class, q = InverseGamma.class)
    @KlPair(p = Gumbel.class, q = InverseGamma.class)
    @KlPair(p = Cauchy.class, q = InverseGamma.class)
    static double infinite(Distribution p, Distribution q) {
        return Double.POSITIVE_INFINITY;
    }
}
