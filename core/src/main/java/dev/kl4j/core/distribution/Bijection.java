package dev.kl4j.core.distribution;

/**
 * A smooth bijection y = f(x) of the real line (or part of it) onto its image, used by
 * {@link Transformed} distributions. Two transformed distributions with the same bijection (by
 * {@code equals}) have KL(f#p ‖ f#q) = KL(p ‖ q): the Jacobian terms cancel in ln p/q (change of
 * variables; PyTorch's {@code _kl_transformed_transformed}).
 */
public interface Bijection {
    /** {@return a short name, e.g. {@code "exp"}} */
    String name();

    /**
     * {@return f(x)}
     *
     * @param x a point of the base distribution's support
     */
    double forward(double x);

    /**
     * {@return f⁻¹(y)}
     *
     * @param y a point of the image
     */
    double inverse(double y);

    /**
     * {@return ln |f'(x)|}
     *
     * @param x a point of the base distribution's support
     */
    double logAbsDetJacobian(double x);

    /**
     * A bijection given by its functions; equal only to itself (the constants below are singletons).
     *
     * @param name              short name
     * @param forwardMap        f
     * @param inverseMap        f⁻¹
     * @param logAbsDerivative  x ↦ ln |f'(x)|
     */
    record Elementary(String name, java.util.function.DoubleUnaryOperator forwardMap,
            java.util.function.DoubleUnaryOperator inverseMap, java.util.function.DoubleUnaryOperator logAbsDerivative)
            implements Bijection {
        @Override
        public double forward(double x) {
            return forwardMap.applyAsDouble(x);
        }

        @Override
        public double inverse(double y) {
            return inverseMap.applyAsDouble(y);
        }

        @Override
        public double logAbsDetJacobian(double x) {
            return logAbsDerivative.applyAsDouble(x);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** y = eˣ: maps the reals onto (0, ∞); ln |f'(x)| = x (log-normal = exp(Normal)). */
    Bijection EXP = new Elementary("exp", Math::exp, Math::log, x -> x);

    /** y = e^(−x): maps the reals onto (0, ∞), decreasing; ln |f'(x)| = −x (Weibull = e^(−Gumbel)). */
    Bijection EXP_NEG = new Elementary("exp_neg", x -> Math.exp(-x), y -> -Math.log(y), x -> -x);

    /** y = 1/x on (0, ∞); ln |f'(x)| = −2 ln x (inverse gamma = 1/Gamma). */
    Bijection RECIPROCAL = new Elementary("reciprocal", x -> 1 / x, y -> 1 / y, x -> -2 * Math.log(x));
}
