/**
 * The differentiable front end: divergences and distributions on DJL {@code NDArray}s, batched over
 * leading axes, used by the training code of the application modules. Every function has the same
 * meaning as its {@code double[]} counterpart in {@code dev.kl4j.core.discrete},
 * {@code dev.kl4j.core.distribution} or {@code dev.kl4j.core.kl}, and the tests hold them to it.
 *
 * <ul>
 *   <li>{@link dev.kl4j.core.djl.DjlDivergences}, {@link dev.kl4j.core.djl.DjlGaussianKl}: closed-form
 *       divergences (categorical from probabilities or logits; diagonal Gaussians from log-variances or
 *       log-standard deviations, broadcasting).</li>
 *   <li>{@link dev.kl4j.core.djl.DjlDistribution} with {@link dev.kl4j.core.djl.DjlCategorical} (logits,
 *       optional action mask) and {@link dev.kl4j.core.djl.DjlDiagNormal} (mean, log-std shared
 *       {@code [A]} or per row): policy distributions with log-probabilities, entropy, closed-form KL,
 *       seeded sampling and Fisher-metric products (categorical M u = p⊙u − p(pᵀu) in logit space;
 *       Gaussian 1/σ² on the mean and 2 on ln σ), the pieces TRPO's natural gradient is built from
 *       (Schulman et al. 2015, Appendix C).</li>
 *   <li>{@link dev.kl4j.core.djl.DjlKlEstimators}: Schulman's k1, k2, k3 Monte Carlo KL estimators
 *       per sample.</li>
 *   <li>{@link dev.kl4j.core.djl.DjlScalars}, {@link dev.kl4j.core.djl.DjlScopes}: safe constants under
 *       autograd and scoped closing of intermediate arrays.</li>
 * </ul>
 */
package dev.kl4j.core.djl;
