package dev.kl4j.core.kl;

import com.example.kl4j.ExponentialFamilyFallbackTest;
import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.Binomial;
import dev.kl4j.core.distribution.Cauchy;
import dev.kl4j.core.distribution.ContinuousBernoulli;
import dev.kl4j.core.distribution.Geometric;
import dev.kl4j.core.distribution.Gumbel;
import dev.kl4j.core.distribution.HalfNormal;
import dev.kl4j.core.distribution.Independent;
import dev.kl4j.core.distribution.InverseGamma;
import dev.kl4j.core.distribution.LogNormal;
import dev.kl4j.core.distribution.LowRankMultivariateNormal;
import dev.kl4j.core.distribution.OneHotCategorical;
import dev.kl4j.core.distribution.Pareto;
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
import dev.kl4j.core.distribution.VonMises;
import dev.kl4j.core.distribution.Weibull;
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
    static final double[][] LR_W_P = {{0.5, 0.1}, {-0.3, 0.8}, {0.2, 0.4}};
    static final double[][] LR_W_Q = {{0.7}, {0.2}, {-0.5}};

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
                new Case("beta-uniform", Beta.of(2, 3), Uniform.of(-0.5, 1.5)),
                // families added with the open registry
                new Case("binomial", Binomial.ofProbs(10, 0.3), Binomial.ofProbs(10, 0.45)),
                new Case("binomial n_p < n_q", Binomial.ofProbs(6, 0.4), Binomial.ofProbs(9, 0.35)),
                new Case("geometric", Geometric.ofProbs(0.3), Geometric.ofProbs(0.5)),
                new Case("one-hot", OneHotCategorical.ofProbs(new double[] {0.2, 0.5, 0.3}),
                        OneHotCategorical.ofLogits(new double[] {0.1, -0.4, 0.9})),
                new Case("half_normal", HalfNormal.of(1.3), HalfNormal.of(0.8)),
                new Case("log_normal", LogNormal.of(0.2, 0.7), LogNormal.of(-0.3, 1.1)),
                new Case("gumbel", Gumbel.of(0.5, 1.2), Gumbel.of(-0.2, 0.8)),
                new Case("pareto", Pareto.of(1.5, 3), Pareto.of(1.0, 2)),
                new Case("cauchy", Cauchy.of(0.3, 1.2), Cauchy.of(-0.5, 0.7)),
                new Case("continuous_bernoulli", ContinuousBernoulli.ofProbs(0.3), ContinuousBernoulli.ofProbs(0.8)),
                new Case("continuous_bernoulli near", ContinuousBernoulli.ofProbs(0.45), ContinuousBernoulli.ofLogits(0.4)),
                new Case("low_rank-low_rank", LowRankMultivariateNormal.of(new double[] {1, -1, 0}, LR_W_P, new double[] {0.5, 1, 0.7}),
                        LowRankMultivariateNormal.of(new double[] {0, 0, 0.5}, LR_W_Q, new double[] {1, 0.6, 0.9})),
                new Case("mvn-low_rank", MultivariateNormal.of(new double[] {1, -1, 0}, COV_P),
                        LowRankMultivariateNormal.of(new double[] {0, 0, 0.5}, LR_W_Q, new double[] {1, 0.6, 0.9})),
                new Case("low_rank-mvn", LowRankMultivariateNormal.of(new double[] {1, -1, 0}, LR_W_P, new double[] {0.5, 1, 0.7}),
                        MultivariateNormal.of(new double[] {0, 0, 0.5}, COV_Q)),
                new Case("normal-low_rank", Normal.of(0.3, 1.2), LowRankMultivariateNormal.of(new double[] {0.1},
                        new double[][] {{0.6}}, new double[] {0.5})),
                new Case("low_rank-normal", LowRankMultivariateNormal.of(new double[] {0.1}, new double[][] {{0.6}},
                        new double[] {0.5}), Normal.of(0.3, 1.2)),
                new Case("diag-low_rank", DiagNormal.of(new double[] {0, 1, 2}, new double[] {1, 0.5, 2}),
                        LowRankMultivariateNormal.of(new double[] {0, 0, 0.5}, LR_W_Q, new double[] {1, 0.6, 0.9})),
                new Case("low_rank-diag", LowRankMultivariateNormal.of(new double[] {1, -1, 0}, LR_W_P, new double[] {0.5, 1, 0.7}),
                        DiagNormal.of(new double[] {0, 1, 2}, new double[] {1.5, 1, 2})),
                new Case("independent", Independent.of(Gamma.of(2, 1), Normal.of(0, 1), Bernoulli.ofProbs(0.3)),
                        Independent.of(Exponential.of(0.7), Laplace.of(0.5, 2), Bernoulli.ofProbs(0.6))),
                new Case("bernoulli-poisson", Bernoulli.ofProbs(0.3), Poisson.of(0.8)),
                new Case("beta-continuous_bernoulli", Beta.of(2, 3), ContinuousBernoulli.ofProbs(0.3)),
                new Case("uniform-continuous_bernoulli", Uniform.of(0.2, 0.9), ContinuousBernoulli.ofProbs(0.3)),
                new Case("uniform(0,1)-continuous_bernoulli", Uniform.of(0, 1), ContinuousBernoulli.ofProbs(0.3)),
                new Case("continuous_bernoulli-exponential", ContinuousBernoulli.ofProbs(0.3), Exponential.of(1.5)),
                new Case("continuous_bernoulli-normal", ContinuousBernoulli.ofProbs(0.7), Normal.of(0.2, 0.6)),
                new Case("continuous_bernoulli-uniform", ContinuousBernoulli.ofProbs(0.3), Uniform.of(-0.5, 1.5)),
                new Case("continuous_bernoulli-uniform(0,1)", ContinuousBernoulli.ofProbs(0.2), Uniform.of(0, 1)),
                new Case("exponential-gumbel", Exponential.of(1.5), Gumbel.of(0.3, 1.2)),
                new Case("gamma-gumbel", Gamma.of(2.5, 1.5), Gumbel.of(1.1, 0.9)),
                new Case("normal-gumbel", Normal.of(0.4, 0.9), Gumbel.of(0.1, 1.3)),
                new Case("uniform-gumbel", Uniform.of(-1, 2), Gumbel.of(0.3, 1.1)),
                new Case("gumbel-normal", Gumbel.of(0.5, 1.2), Normal.of(1, 1.5)),
                new Case("pareto-exponential", Pareto.of(1.2, 3.5), Exponential.of(0.6)),
                new Case("pareto-gamma", Pareto.of(1.2, 3.5), Gamma.of(3, 1.5)),
                new Case("pareto-normal", Pareto.of(1.2, 4.5), Normal.of(1.5, 0.8)),
                new Case("uniform-pareto", Uniform.of(1.5, 3), Pareto.of(1.2, 2.5)),
                new Case("half_normal-exponential", HalfNormal.of(1.3), Exponential.of(0.9)),
                new Case("half_normal-gamma", HalfNormal.of(1.3), Gamma.of(1.5, 1.2)),
                new Case("half_normal-normal", HalfNormal.of(1.3), Normal.of(0.5, 1.5)),
                new Case("exponential-half_normal", Exponential.of(1.5), HalfNormal.of(0.9)),
                new Case("gamma-half_normal", Gamma.of(2.5, 1.5), HalfNormal.of(1.6)),
                new Case("log_normal-normal", LogNormal.of(0.2, 0.4), Normal.of(1.2, 0.8)),
                new Case("log_normal-exponential", LogNormal.of(0.2, 0.5), Exponential.of(0.9)),
                new Case("log_normal-gamma", LogNormal.of(0.2, 0.5), Gamma.of(3, 2.5)),
                new Case("exponential-log_normal", Exponential.of(1.5), LogNormal.of(-0.5, 1.2)),
                new Case("gamma-log_normal", Gamma.of(2.5, 1.5), LogNormal.of(0.4, 0.8)),
                new Case("weibull", Weibull.of(2.3, 1.7), Weibull.of(1.5, 2.5)),
                new Case("inverse_gamma", InverseGamma.of(3.5, 2), InverseGamma.of(2.5, 1.2)),
                new Case("gamma-inverse_gamma", Gamma.of(4, 3), InverseGamma.of(3, 2)),
                new Case("inverse_gamma-gamma", InverseGamma.of(5, 4), Gamma.of(2, 1.5)),
                new Case("von_mises", VonMises.of(0.4, 2.5), VonMises.of(-1.2, 1.1)),
                new Case("exponential-weibull", Exponential.of(1.5), Weibull.of(0.8, 1.7)),
                new Case("gamma-weibull", Gamma.of(2.5, 1.5), Weibull.of(1.9, 2.2)),
                new Case("weibull-exponential", Weibull.of(2.3, 1.7), Exponential.of(0.6)),
                new Case("weibull-gamma", Weibull.of(2.3, 1.7), Gamma.of(2.5, 1.2)),
                new Case("weibull-normal", Weibull.of(2.3, 1.7), Normal.of(1.5, 1.4)),
                new Case("von_mises concentrated", VonMises.of(0.1, 30), VonMises.of(0.3, 12)),
                new Case("exponential family fallback (a user's Rayleigh)", new ExponentialFamilyFallbackTest.Rayleigh(1.3),
                        new ExponentialFamilyFallbackTest.Rayleigh(0.8)));
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
                new Case("bernoulli q = 0", Bernoulli.ofProbs(0.5), Bernoulli.ofProbs(0)),
                new Case("binomial n_p > n_q", Binomial.ofProbs(8, 0.5), Binomial.ofProbs(4, 0.5)),
                new Case("geometric q = 1", Geometric.ofProbs(0.4), Geometric.ofProbs(1)),
                new Case("pareto-pareto scale below", Pareto.of(1, 2), Pareto.of(1.5, 2)),
                new Case("poisson-bernoulli", Poisson.of(2), Bernoulli.ofProbs(0.5)),
                new Case("poisson-binomial", Poisson.of(4), Binomial.ofProbs(3, 0.5)),
                new Case("gumbel-beta", Gumbel.of(0, 1), Beta.of(2, 2)),
                new Case("gumbel-exponential", Gumbel.of(0, 1), Exponential.of(1)),
                new Case("gumbel-gamma", Gumbel.of(0, 1), Gamma.of(2, 1)),
                new Case("gumbel-pareto", Gumbel.of(0, 1), Pareto.of(1, 2)),
                new Case("gumbel-uniform", Gumbel.of(0, 1), Uniform.of(-1, 1)),
                new Case("gumbel-continuous_bernoulli", Gumbel.of(0, 1), ContinuousBernoulli.ofProbs(0.3)),
                new Case("normal-pareto", Normal.of(1, 1), Pareto.of(1, 2)),
                new Case("normal-continuous_bernoulli", Normal.standard(), ContinuousBernoulli.ofProbs(0.3)),
                new Case("laplace-pareto", Laplace.of(1, 1), Pareto.of(1, 2)),
                new Case("laplace-continuous_bernoulli", Laplace.of(0, 1), ContinuousBernoulli.ofProbs(0.3)),
                new Case("exponential-pareto", Exponential.of(1), Pareto.of(1, 2)),
                new Case("exponential-continuous_bernoulli", Exponential.of(1), ContinuousBernoulli.ofProbs(0.3)),
                new Case("gamma-pareto", Gamma.of(2, 1), Pareto.of(1, 2)),
                new Case("gamma-continuous_bernoulli", Gamma.of(2, 1), ContinuousBernoulli.ofProbs(0.3)),
                new Case("beta-pareto", Beta.of(2, 2), Pareto.of(0.5, 2)),
                new Case("continuous_bernoulli-pareto", ContinuousBernoulli.ofProbs(0.3), Pareto.of(0.5, 2)),
                new Case("pareto-beta", Pareto.of(1, 2), Beta.of(2, 2)),
                new Case("pareto-uniform", Pareto.of(1, 2), Uniform.of(0, 2)),
                new Case("pareto-continuous_bernoulli", Pareto.of(1, 2), ContinuousBernoulli.ofProbs(0.3)),
                new Case("uniform-pareto low < scale", Uniform.of(0.5, 2), Pareto.of(1, 2)),
                new Case("uniform-continuous_bernoulli high > 1", Uniform.of(0.5, 1.5), ContinuousBernoulli.ofProbs(0.3)),
                new Case("continuous_bernoulli-uniform not covering", ContinuousBernoulli.ofProbs(0.3), Uniform.of(0, 0.9)),
                new Case("normal-half_normal", Normal.standard(), HalfNormal.of(1)),
                new Case("laplace-half_normal", Laplace.of(0, 1), HalfNormal.of(1)),
                new Case("gumbel-half_normal", Gumbel.of(0, 1), HalfNormal.of(1)),
                new Case("normal-log_normal", Normal.standard(), LogNormal.of(0, 1)),
                new Case("laplace-log_normal", Laplace.of(0, 1), LogNormal.of(0, 1)),
                new Case("gumbel-log_normal", Gumbel.of(0, 1), LogNormal.of(0, 1)),
                new Case("cauchy-exponential", Cauchy.of(0, 1), Exponential.of(1)),
                new Case("cauchy-gamma", Cauchy.of(0, 1), Gamma.of(2, 1)),
                new Case("cauchy-beta", Cauchy.of(0.5, 0.5), Beta.of(2, 2)),
                new Case("cauchy-uniform", Cauchy.of(0, 1), Uniform.of(-1, 1)),
                new Case("cauchy-pareto", Cauchy.of(0, 1), Pareto.of(1, 2)),
                new Case("cauchy-half_normal", Cauchy.of(0, 1), HalfNormal.of(1)),
                new Case("cauchy-continuous_bernoulli", Cauchy.of(0.5, 0.5), ContinuousBernoulli.ofProbs(0.3)),
                new Case("normal-weibull", Normal.standard(), Weibull.of(1, 2)),
                new Case("laplace-weibull", Laplace.of(0, 1), Weibull.of(1, 2)),
                new Case("gumbel-weibull", Gumbel.of(0, 1), Weibull.of(1, 2)),
                new Case("cauchy-weibull", Cauchy.of(0, 1), Weibull.of(1, 2)),
                new Case("normal-inverse_gamma", Normal.standard(), InverseGamma.of(3, 2)),
                new Case("laplace-inverse_gamma", Laplace.of(0, 1), InverseGamma.of(3, 2)),
                new Case("gumbel-inverse_gamma", Gumbel.of(0, 1), InverseGamma.of(3, 2)),
                new Case("cauchy-inverse_gamma", Cauchy.of(0, 1), InverseGamma.of(3, 2)));
    }

    /**
     * Pairs that are +∞ although q's density is positive everywhere: −E_p ln q needs a moment that p lacks.
     * Monte Carlo cannot see this (every sample is finite); the quadrature test shows the truncated
     * integral growing without bound instead.
     */
    static List<Case> infiniteByMomentsPairs() {
        return List.of(
                new Case("cauchy-normal", Cauchy.of(0.2, 1), Normal.of(0, 1)),
                new Case("cauchy-laplace", Cauchy.of(0.2, 1), Laplace.of(0, 1)),
                new Case("cauchy-gumbel", Cauchy.of(0.2, 1), Gumbel.of(0, 1)));
    }
}
