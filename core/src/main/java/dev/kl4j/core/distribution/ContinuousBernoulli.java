package dev.kl4j.core.distribution;

import dev.kl4j.core.InvalidArgumentException;
import java.util.random.RandomGenerator;

/**
 * Continuous Bernoulli distribution on [0, 1] with parameter λ ∈ (0, 1) (Loaiza-Ganem and Cunningham,
 * "The continuous Bernoulli", NeurIPS 2019; PyTorch's {@code ContinuousBernoulli(probs)}).
 * <pre>
 *   p(x) = C(λ) λ^x (1 − λ)^(1−x),   C(λ) = 2 artanh(t)/t with t = 1 − 2λ  (C(½) = 2)
 *   mean = ½ − (a − 1)/(2ta),  variance = ¼ [1 − (a − 1)(a + 1)/(t² a²)],  a = artanh(t)/t
 *   H = −ln C − E[X] ln λ − (1 − E[X]) ln(1 − λ) = ln(sinh(η/2)/(η/2)) − η (E[X] − ½),  η = logit λ
 * </pre>
 * The paper's mean λ/(2λ − 1) + 1/(2 artanh(1 − 2λ)) and variance cancel catastrophically near λ = ½;
 * written with a − 1 = Σ_{k≥1} t^(2k)/(2k + 1) (its series for |t| &lt; 0.25) they keep full precision,
 * where PyTorch switches to a Taylor polynomial inside (0.499, 0.501). Sampling by inversion of the CDF
 * F(x) = (λ^x (1 − λ)^(1−x) + λ − 1)/(2λ − 1).
 */
public final class ContinuousBernoulli implements Distribution {
    private final double lambda;
    /** t = 1 − 2λ, computed from the logits as −tanh(ℓ/2) where given so. */
    private final double t;
    private final double logLambda;
    private final double log1mLambda;

    private ContinuousBernoulli(double lambda, double t, double logLambda, double log1mLambda) {
        this.lambda = lambda;
        this.t = t;
        this.logLambda = logLambda;
        this.log1mLambda = log1mLambda;
    }

    /**
     * {@return ContinuousBernoulli(λ)}
     *
     * @param probs λ in (0, 1) (not the mean)
     */
    public static ContinuousBernoulli ofProbs(double probs) {
        if (!(probs > 0 && probs < 1)) {
            throw new InvalidArgumentException("probs", "probs = " + probs + " must be in (0, 1)");
        }
        return new ContinuousBernoulli(probs, 1 - 2 * probs, Math.log(probs), Math.log1p(-probs));
    }

    /**
     * {@return ContinuousBernoulli(sigmoid(logits))}
     *
     * @param logits ln(λ / (1 − λ)), finite
     */
    public static ContinuousBernoulli ofLogits(double logits) {
        Checks.finite("logits", logits);
        double logLambda = -Bernoulli.softplus(-logits);
        double log1m = -Bernoulli.softplus(logits);
        double lambda = Math.exp(logLambda);
        if (!(lambda > 0 && lambda < 1)) {
            throw new InvalidArgumentException("logits", "logits = " + logits + " gives probs = " + lambda
                    + ", outside (0, 1)");
        }
        return new ContinuousBernoulli(lambda, -Math.tanh(0.5 * logits), logLambda, log1m);
    }

    /** {@return the shape parameter λ in (0, 1) (PyTorch's {@code probs}; not the mean)} */
    public double probs() {
        return lambda;
    }

    /** {@return ln(λ / (1 − λ))} */
    public double logits() {
        return logLambda - log1mLambda;
    }

    /** {@return ln λ} */
    public double logLambda() {
        return logLambda;
    }

    /** {@return ln(1 − λ)} */
    public double log1mLambda() {
        return log1mLambda;
    }

    /** {@return ln C(λ), the log normalising constant (ln 2 at λ = ½)} */
    public double logNormalizer() {
        return Math.log(2) + Math.log1p(atanhRatioMinusOne());
    }

    /** a − 1 = artanh(t)/t − 1 ≥ 0 without cancellation. */
    private double atanhRatioMinusOne() {
        return t * t * atanhRatioMinusOneOverT2();
    }

    /** (a − 1)/t² = Σ_{k≥1} t^(2k−2)/(2k + 1). */
    private double atanhRatioMinusOneOverT2() {
        double t2 = t * t;
        if (Math.abs(t) < 0.25) {
            double s = 0;
            double power = 1;
            for (int k = 1; k <= 30; k++) {
                s += power / (2 * k + 1);
                power *= t2;
            }
            return s;
        }
        return (atanh(t) / t - 1) / t2;
    }

    private static double atanh(double x) {
        return 0.5 * Math.log1p(2 * x / (1 - x));
    }

    @Override
    public String name() {
        return "continuous_bernoulli";
    }

    @Override
    public int eventSize() {
        return 1;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, 1);
        double v = x[0];
        if (v < 0 || v > 1) {
            return Double.NEGATIVE_INFINITY;
        }
        return logNormalizer() + (v == 0 ? 0 : v * logLambda) + (v == 1 ? 0 : (1 - v) * log1mLambda);
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        double u = rng.nextDouble();
        if (Math.abs(t) < 1e-8) {
            return new double[] {u};
        }
        // F⁻¹(u) = [ln(1 − λ + u(2λ − 1)) − ln(1 − λ)] / [ln λ − ln(1 − λ)], with 2λ − 1 = −t
        double x = (Math.log1p(-u * t / (1 - lambda))) / (logLambda - log1mLambda);
        return new double[] {Math.min(1, Math.max(0, x))};
    }

    /**
     * H = A(η) − η E[X] with η = logit λ and A(η) = ln((e^η − 1)/η), written as
     * ln(sinh(y)/y) − η (E[X] − ½), y = η/2 (since A(η) = η/2 + ln(sinh(y)/y)): both parts are O(η²), so the
     * entropy keeps its digits near λ = ½ where the direct form cancels.
     */
    @Override
    public double entropy() {
        double eta = logLambda - log1mLambda;
        double y = 0.5 * eta;
        double sinhRatioMinusOne;
        if (Math.abs(y) < 0.5) { // sinh(y)/y − 1 = Σ_{k≥1} y^(2k)/(2k + 1)!
            double y2 = y * y;
            double term = 1;
            sinhRatioMinusOne = 0;
            for (int k = 1; k <= 12; k++) {
                term *= y2 / ((2 * k) * (2 * k + 1));
                sinhRatioMinusOne += term;
            }
        } else {
            sinhRatioMinusOne = Math.abs(y) > 700 ? Double.NaN : Math.sinh(y) / y - 1;
        }
        double logSinhRatio = Double.isNaN(sinhRatioMinusOne)
                ? Math.abs(y) - Math.log(2 * Math.abs(y)) // ln(sinh y / y) for large |y|
                : Math.log1p(sinhRatioMinusOne);
        double centredMean = t == 0 ? 0 : -atanhRatioMinusOne() / (2 * t * (1 + atanhRatioMinusOne()));
        return logSinhRatio - eta * centredMean;
    }

    @Override
    public double[] mean() {
        if (t == 0) {
            return new double[] {0.5};
        }
        double am1 = atanhRatioMinusOne();
        return new double[] {0.5 - am1 / (2 * t * (1 + am1))};
    }

    @Override
    public double[] variance() {
        double a = 1 + atanhRatioMinusOne();
        return new double[] {0.25 * (1 - atanhRatioMinusOneOverT2() * (a + 1) / (a * a))};
    }

    @Override
    public String toString() {
        return "ContinuousBernoulli(probs=" + lambda + ")";
    }
}
