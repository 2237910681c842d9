package dev.kl4j.core;

import dev.kl4j.core.distribution.Beta;
import dev.kl4j.core.distribution.Cauchy;
import dev.kl4j.core.distribution.ContinuousBernoulli;
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
import java.util.Optional;

/**
 * Supports and kinks of the univariate continuous families, written from their definitions, for
 * {@link Quadrature} in tests.
 */
public final class Supports {
    private Supports() {
    }

    /**
     * @param lo    lower end (may be −∞)
     * @param hi    upper end (may be +∞)
     * @param kinks points inside where the density is not smooth
     */
    public record Interval(double lo, double hi, double[] kinks) {
    }

    /** @return the support of a univariate continuous family, or empty for the others */
    public static Optional<Interval> of(Distribution d) {
        double inf = Double.POSITIVE_INFINITY;
        if (d instanceof Normal || d instanceof Gumbel || d instanceof Cauchy) {
            return Optional.of(new Interval(-inf, inf, new double[0]));
        }
        if (d instanceof Laplace l) {
            return Optional.of(new Interval(-inf, inf, new double[] {l.loc()}));
        }
        if (d instanceof Exponential || d instanceof Gamma || d instanceof HalfNormal || d instanceof LogNormal
                || d instanceof Weibull || d instanceof InverseGamma) {
            return Optional.of(new Interval(0, inf, new double[0]));
        }
        if (d instanceof Pareto p) {
            return Optional.of(new Interval(p.scale(), inf, new double[0]));
        }
        if (d instanceof Beta || d instanceof ContinuousBernoulli) {
            return Optional.of(new Interval(0, 1, new double[0]));
        }
        if (d instanceof VonMises) {
            return Optional.of(new Interval(-Math.PI, Math.PI, new double[0]));
        }
        if (d instanceof Uniform u) {
            return Optional.of(new Interval(u.low(), u.high(), new double[0]));
        }
        return Optional.empty();
    }

    /** ∫ f p over p's support, splitting at p's and q's kinks; f = 0 wherever p(x) = 0. */
    public static double expectation(Distribution p, Distribution q, java.util.function.DoubleUnaryOperator f) {
        Interval s = of(p).orElseThrow();
        double[] splits = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(s.kinks()),
                of(q).map(i -> java.util.stream.DoubleStream.concat(java.util.Arrays.stream(i.kinks()),
                        java.util.stream.DoubleStream.of(i.lo(), i.hi())).toArray()).map(java.util.Arrays::stream)
                        .orElse(java.util.stream.DoubleStream.empty())).toArray();
        return Quadrature.integrate(x -> {
            double lp = p.logProb(new double[] {x});
            double density = Math.exp(lp);
            return density == 0 ? 0 : density * f.applyAsDouble(x); // underflowed tails weigh nothing
        }, s.lo(), s.hi(), splits);
    }
}
