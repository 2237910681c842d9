/**
 * Divergences between discrete probability vectors on {@code double[]}, with SciPy's conventions: the
 * exact reference for kl4j.
 *
 * <ul>
 *   <li>{@link dev.kl4j.core.discrete.DiscreteDivergences}: the one entry point. kl, reverseKl, entropy,
 *       crossEntropy, js, jsDistance, renyi, tv, hellinger, chi2, bhattacharyya, fDivergence, wasserstein1
 *       (static, each with a {@link dev.kl4j.core.discrete.DiscreteOptions} overload), and klFromLogits,
 *       reverseKlFromLogits, entropyFromLogits, jsFromLogits in nats, the names the DJL and ND4J front ends
 *       use. Each measure's numerics is one package-private class (RelativeEntropy, JensenShannon, Renyi,
 *       HellingerBhattacharyya, FDivergences, Wasserstein1) holding its formula and stable rewrite.</li>
 *   <li>{@link dev.kl4j.core.discrete.DiscreteOptions} and {@link dev.kl4j.core.discrete.LogBase}: unit,
 *       normalisation, explicit smoothing.</li>
 *   <li>{@link dev.kl4j.core.discrete.FGenerator}: generators of f-divergences.</li>
 *   <li>{@link dev.kl4j.core.discrete.DiscreteMeasure}: the measures by name, for the command line.</li>
 *   <li>{@link dev.kl4j.core.discrete.ProbabilityVectors}: the input checks, reusable by other packages.</li>
 *   <li>{@link dev.kl4j.core.discrete.DiscreteKernels}: the scalar and Vector API loops behind kl and
 *       entropy, for benchmarks.</li>
 * </ul>
 *
 * <p>Conventions: 0 · ln 0 = 0; p &gt; 0 where q = 0 gives +∞ (KL, cross-entropy, χ², Rényi α ≥ 1);
 * inputs must be finite, ≥ 0 and sum to 1 within 1e-9 unless normalisation is asked for; invalid input
 * throws {@link dev.kl4j.core.InvalidArgumentException} naming the argument and index.
 */
package dev.kl4j.core.discrete;
