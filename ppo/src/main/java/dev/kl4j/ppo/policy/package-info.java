/**
 * Actors and critics for policy-gradient methods: the {@link dev.kl4j.ppo.policy.Policy} (observations →
 * action distribution, a {@link dev.kl4j.core.djl.DjlDistribution}) and
 * {@link dev.kl4j.ppo.policy.ValueFunction} (observations → V(s)) interfaces, the default 64-64 tanh
 * networks with orthogonal initialisation ({@link dev.kl4j.ppo.policy.MlpPolicy},
 * {@link dev.kl4j.ppo.policy.MlpValueFunction}, {@link dev.kl4j.ppo.policy.OrthogonalInitializer}) and
 * adapters that let a user's DJL {@code Block} take their place ({@link dev.kl4j.ppo.policy.BlockPolicy},
 * {@link dev.kl4j.ppo.policy.BlockValueFunction}).
 *
 * <p>Defaults follow the PPO paper (Schulman et al. 2017, section 6.1) and CleanRL: two hidden layers of
 * 64 tanh units, orthogonal weights with gain √2 in hidden layers, 0.01 in the policy head and 1 in the
 * value head, zero biases; a Gaussian policy has a state-independent log-std parameter initialised to 0.
 */
package dev.kl4j.ppo.policy;
