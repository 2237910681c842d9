/**
 * The differentiable front end: divergences on DJL {@code NDArray}s, batched over leading axes, used by
 * the training code of the application modules. Every function has the same meaning as its
 * {@code double[]} counterpart in {@code dev.kl4j.core.discrete} or {@code dev.kl4j.core.kl}, and the
 * tests hold them to it.
 */
package dev.kl4j.core.djl;
