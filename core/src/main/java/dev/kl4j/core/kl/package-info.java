/**
 * Kullback–Leibler divergence between the distributions of {@code dev.kl4j.core.distribution}: closed forms,
 * Monte Carlo estimates and Gaussian Rényi divergences.
 *
 * <ul>
 *   <li>{@link dev.kl4j.core.kl.KlRegistry} maps (type of p, type of q) to a closed form and dispatches to
 *       the most specific registered pair, as PyTorch's {@code torch.distributions.kl.kl_divergence}
 *       does; {@link dev.kl4j.core.kl.Kl#kl} uses the standard registry of 144 built-in pairs plus those of
 *       every {@link dev.kl4j.core.kl.KlPairProvider} on the class path. Each built-in formula is a static
 *       method marked {@link dev.kl4j.core.kl.KlPair} (as PyTorch's {@code @register_kl}) in
 *       {@code SameFamilyKl}, {@code CrossFamilyKl}, {@code DiscreteFamilyKl}, {@code ExtremeValueKl},
 *       {@code ContinuousBernoulliKl}, {@code StructuralKl} or {@code StandardPairs}. A pair with no
 *       closed form throws {@link dev.kl4j.core.kl.NoClosedFormException}; fall back to
 *       {@link dev.kl4j.core.kl.MonteCarloKl#estimate}.</li>
 *   <li>{@link dev.kl4j.core.kl.GaussianKl} and {@link dev.kl4j.core.kl.GaussianRenyi}: Gaussian closed
 *       forms on plain {@code double}/{@code double[]}, through Cholesky factors and triangular solves.</li>
 *   <li>{@link dev.kl4j.core.kl.KlEstimators}: Schulman's k1, k2, k3 estimators from log-ratios, as used
 *       by PPO and RLHF code; {@link dev.kl4j.core.kl.Estimate} holds a value with its standard error.</li>
 * </ul>
 * All results are in nats.
 */
package dev.kl4j.core.kl;
