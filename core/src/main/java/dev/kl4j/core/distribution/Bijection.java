package dev.kl4j.core.distribution;

/**
 * A smooth bijection y = f(x) of the real line (or part of it) onto its image, used by
 * {@link Transformed} distributions. Two transformed distributions with the same bijection (by
 * {@code equals}) have KL(f#p ‖ f#q) = KL(p ‖ q): the Jacobian terms cancel in ln p/q (change of
 * variables; PyTorch's {@code _kl_transformed_transformed}).
 */
public interface Bijection {
    /** @return a short name, e.g. {@code "exp"} */
    String name();

    /**
     * @param x a point of the base distribution's support
     * @return f(x)
     */
    double forward(double x);

    /**
     * @param y a point of the image
     * @return f⁻¹(y)
     */
    double inverse(double y);

    /**
     * @param x a point of the base distribution's support
     * @return ln |f'(x)|
     */
    double logAbsDetJacobian(double x);

    /** y = eˣ: maps the reals onto (0, ∞); ln |f'(x)| = x. */
    Bijection EXP = new Bijection() {
        @Override
        public String name() {
            return "exp";
        }

        @Override
        public double forward(double x) {
            return Math.exp(x);
        }

        @Override
        public double inverse(double y) {
            return Math.log(y);
        }

        @Override
        public double logAbsDetJacobian(double x) {
            return x;
        }

        @Override
        public String toString() {
            return "exp";
        }
    };

    /** y = e^(−x): maps the reals onto (0, ∞), decreasing; ln |f'(x)| = −x (Weibull = e^(−Gumbel)). */
    Bijection EXP_NEG = new Bijection() {
        @Override
        public String name() {
            return "exp_neg";
        }

        @Override
        public double forward(double x) {
            return Math.exp(-x);
        }

        @Override
        public double inverse(double y) {
            return -Math.log(y);
        }

        @Override
        public double logAbsDetJacobian(double x) {
            return -x;
        }

        @Override
        public String toString() {
            return "exp_neg";
        }
    };

    /** y = 1/x on (0, ∞); ln |f'(x)| = −2 ln x (inverse gamma = 1/Gamma). */
    Bijection RECIPROCAL = new Bijection() {
        @Override
        public String name() {
            return "reciprocal";
        }

        @Override
        public double forward(double x) {
            return 1 / x;
        }

        @Override
        public double inverse(double y) {
            return 1 / y;
        }

        @Override
        public double logAbsDetJacobian(double x) {
            return -2 * Math.log(x);
        }

        @Override
        public String toString() {
            return "reciprocal";
        }
    };
}
