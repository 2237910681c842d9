package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kl4j.core.Supports;
import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.Binomial;
import dev.kl4j.core.distribution.Cauchy;
import dev.kl4j.core.distribution.ContinuousBernoulli;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Geometric;
import dev.kl4j.core.distribution.Gumbel;
import dev.kl4j.core.distribution.HalfNormal;
import dev.kl4j.core.distribution.InverseGamma;
import dev.kl4j.core.distribution.LogNormal;
import dev.kl4j.core.distribution.Pareto;
import dev.kl4j.core.distribution.VonMises;
import dev.kl4j.core.distribution.Weibull;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same-family pairs of the added families keep their digits as q → p. Reference: the second-order
 * series KL(p_θ ‖ p_{θ+δ}) = ½ δ² I(θ) + O(δ³), with the Fisher information I(θ) = E[(∂_θ ln p_θ(X))²]
 * computed independently of the closed forms: the score by central differences of {@code logProb} and
 * the expectation by quadrature (continuous) or summation (discrete). At δ = 1e-6 relative the series
 * is exact to about 1e-6, while a formula that cancels its O(1) terms would be off by 1e-4 or more.
 */
class NearEqualNewPairsTest {
    private static final double DELTA = 1e-6;

    record Family(String name, DoubleFunction<Distribution> make, double theta) {
        @Override
        public String toString() {
            return name + " at " + theta;
        }
    }

    static Stream<Family> families() {
        return Stream.of(
                new Family("bernoulli probs", Bernoulli::ofProbs, 0.3),
                new Family("bernoulli logits", Bernoulli::ofLogits, -6),
                new Family("binomial probs", t -> Binomial.ofProbs(20, t), 0.3),
                new Family("geometric probs", Geometric::ofProbs, 0.4),
                new Family("gumbel scale", t -> Gumbel.of(0.3, t), 1.3),
                new Family("gumbel loc", t -> Gumbel.of(t, 0.7), 0.5),
                new Family("pareto alpha", t -> Pareto.of(1.5, t), 2.5),
                new Family("cauchy scale", t -> Cauchy.of(0.2, t), 0.8),
                new Family("cauchy loc", t -> Cauchy.of(t, 1.1), -0.4),
                new Family("continuous_bernoulli probs", ContinuousBernoulli::ofProbs, 0.3),
                new Family("continuous_bernoulli probs near 1/2", ContinuousBernoulli::ofProbs, 0.49),
                new Family("half_normal scale", HalfNormal::of, 1.7),
                new Family("log_normal scale", t -> LogNormal.of(0.3, t), 0.6),
                new Family("log_normal loc", t -> LogNormal.of(t, 0.6), 0.3),
                new Family("weibull scale", t -> Weibull.of(t, 1.7), 2.3),
                new Family("weibull concentration", t -> Weibull.of(2.3, t), 1.7),
                new Family("inverse_gamma concentration", t -> InverseGamma.of(t, 2), 3.5),
                new Family("von_mises concentration", t -> VonMises.of(0.4, t), 2.5),
                new Family("von_mises concentration large", t -> VonMises.of(0.4, t), 40),
                new Family("von_mises loc", t -> VonMises.of(t, 2.5), 0.4));
    }

    static double fisherInformation(Family f) {
        double h = 1e-5 * Math.abs(f.theta());
        Distribution p = f.make().apply(f.theta());
        Distribution plus = f.make().apply(f.theta() + h);
        Distribution minus = f.make().apply(f.theta() - h);
        java.util.function.DoubleUnaryOperator scoreSquared = x -> {
            double[] v = {x};
            double s = (plus.logProb(v) - minus.logProb(v)) / (2 * h);
            return s * s;
        };
        if (Supports.of(p).isPresent()) {
            return Supports.expectation(p, p, scoreSquared);
        }
        double sum = 0;
        for (int k = 0; k < 5000; k++) {
            double lp = p.logProb(new double[] {k});
            if (lp > Double.NEGATIVE_INFINITY) {
                sum += Math.exp(lp) * scoreSquared.applyAsDouble(k);
            }
        }
        return sum;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void keepsItsDigitsAsQApproachesP(Family f) {
        double info = fisherInformation(f);
        for (double sign : new double[] {1, -1}) {
            double d = sign * DELTA * Math.abs(f.theta());
            double expected = 0.5 * d * d * info;
            double kl = Kl.kl(f.make().apply(f.theta()), f.make().apply(f.theta() + d));
            assertEquals(expected, kl, 2e-5 * expected, f + " δ = " + d);
        }
    }
}
