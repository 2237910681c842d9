package dev.kl4j.core.kl;

import dev.kl4j.core.distribution.Beta;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Gumbel;
import dev.kl4j.core.distribution.HalfNormal;
import dev.kl4j.core.distribution.Laplace;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Pareto;
import dev.kl4j.core.distribution.Uniform;
import dev.kl4j.core.distribution.Weibull;
import java.lang.invoke.MethodHandles;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.apache.commons.numbers.gamma.RegularizedGamma;

/**
 * Closed forms for KL(p ‖ q) across families, all written as cross-entropy minus entropy,
 * <pre>
 *   KL(p ‖ q) = −H(p) − E_p[ln q(X)],
 * </pre>
 * with E_p[ln q(X)] expanded through moments of p that have closed forms:
 * <pre>
 *   q = Normal(μ, σ):          −E ln q = ½ ln(2π) + ln σ + ½ [(sd_p/σ)² + ((E_p X − μ)/σ)²]  (no σ², Var_p formed)
 *   q = Exponential(λ):        −E ln q = −ln λ + λ E_p X                           (p on [0, ∞))
 *   q = Gamma(α, β):           −E ln q = ln Γ(α) − α ln β − (α − 1) E_p ln X + β E_p X  (p on [0, ∞))
 *   q = Beta(α, β):            −E ln q = ln B(α, β) − (α − 1) E_p ln X − (β − 1) E_p ln(1 − X)  (p on [0, 1])
 *   q = Laplace(m, b):         −E ln q = ln(2b) + E_p|X − m| / b
 *   q = Uniform(l, h):         −E ln q = ln(h − l)                                 (p on [l, h])
 * </pre>
 * and +∞ when p puts mass where q has none. These agree with PyTorch's {@code _kl_exponential_gamma},
 * {@code _kl_gamma_exponential}, {@code _kl_exponential_normal}, {@code _kl_gamma_normal},
 * {@code _kl_beta_normal}, {@code _kl_uniform_normal}, {@code _kl_laplace_normal},
 * {@code _kl_uniform_gamma}, {@code _kl_uniform_exponetial}, {@code _kl_uniform_beta},
 * {@code _kl_beta_exponential}, {@code _kl_beta_gamma} and {@code _kl_beta_uniform}. The pairs with a
 * Laplace q and p ∈ {Normal, Uniform, Exponential, Gamma, Beta} use E_p|X − m|, derived here:
 * <pre>
 *   Normal(μ, σ):   E|X − m| = σ √(2/π) exp(−d²/(2σ²)) + d erf(d/(σ√2)),  d = μ − m   (folded normal mean)
 *   Uniform(l, h):  ((h − m)² + (m − l)²) / (2(h − l)) for l ≤ m ≤ h, else |(l + h)/2 − m|
 *   X ≥ 0 or X ∈ [0,1]: E|X − m| = E X − m + 2 (m F(m) − E[X; X &lt; m]) with
 *                   Gamma(α, β): F(m) = P(α, βm), E[X; X &lt; m] = (α/β) P(α + 1, βm)  (regularized gamma)
 *                   Beta(a, b):  F(m) = I_m(a, b), E[X; X &lt; m] = a/(a+b) I_m(a + 1, b)  (regularized beta)
 * </pre>
 * (PyTorch's older {@code _kl_normal_laplace} is only right for μ = m; kl4j's holds for all μ.)
 */
final class CrossFamilyKl {
    private static final double EULER_GAMMA = 0.57721566490153286061;
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private CrossFamilyKl() {
    }

    static MethodHandles.Lookup lookup() {
        return MethodHandles.lookup();
    }

    // ---- cross-entropies −E_p[ln q(X)] -------------------------------------------------------------

    /**
     * ½ ln(2π) + ln σ + ½ [(sd_p/σ)² + ((E_p X − μ)/σ)²]: the Normal cross-entropy written with scale
     * ratios, so that neither σ² nor Var_p is formed (both overflow or underflow beyond scale 1e±154,
     * which made every pair with a Normal q NaN or wrong there although KL is scale invariant).
     */
    static double crossEntropyNormal(double mean, double standardDeviation, Normal q) {
        double sigma = q.scale();
        double spread = standardDeviation / sigma;
        double z = (mean - q.loc()) / sigma;
        return 0.5 * LOG_TWO_PI + Math.log(sigma) + 0.5 * (spread * spread + z * z);
    }

    /**
     * The standard deviation of p from its parameters where Var_p itself would overflow or underflow
     * (Exponential 1/λ, Gamma √α/β, Uniform (h − l)/√12, Laplace √2 b, Gumbel πβ/√6, HalfNormal σ√(1 − 2/π),
     * Pareto x_m/(α − 1) √(α/(α − 2)), Weibull λ √(Γ(1 + 2/k) − Γ(1 + 1/k)²)), else √Var_p.
     */
    static double standardDeviation(Distribution p) {
        if (p instanceof Exponential e) {
            return 1 / e.rate();
        }
        if (p instanceof Gamma g) {
            return Math.sqrt(g.concentration()) / g.rate();
        }
        if (p instanceof Uniform u) {
            return (u.high() / Math.sqrt(12)) - (u.low() / Math.sqrt(12));
        }
        if (p instanceof Laplace l) {
            return Math.sqrt(2) * l.scale();
        }
        if (p instanceof Normal n) {
            return n.scale();
        }
        if (p instanceof Gumbel g) {
            return g.scale() * (Math.PI / Math.sqrt(6));
        }
        if (p instanceof HalfNormal h) {
            return h.scale() * Math.sqrt(1 - 2 / Math.PI);
        }
        if (p instanceof Weibull w) {
            double g1 = Math.exp(LogGamma.value(1 + 1 / w.concentration()));
            double g2 = Math.exp(LogGamma.value(1 + 2 / w.concentration()));
            return w.scale() * Math.sqrt(g2 - g1 * g1);
        }
        if (p instanceof Pareto pa && pa.alpha() > 2) {
            return pa.scale() / (pa.alpha() - 1) * Math.sqrt(pa.alpha() / (pa.alpha() - 2));
        }
        return Math.sqrt(p.variance()[0]);
    }

    static double crossEntropyExponential(double mean, Exponential q) {
        return -Math.log(q.rate()) + q.rate() * mean;
    }

    static double crossEntropyGamma(double mean, double meanLog, Gamma q) {
        double a = q.concentration();
        double b = q.rate();
        double logTerm = a == 1 ? 0 : (a - 1) * meanLog;
        return LogGamma.value(a) - a * Math.log(b) - logTerm + b * mean;
    }

    static double crossEntropyBeta(double meanLog, double meanLog1m, Beta q) {
        double a = q.concentration1();
        double b = q.concentration0();
        double t1 = a == 1 ? 0 : (a - 1) * meanLog;
        double t2 = b == 1 ? 0 : (b - 1) * meanLog1m;
        return LogBeta.value(a, b) - t1 - t2;
    }

    static double crossEntropyLaplace(double meanAbsDeviation, Laplace q) {
        return Math.log(2 * q.scale()) + meanAbsDeviation / q.scale();
    }

    // ---- moments of p ---------------------------------------------------------------------------------

    /** E[ln X] for X ~ Exponential(λ): −γ − ln λ. */
    static double meanLog(Exponential p) {
        return -EULER_GAMMA - Math.log(p.rate());
    }

    /** E[ln X] for X ~ Uniform(l, h), 0 ≤ l: (h ln h − l ln l)/(h − l) − 1. */
    static double meanLog(Uniform p) {
        return (xLogX(p.high()) - xLogX(p.low())) / (p.high() - p.low()) - 1;
    }

    /** E[ln(1 − X)] for X ~ Uniform(l, h), h ≤ 1: ((1 − l) ln(1 − l) − (1 − h) ln(1 − h))/(h − l) − 1. */
    static double meanLog1m(Uniform p) {
        return (xLogX(1 - p.low()) - xLogX(1 - p.high())) / (p.high() - p.low()) - 1;
    }

    private static double xLogX(double x) {
        return x == 0 ? 0 : x * Math.log(x);
    }

    /** In units of σ (z = d/σ), so that no square of a scale under- or overflows. */
    static double meanAbsDeviation(Normal p, double m) {
        double s = p.scale();
        double d = p.loc() - m;
        double z = d / s;
        return s * Math.sqrt(2 / Math.PI) * Math.exp(-0.5 * z * z) + d * Erf.value(z / Math.sqrt(2));
    }

    /** ((h − m)² + (m − l)²) / (2(h − l)), written as a weighted mean of the two distances (no squares). */
    static double meanAbsDeviation(Uniform p, double m) {
        double l = p.low();
        double h = p.high();
        if (m <= l || m >= h) {
            return Math.abs(0.5 * (l + h) - m);
        }
        double above = h - m;
        double below = m - l;
        double width = h - l;
        return 0.5 * (above * (above / width) + below * (below / width));
    }

    static double meanAbsDeviation(Gamma p, double m) {
        double mean = p.concentration() / p.rate();
        if (m <= 0) {
            return mean - m;
        }
        double x = p.rate() * m;
        double below = m * RegularizedGamma.P.value(p.concentration(), x)
                - mean * RegularizedGamma.P.value(p.concentration() + 1, x);
        return mean - m + 2 * below;
    }

    static double meanAbsDeviation(Beta p, double m) {
        double a = p.concentration1();
        double b = p.concentration0();
        double mean = a / (a + b);
        if (m <= 0) {
            return mean - m;
        }
        if (m >= 1) {
            return m - mean;
        }
        double below = m * RegularizedBeta.value(m, a, b) - mean * RegularizedBeta.value(m, a + 1, b);
        return mean - m + 2 * below;
    }

    // ---- the registered pairs -------------------------------------------------------------------------

    @KlPair
    static double exponentialGamma(Exponential p, Gamma q) {
        return -p.entropy() + crossEntropyGamma(1 / p.rate(), meanLog(p), q);
    }

    @KlPair
    static double gammaExponential(Gamma p, Exponential q) {
        return -p.entropy() + crossEntropyExponential(p.mean()[0], q);
    }

    @KlPair
    static double exponentialLaplace(Exponential p, Laplace q) {
        return -p.entropy() + crossEntropyLaplace(meanAbsDeviation(new Gamma(1, p.rate()), q.loc()), q);
    }

    @KlPair
    static double gammaLaplace(Gamma p, Laplace q) {
        return -p.entropy() + crossEntropyLaplace(meanAbsDeviation(p, q.loc()), q);
    }

    @KlPair
    static double betaLaplace(Beta p, Laplace q) {
        return -p.entropy() + crossEntropyLaplace(meanAbsDeviation(p, q.loc()), q);
    }

    @KlPair
    static double normalLaplace(Normal p, Laplace q) {
        return -p.entropy() + crossEntropyLaplace(meanAbsDeviation(p, q.loc()), q);
    }

    @KlPair
    static double uniformLaplace(Uniform p, Laplace q) {
        return -p.entropy() + crossEntropyLaplace(meanAbsDeviation(p, q.loc()), q);
    }

    @KlPair
    static double uniformGamma(Uniform p, Gamma q) {
        if (p.low() < 0) {
            return Double.POSITIVE_INFINITY;
        }
        return -p.entropy() + crossEntropyGamma(p.mean()[0], meanLog(p), q);
    }

    @KlPair
    static double uniformExponential(Uniform p, Exponential q) {
        if (p.low() < 0) {
            return Double.POSITIVE_INFINITY;
        }
        return -p.entropy() + crossEntropyExponential(p.mean()[0], q);
    }

    @KlPair
    static double uniformBeta(Uniform p, Beta q) {
        if (p.low() < 0 || p.high() > 1) {
            return Double.POSITIVE_INFINITY;
        }
        return -p.entropy() + crossEntropyBeta(meanLog(p), meanLog1m(p), q);
    }

    @KlPair
    static double betaExponential(Beta p, Exponential q) {
        return -p.entropy() + crossEntropyExponential(p.mean()[0], q);
    }

    @KlPair
    static double betaGamma(Beta p, Gamma q) {
        return -p.entropy() + crossEntropyGamma(p.mean()[0], p.meanLog(), q);
    }

    /** +∞ unless [0, 1] ⊆ [l, h]; then ln(h − l) − H(p). */
    @KlPair
    static double betaUniform(Beta p, Uniform q) {
        if (q.low() > 0 || q.high() < 1) {
            return Double.POSITIVE_INFINITY;
        }
        return -p.entropy() + Math.log(q.high() - q.low());
    }

    /** Any univariate p with finite mean and variance against a Normal q. */
    @KlPair(p = Exponential.class, q = Normal.class)
    @KlPair(p = Gamma.class, q = Normal.class)
    @KlPair(p = Beta.class, q = Normal.class)
    @KlPair(p = Uniform.class, q = Normal.class)
    @KlPair(p = Laplace.class, q = Normal.class)
    static double toNormal(Distribution p, Normal q) {
        return -p.entropy() + crossEntropyNormal(p.mean()[0], standardDeviation(p), q);
    }

    /** Any pair where p has mass outside q's support. */
    @KlPair(p = Normal.class, q = Exponential.class)
    @KlPair(p = Normal.class, q = Gamma.class)
    @KlPair(p = Normal.class, q = Beta.class)
    @KlPair(p = Normal.class, q = Uniform.class)
    @KlPair(p = Laplace.class, q = Exponential.class)
    @KlPair(p = Laplace.class, q = Gamma.class)
    @KlPair(p = Laplace.class, q = Beta.class)
    @KlPair(p = Laplace.class, q = Uniform.class)
    @KlPair(p = Exponential.class, q = Uniform.class)
    @KlPair(p = Exponential.class, q = Beta.class)
    @KlPair(p = Gamma.class, q = Uniform.class)
    @KlPair(p = Gamma.class, q = Beta.class)
    static double infinite(Distribution p, Distribution q) {
        return Double.POSITIVE_INFINITY;
    }
}
