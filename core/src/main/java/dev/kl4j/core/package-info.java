/**
 * The kl4j core: everything the application modules (VAE, PPO/TRPO, distillation) need to compute
 * Kullback–Leibler divergences and their relatives.
 *
 * <ul>
 *   <li>{@code discrete}: divergences between probability vectors on {@code double[]}, with SciPy's
 *       edge-case semantics. This is the exact reference the other front ends are tested against.</li>
 *   <li>{@code distribution}: parametric distributions with log-densities, sampling and moments.</li>
 *   <li>{@code kl}: the registry of closed-form KL pairs, Gaussian KL and Rényi divergences, and the
 *       Monte Carlo estimators k1/k2/k3.</li>
 *   <li>{@code djl}: differentiable front end on DJL {@code NDArray}s, used by training code.</li>
 *   <li>{@code nd4j}: batched front end on ND4J {@code INDArray}s, with linear algebra.</li>
 *   <li>{@code data}: shared training plumbing (IDX reader, data directories, atomic files).</li>
 * </ul>
 * This package itself holds what they all share: {@link dev.kl4j.core.InvalidArgumentException}, the
 * argument rules and their wording ({@link dev.kl4j.core.ArgumentChecks}), and the numerically stable
 * helpers ({@link dev.kl4j.core.StableMath}: logRatio, expm1MinusX, logSumExp, logSoftmax).
 */
package dev.kl4j.core;
