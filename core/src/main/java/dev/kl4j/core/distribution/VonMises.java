package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * Von Mises (circular normal) distribution of an angle, with location μ and concentration κ &gt; 0
 * (PyTorch's {@code VonMises(loc, concentration)}).
 * <pre>
 *   ln p(x) = κ cos(x − μ) − ln(2π I₀(κ))        H = ln(2π I₀(κ)) − κ A(κ),   A(κ) = I₁(κ)/I₀(κ)
 * </pre>
 * {@code logProb} is 2π-periodic (any real angle); samples lie in [−π, π). As in PyTorch, {@link #mean()}
 * is μ and {@link #variance()} is the circular variance 1 − A(κ). The modified Bessel functions come from
 * {@link #logBesselI0} and {@link #besselRatio}: their power series for κ ≤ 2, and above that the
 * trapezoidal rule on e^(−κ) Iₙ(κ) = (1/π) ∫₀^π e^(κ(cos θ − 1)) cos(nθ) dθ, which converges
 * geometrically for this periodic analytic integrand (Trefethen and Weideman 2014), with 40 + 8√κ
 * points. Sampling: Best and Fisher (1979), the rejection sampler PyTorch uses.
 */
public final class VonMises implements Distribution {
    private final double loc;
    private final double concentration;

    /**
     * Creates the distribution; each parameter is checked against the rule below, and the first that breaks it
     * throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param loc           μ, finite (radians)
     * @param concentration κ &gt; 0, finite
     */
    public VonMises(double loc, double concentration) {
        this.loc = Checks.finite("loc", loc);
        this.concentration = Checks.positive("concentration", concentration);
    }

    /**
     * Returns VonMises(loc, concentration).
     *
     * @param loc μ, finite (radians)
     * @param concentration κ &gt; 0, finite
     * @return VonMises(loc, concentration)
     */
    public static VonMises of(double loc, double concentration) {
        return new VonMises(loc, concentration);
    }

    /** {@return the mean direction μ, in radians} */
    public double loc() {
        return loc;
    }

    /** {@return the concentration κ &gt; 0 (dimensionless; about 1/σ² for large κ)} */
    public double concentration() {
        return concentration;
    }

    /**
     * Returns ln I₀(κ), I₀ the modified Bessel function of the first kind of order 0 (SciPy:
     * {@code np.log(scipy.special.i0e(κ)) + κ}): its power series for κ ≤ 2, above that κ + ln of the
     * trapezoidal rule for e^(−κ) I₀(κ) described in the class comment, so large κ does not overflow.
     *
     * @param kappa κ &gt; 0
     * @return ln I₀(κ)
     */
    public static double logBesselI0(double kappa) {
        if (kappa <= 2) {
            return Math.log(series(kappa, 0));
        }
        return kappa + Math.log(scaledTrapezoid(kappa, 0));
    }

    /**
     * Returns A(κ) = I₁(κ)/I₀(κ), in (0, 1) (SciPy: {@code i1e(κ) / i0e(κ)}), by the same series or
     * trapezoidal rule as {@link #logBesselI0}, as a ratio of the scaled values.
     *
     * @param kappa κ &gt; 0
     * @return A(κ) = I₁(κ)/I₀(κ), in (0, 1)
     */
    public static double besselRatio(double kappa) {
        if (kappa <= 2) {
            return series(kappa, 1) / series(kappa, 0);
        }
        return scaledTrapezoid(kappa, 1) / scaledTrapezoid(kappa, 0);
    }

    /** Iₙ(κ) = (κ/2)ⁿ Σ_k (κ²/4)^k / (k! (k + n)!), n ∈ {0, 1}. */
    private static double series(double kappa, int n) {
        double q = 0.25 * kappa * kappa;
        double term = n == 0 ? 1 : 0.5 * kappa;
        double sum = term;
        for (int k = 1; k < 40; k++) {
            term *= q / (k * (double) (k + n));
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    /** e^(−κ) Iₙ(κ) by the trapezoidal rule on [0, π]. */
    private static double scaledTrapezoid(double kappa, int n) {
        int m = 40 + (int) Math.ceil(8 * Math.sqrt(kappa));
        double sum = 0;
        for (int j = 0; j <= m; j++) {
            double theta = Math.PI * j / m;
            double f = Math.exp(kappa * (Math.cos(theta) - 1)) * (n == 0 ? 1 : Math.cos(theta));
            sum += (j == 0 || j == m) ? 0.5 * f : f;
        }
        return sum / m;
    }

    @Override
    public String name() {
        return "von_mises";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        if (Double.isInfinite(x[0])) {
            return Double.NEGATIVE_INFINITY;
        }
        return concentration * Math.cos(x[0] - loc) - Math.log(2 * Math.PI) - logBesselI0(concentration);
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        double k = concentration;
        double r;
        if (k < 1e-5) {
            r = 1 / k + k;
        } else {
            double tau = 1 + Math.sqrt(1 + 4 * k * k);
            double rho = (tau - Math.sqrt(2 * tau)) / (2 * k);
            r = (1 + rho * rho) / (2 * rho);
        }
        while (true) {
            double z = Math.cos(Math.PI * rng.nextDouble());
            double f = (1 + r * z) / (r + z);
            double c = k * (r - f);
            double u2 = rng.nextDouble();
            if (c * (2 - c) - u2 > 0 || Math.log(c / u2) + 1 - c >= 0) {
                double theta = (rng.nextDouble() < 0.5 ? -1 : 1) * Math.acos(Math.max(-1, Math.min(1, f)));
                double angle = loc + theta + Math.PI;
                angle -= 2 * Math.PI * Math.floor(angle / (2 * Math.PI));
                return new double[] {angle - Math.PI};
            }
        }
    }

    @Override
    public double entropy() {
        return Math.log(2 * Math.PI) + logBesselI0(concentration) - concentration * besselRatio(concentration);
    }

    /** {@return μ, the mean direction (PyTorch's convention)} */
    @Override
    public double[] mean() {
        return new double[] {loc};
    }

    /** {@return the circular variance 1 − A(κ) (PyTorch's convention)} */
    @Override
    public double[] variance() {
        return new double[] {1 - besselRatio(concentration)};
    }

    @Override
    public String toString() {
        return "VonMises(loc=" + loc + ", concentration=" + concentration + ")";
    }
}
