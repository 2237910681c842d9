/**
 * Files of a PPO run: {@code metrics.csv}, {@code summary.json} and the PNG curves of return and KL
 * ({@link dev.kl4j.examples.ppo.PpoRunFiles}); rendering lives in {@code examples.ppo.render}.
 */
package dev.kl4j.examples.ppo;
