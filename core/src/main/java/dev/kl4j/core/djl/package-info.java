/**
 * The differentiable front end: divergences on DJL {@code NDArray}s, batched over leading axes, used by
 * the training code of the application modules. Every function has the same meaning as its
 * {@code double[]} counterpart in {@code dev.kl4j.core.discrete} or {@code dev.kl4j.core.kl}, and the
 * tests hold them to it: the same measure has the same name and argument order ({@code kl(p, q)},
 * {@code reverseKl(p, q)}, {@code klFromLogits(logitsP, logitsQ)}, {@code reverseKlFromLogits},
 * {@code entropyFromLogits}, {@code jsFromLogits}, {@code DjlGaussianKl.diagonalFromLogVar}).
 *
 * <p>Differentiable code here never hands a Java number to an NDArray operation ({@code x.mul(0.5f)}):
 * constants come from {@link dev.kl4j.core.djl.DjlScalars#of}, which a build test enforces.
 */
package dev.kl4j.core.djl;
