package dev.kl4j.core.kl;

import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.Beta;
import dev.kl4j.core.distribution.Categorical;
import dev.kl4j.core.distribution.DiagNormal;
import dev.kl4j.core.distribution.Dirichlet;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Laplace;
import dev.kl4j.core.distribution.MultivariateNormal;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Poisson;
import dev.kl4j.core.distribution.Uniform;
import java.util.List;

/** Shared (p, q) examples, one or more per registered pair with a finite KL. */
final class KlCases {
    private KlCases() {
    }

    record Case(String name, Distribution p, Distribution q) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final double[][] COV_P = {{2, 0.5, 0.3}, {0.5, 1, -0.2}, {0.3, -0.2, 0.7}};
    static final double[][] COV_Q = {{1.5, -0.3, 0}, {-0.3, 1.2, 0.4}, {0, 0.4, 1}};

    static List<Case> finitePairs() {
        return List.of(
                new Case("normal-normal", Normal.of(0.3, 1.2), Normal.of(-0.4, 0.8)),
                new Case("diag-diag", DiagNormal.of(new double[] {0, 1}, new double[] {1, 2}),
                        DiagNormal.of(new double[] {0.5, 0}, new double[] {1.5, 1})),
                new Case("mvn-mvn", MultivariateNormal.of(new double[] {1, -1, 0}, COV_P),
                        MultivariateNormal.of(new double[] {0, 0, 0.5}, COV_Q)),
                new Case("normal-diag", Normal.of(0.3, 1.2), DiagNormal.of(new double[] {-0.4}, new double[] {0.8})),
                new Case("diag-normal", DiagNormal.of(new double[] {-0.4}, new double[] {0.8}), Normal.of(0.3, 1.2)),
                new Case("normal-mvn", Normal.of(0.3, 1.2), MultivariateNormal.of(new double[] {1}, new double[][] {{2}})),
                new Case("mvn-normal", MultivariateNormal.of(new double[] {1}, new double[][] {{2}}), Normal.of(0.3, 1.2)),
                new Case("diag-mvn", DiagNormal.of(new double[] {0, 1, 2}, new double[] {1, 0.5, 2}),
                        MultivariateNormal.of(new double[] {0, 0, 0.5}, COV_Q)),
                new Case("mvn-diag", MultivariateNormal.of(new double[] {1, -1, 0}, COV_P),
                        DiagNormal.of(new double[] {0, 1, 2}, new double[] {1.5, 1, 2})),
                new Case("categorical", Categorical.ofProbs(new double[] {0.2, 0.5, 0.3}),
                        Categorical.ofProbs(new double[] {0.4, 0.4, 0.2})),
                new Case("categorical-logits", Categorical.ofLogits(new double[] {1, 0, -2, 3}),
                        Categorical.ofLogits(new double[] {0, 0, 0, 1})),
                new Case("bernoulli", Bernoulli.ofProbs(0.3), Bernoulli.ofProbs(0.6)),
                new Case("poisson", Poisson.of(3.5), Poisson.of(1.2)),
                new Case("exponential", Exponential.of(1.5), Exponential.of(0.7)),
                new Case("gamma", Gamma.of(2.5, 1.5), Gamma.of(1.7, 0.9)),
                new Case("beta", Beta.of(2, 3), Beta.of(1.5, 1.2)),
                new Case("dirichlet", Dirichlet.of(2, 3, 1.5), Dirichlet.of(1, 1, 4)),
                new Case("laplace", Laplace.of(0.5, 2), Laplace.of(-0.3, 1.2)),
                new Case("uniform", Uniform.of(0, 1), Uniform.of(-1, 2)),
                new Case("exponential-gamma", Exponential.of(1.5), Gamma.of(2.5, 1.5)),
                new Case("gamma-exponential", Gamma.of(2.5, 1.5), Exponential.of(0.8)),
                new Case("exponential-normal", Exponential.of(1.5), Normal.of(0.5, 1.1)),
                new Case("gamma-normal", Gamma.of(2.5, 1.5), Normal.of(1, 1.3)),
                new Case("beta-normal", Beta.of(2, 3), Normal.of(0.3, 0.5)),
                new Case("uniform-normal", Uniform.of(-1, 2), Normal.of(0.2, 1.5)),
                new Case("laplace-normal", Laplace.of(0.5, 1.2), Normal.of(-0.2, 2)),
                new Case("normal-laplace", Normal.of(0.8, 1.1), Laplace.of(-0.3, 1.4)),
                new Case("uniform-laplace", Uniform.of(-1, 2), Laplace.of(0.4, 0.9)),
                new Case("exponential-laplace", Exponential.of(1.5), Laplace.of(0.6, 0.9)),
                new Case("gamma-laplace", Gamma.of(2.5, 1.5), Laplace.of(1.1, 0.7)),
                new Case("beta-laplace", Beta.of(2, 3), Laplace.of(0.35, 0.4)),
                new Case("uniform-gamma", Uniform.of(0.5, 2.5), Gamma.of(2.5, 1.5)),
                new Case("uniform-exponential", Uniform.of(0.5, 2.5), Exponential.of(0.8)),
                new Case("uniform-beta", Uniform.of(0.2, 0.7), Beta.of(2, 3)),
                new Case("beta-exponential", Beta.of(2, 3), Exponential.of(0.8)),
                new Case("beta-gamma", Beta.of(2, 3), Gamma.of(2.5, 1.5)),
                new Case("beta-uniform", Beta.of(2, 3), Uniform.of(-0.5, 1.5)));
    }

    /**
     * Pairs whose KL is +∞ because p has mass where q has none; parameters are chosen so that a sample of
     * a few thousand from p lands outside q's support, so Monte Carlo sees the infinity as well.
     */
    static List<Case> infinitePairs() {
        return List.of(
                new Case("normal-exponential", Normal.standard(), Exponential.of(1)),
                new Case("normal-gamma", Normal.standard(), Gamma.of(2, 1)),
                new Case("normal-beta", Normal.of(0.5, 0.5), Beta.of(2, 2)),
                new Case("normal-uniform", Normal.standard(), Uniform.of(-1, 1)),
                new Case("laplace-exponential", Laplace.of(3, 1), Exponential.of(1)),
                new Case("laplace-gamma", Laplace.of(3, 1), Gamma.of(2, 1)),
                new Case("laplace-beta", Laplace.of(0.5, 0.5), Beta.of(2, 2)),
                new Case("laplace-uniform", Laplace.of(0, 1), Uniform.of(-1, 1)),
                new Case("exponential-uniform", Exponential.of(1), Uniform.of(0, 1)),
                new Case("exponential-beta", Exponential.of(1), Beta.of(2, 2)),
                new Case("gamma-uniform", Gamma.of(2, 1), Uniform.of(0, 1)),
                new Case("gamma-beta", Gamma.of(2, 1), Beta.of(2, 2)),
                new Case("uniform-uniform not covering", Uniform.of(0, 2), Uniform.of(0, 1)),
                new Case("uniform-uniform low side", Uniform.of(-1, 1), Uniform.of(0, 1)),
                new Case("uniform-gamma low < 0", Uniform.of(-1, 1), Gamma.of(2, 1)),
                new Case("uniform-exponential low < 0", Uniform.of(-1, 1), Exponential.of(1)),
                new Case("uniform-beta high > 1", Uniform.of(0.5, 1.5), Beta.of(2, 2)),
                new Case("beta-uniform not covering", Beta.of(2, 2), Uniform.of(0, 0.9)),
                new Case("categorical q = 0", Categorical.ofProbs(new double[] {0.5, 0.5}),
                        Categorical.ofLogits(new double[] {0, Double.NEGATIVE_INFINITY})),
                new Case("bernoulli q = 0", Bernoulli.ofProbs(0.5), Bernoulli.ofProbs(0)));
    }
}
