package dev.kl4j.ppo.algo;

import dev.kl4j.core.InvalidArgumentException;
import java.util.function.UnaryOperator;

/**
 * The conjugate gradient method for A x = b with A symmetric positive-definite, given only the product
 * v ↦ A v (Hestenes &amp; Stiefel 1952; Nocedal &amp; Wright, "Numerical Optimization", Algorithm 5.2).
 * TRPO uses it to compute the natural-gradient direction F⁻¹g from Fisher-vector products without
 * forming F (Schulman et al. 2015, Appendix C).
 * <pre>
 *   x₀ = 0, r₀ = b, p₀ = b
 *   αₖ = rₖᵀrₖ / pₖᵀA pₖ,  xₖ₊₁ = xₖ + αₖ pₖ,  rₖ₊₁ = rₖ − αₖ A pₖ
 *   βₖ = rₖ₊₁ᵀrₖ₊₁ / rₖᵀrₖ,  pₖ₊₁ = rₖ₊₁ + βₖ pₖ
 * </pre>
 * stopping after {@code maxIterations} products or once rᵀr &lt; {@code residualTolerance}. Defaults as in
 * OpenAI Baselines' and Spinning Up's TRPO: 10 iterations, tolerance 1e-10 on rᵀr. In exact arithmetic
 * CG solves an n-dimensional system in n iterations; TRPO stops far earlier on purpose (a truncated,
 * regularised solve).
 */
public final class ConjugateGradient {
    /** Iterations by default (Spinning Up's {@code cg_iters}). */
    public static final int DEFAULT_MAX_ITERATIONS = 10;
    /** Tolerance on the squared residual rᵀr by default (Baselines' {@code residual_tol}). */
    public static final double DEFAULT_RESIDUAL_TOLERANCE = 1e-10;

    private ConjugateGradient() {
    }

    /**
     * What conjugate gradient returns: the approximate solution of A x = b and how far it got.
     *
     * @param x            the approximate solution
     * @param iterations   matrix-vector products used
     * @param residualNorm ‖b − A x‖₂ as tracked by the recurrence
     */
    public record Result(double[] x, int iterations, double residualNorm) {
    }

    /**
     * Solves with the defaults (10 iterations, rᵀr &lt; 1e-10).
     *
     * @param a the product v ↦ A v, A symmetric positive-definite
     * @param b the right-hand side
     * @return the solution and the work done
     */
    public static Result solve(UnaryOperator<double[]> a, double[] b) {
        return solve(a, b, DEFAULT_MAX_ITERATIONS, DEFAULT_RESIDUAL_TOLERANCE);
    }

    /**
     * {@return the solution and the work done, by the recurrence of the class comment (Nocedal &amp; Wright,
     * Algorithm 5.2) from x₀ = 0}
     *
     * @param a                 the product v ↦ A v, A symmetric positive-definite
     * @param b                 the right-hand side, finite
     * @param maxIterations     at most this many products, ≥ 1
     * @param residualTolerance stop once rᵀr falls below it, ≥ 0
     */
    public static Result solve(UnaryOperator<double[]> a, double[] b, int maxIterations, double residualTolerance) {
        if (maxIterations < 1) {
            throw new InvalidArgumentException("maxIterations", "maxIterations must be at least 1, got " + maxIterations);
        }
        if (!(residualTolerance >= 0)) {
            throw new InvalidArgumentException("residualTolerance", "residualTolerance must be non-negative, got " + residualTolerance);
        }
        for (int i = 0; i < b.length; i++) {
            if (!Double.isFinite(b[i])) {
                throw new InvalidArgumentException("b", "b[" + i + "] = " + b[i] + " is not finite");
            }
        }
        int n = b.length;
        double[] x = new double[n];
        double[] r = b.clone();
        double[] p = b.clone();
        double rr = dot(r, r);
        int iterations = 0;
        while (iterations < maxIterations && rr >= residualTolerance) {
            double[] ap = a.apply(p);
            iterations++;
            double curvature = dot(p, ap);
            if (!(curvature > 0)) {
                throw new InvalidArgumentException("a", "the operator is not positive-definite: pᵀAp = " + curvature);
            }
            double alpha = rr / curvature;
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            double rrNew = dot(r, r);
            double beta = rrNew / rr;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * p[i];
            }
            rr = rrNew;
        }
        return new Result(x, iterations, Math.sqrt(rr));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
