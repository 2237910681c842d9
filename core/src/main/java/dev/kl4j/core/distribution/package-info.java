/**
 * Parametric probability distributions with log-densities, seeded sampling, entropy and moments: the
 * families {@link dev.kl4j.core.distribution.Normal}, {@link dev.kl4j.core.distribution.DiagNormal},
 * {@link dev.kl4j.core.distribution.MultivariateNormal}, {@link dev.kl4j.core.distribution.Categorical},
 * {@link dev.kl4j.core.distribution.Bernoulli}, {@link dev.kl4j.core.distribution.Poisson},
 * {@link dev.kl4j.core.distribution.Exponential}, {@link dev.kl4j.core.distribution.Gamma},
 * {@link dev.kl4j.core.distribution.Beta}, {@link dev.kl4j.core.distribution.Dirichlet},
 * {@link dev.kl4j.core.distribution.Laplace}, {@link dev.kl4j.core.distribution.Uniform},
 * {@link dev.kl4j.core.distribution.Binomial}, {@link dev.kl4j.core.distribution.Geometric},
 * {@link dev.kl4j.core.distribution.OneHotCategorical}, {@link dev.kl4j.core.distribution.HalfNormal},
 * {@link dev.kl4j.core.distribution.LogNormal}, {@link dev.kl4j.core.distribution.Gumbel},
 * {@link dev.kl4j.core.distribution.Pareto}, {@link dev.kl4j.core.distribution.ContinuousBernoulli},
 * {@link dev.kl4j.core.distribution.LowRankMultivariateNormal}, {@link dev.kl4j.core.distribution.Independent},
 * {@link dev.kl4j.core.distribution.Cauchy}, {@link dev.kl4j.core.distribution.Weibull},
 * {@link dev.kl4j.core.distribution.VonMises} and
 * {@link dev.kl4j.core.distribution.InverseGamma}. {@link dev.kl4j.core.distribution.Transformed} marks the
 * distributions of a {@link dev.kl4j.core.distribution.Bijection} of a base distribution.
 *
 * <p>Parameter names and conventions follow PyTorch's {@code torch.distributions} (e.g. Gamma takes a
 * concentration and a <em>rate</em>, Beta takes {@code concentration1} = α and {@code concentration0} = β).
 * Every family validates its parameters on construction and throws
 * {@link dev.kl4j.core.InvalidArgumentException} naming the parameter. {@code logProb} of a point outside
 * the support returns −∞ (PyTorch with {@code validate_args=False} gives −∞ or NaN; kl4j always gives
 * −∞); a point of the wrong length or containing NaN is an error.
 *
 * <p>Randomness always comes from the {@link java.util.random.RandomGenerator} passed to
 * {@code sample}; samplers that need a Commons RNG {@code UniformRandomProvider} adapt it with
 * {@code rng::nextLong}. {@link dev.kl4j.core.distribution.Distributions#create} builds a family from a name and
 * a parameter map, for the command line; {@link dev.kl4j.core.distribution.DistributionFamily} services on the
 * class path add names to it.
 */
package dev.kl4j.core.distribution;
