/**
 * Policy updates: PPO's minibatch loop ({@link dev.kl4j.ppo.algo.PpoUpdate}) with the clipped surrogate
 * ({@link dev.kl4j.ppo.algo.PpoClip}) or the adaptive KL penalty ({@link dev.kl4j.ppo.algo.PpoKlPenalty});
 * TRPO ({@link dev.kl4j.ppo.algo.Trpo} with {@link dev.kl4j.ppo.algo.ConjugateGradient} and
 * {@link dev.kl4j.ppo.algo.FisherVectorProduct}); the KL penalty to a reference policy
 * ({@link dev.kl4j.ppo.algo.ReferenceKlPenalty}, {@link dev.kl4j.ppo.algo.AdaptiveKlController}); and the
 * optimiser pieces they share ({@link dev.kl4j.ppo.algo.Adam}, {@link dev.kl4j.ppo.algo.GradientClipping}).
 */
package dev.kl4j.ppo.algo;
