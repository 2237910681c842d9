/**
 * Policy updates and their numerical pieces.
 * <ul>
 *   <li>PPO: the minibatch loop {@link dev.kl4j.ppo.algo.PpoUpdate} (value loss, entropy bonus, global-norm
 *       gradient clipping, Adam, target-KL early stopping) with a {@link dev.kl4j.ppo.algo.PolicyObjective}:
 *       the clipped surrogate {@link dev.kl4j.ppo.algo.PpoClip} (Schulman et al. 2017, eq. 7) or the
 *       adaptive KL penalty {@link dev.kl4j.ppo.algo.PpoKlPenalty} (section 4); the rollout as tensors with
 *       π_old in {@link dev.kl4j.ppo.algo.RolloutTensors}.</li>
 *   <li>{@link dev.kl4j.ppo.algo.Trpo}: one Trust Region Policy Optimization update (Schulman et al.
 *       2015): maximise the importance-weighted surrogate L(θ) = mean[π_θ/π_old · Â] subject to the mean
 *       KL(π_old ‖ π_θ) ≤ δ, by the natural-gradient direction s = F⁻¹g, the maximal step
 *       √(2δ / sᵀFs)·s and a backtracking line search (×0.8, up to 10 trials) that accepts only a step
 *       whose exact KL is within δ and whose surrogate improved; otherwise the parameters stay.
 *       Defaults δ = 0.01, damping 0.1, 10 CG iterations, as in Spinning Up and sb3-contrib.</li>
 *   <li>{@link dev.kl4j.ppo.algo.FisherVectorProduct}: F v = (1/B) Σ J_bᵀ M_b J_b v + λv, the
 *       Gauss–Newton form of the KL Hessian (Schulman et al. 2015, Appendix C; Martens 2020), from a
 *       central difference of forward passes (J v), the distribution's closed-form metric M, and one
 *       backward pass (Jᵀ u): DJL has no double backpropagation.</li>
 *   <li>{@link dev.kl4j.ppo.algo.ConjugateGradient}: CG on a matrix-free SPD operator (Nocedal &amp;
 *       Wright, Algorithm 5.2).</li>
 *   <li>{@link dev.kl4j.ppo.algo.ParameterVector}: a policy's parameters as one flat vector.</li>
 *   <li>The KL penalty to a frozen reference policy, added to every step's reward
 *       ({@link dev.kl4j.ppo.algo.ReferenceKlPenalty}) with a fixed or adaptive β
 *       ({@link dev.kl4j.ppo.algo.AdaptiveKlController}, Ziegler et al. 2019).</li>
 *   <li>Optimiser pieces: {@link dev.kl4j.core.djl.DjlAdam} (PyTorch's update exactly) and
 *       {@link dev.kl4j.ppo.algo.GradientClipping} (by global norm).</li>
 * </ul>
 * The trainer that drives them is {@code dev.kl4j.ppo.train.PpoTrainer}.
 */
package dev.kl4j.ppo.algo;
