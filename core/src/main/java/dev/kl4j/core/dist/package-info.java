/**
 * Parametric probability distributions with log-densities, seeded sampling, entropy and moments: the
 * twelve families {@link dev.kl4j.core.dist.Normal}, {@link dev.kl4j.core.dist.DiagNormal},
 * {@link dev.kl4j.core.dist.MultivariateNormal}, {@link dev.kl4j.core.dist.Categorical},
 * {@link dev.kl4j.core.dist.Bernoulli}, {@link dev.kl4j.core.dist.Poisson},
 * {@link dev.kl4j.core.dist.Exponential}, {@link dev.kl4j.core.dist.Gamma},
 * {@link dev.kl4j.core.dist.Beta}, {@link dev.kl4j.core.dist.Dirichlet},
 * {@link dev.kl4j.core.dist.Laplace} and {@link dev.kl4j.core.dist.Uniform}.
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
 * {@code rng::nextLong}. {@link dev.kl4j.core.dist.Distributions#create} builds a family from a name and
 * a parameter map, for the command line.
 */
package dev.kl4j.core.dist;
