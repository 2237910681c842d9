/**
 * The ND4J front end: the same divergences as {@code dev.kl4j.core.discrete} and {@code dev.kl4j.core.kl}
 * on ND4J {@code INDArray}s, batched over rows, for evaluation pipelines that already hold their data in
 * ND4J (DL4J, SameDiff) and for batched linear algebra (multivariate normal KL through
 * {@code Nd4j.linalg()} Cholesky factors) and special functions (ND4J's digamma and lgamma ops).
 *
 * <p>Not differentiable (use {@code dev.kl4j.core.djl} for training). Inputs are validated like the
 * {@code double[]} path: NaN, negative mass, rows that do not sum to 1, non-positive parameters and
 * non-positive-definite covariances throw {@link dev.kl4j.core.InvalidArgumentException} naming the
 * argument. float32 and float64 both work; results keep the input type. No method modifies its inputs
 * (ND4J's {@code Nd4j.math().exp/log} work in place; this package uses copying operations).
 */
package dev.kl4j.core.nd4j;
