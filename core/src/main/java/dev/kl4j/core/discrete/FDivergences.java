package dev.kl4j.core.discrete;

import dev.kl4j.core.InvalidArgumentException;

/**
 * The numerics of the f-divergences without a logarithm, and of the general one (Csiszár 1967; Ali &amp;
 * Silvey 1966; zero conventions of Liese &amp; Vajda 2006, "On divergences and informations in statistics
 * and information theory"):
 * <pre>
 *   D_f(P‖Q) = Σ_i q_i f(p_i/q_i),   f convex, f(1) = 0
 *   total variation   TV(P, Q) = ½ Σ_i |p_i − q_i|                  f(t) = ½|t − 1|
 *   Pearson χ²        χ²(P‖Q) = Σ_i (p_i − q_i)² / q_i              f(t) = (t − 1)²
 * </pre>
 * TV and χ² are summed in the form above, which has no cancellation (every term ≥ 0, computed from the
 * difference p − q, which is exact when p ≈ q). The general {@link #fDivergence} evaluates the generator
 * as written, with p = q = 0 adding 0, p = 0 &lt; q adding q f(0), and p &gt; 0 = q adding p · f'(∞)
 * ({@link FGenerator#slopeAtInfinity}). SciPy: {@code 0.5 * cityblock(p, q)}; {@code chisquare(p, q)}.
 */
final class FDivergences {
    private FDivergences() {
    }

    /** TV of prepared vectors, in [0, 1]. */
    static double tv(double[] p, double[] q) {
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.abs(p[i] - q[i]);
        }
        return 0.5 * sum;
    }

    /** Pearson χ² of prepared vectors; +∞ at the first p &gt; 0 = q. */
    static double chi2(double[] p, double[] q) {
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            double qi = q[i];
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

    /** @throws InvalidArgumentException naming {@code "f"} when it is null */
    static void requireGenerator(FGenerator f) {
        if (f == null) {
            throw new InvalidArgumentException("f", "f is null; pass a generator such as FGenerator.KL");
        }
    }

    /**
     * D_f of prepared vectors. Where p/q overflows (q subnormal) the term is taken as its limit p · f'(∞),
     * exact to rounding for a finite slope (+∞ for an infinite one).
     */
    static double fDivergence(double[] p, double[] q, FGenerator f) {
        double slope = f.slopeAtInfinity();
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            double qi = q[i];
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
}
