/** Policy optimisation under a KL constraint (PPO-clip, PPO with adaptive KL penalty, TRPO) on Gymnasium-faithful environments. Placeholder until its issue lands. */
package dev.kl4j.ppo;
