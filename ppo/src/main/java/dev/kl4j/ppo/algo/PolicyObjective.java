package dev.kl4j.ppo.algo;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.djl.DjlDistribution;

/**
 * The policy part of a PPO loss on one minibatch, to be minimised: {@link PpoClip} (the clipped
 * surrogate) or {@link PpoKlPenalty} (the surrogate with a KL penalty). {@link PpoUpdate} adds the value
 * loss and the entropy bonus and takes the gradient step.
 */
public interface PolicyObjective {
    /**
     * {@return the scalar loss to minimise, a mean over the minibatch's rows; the formula and its source are
     * in the implementing class's Javadoc ({@link PpoClip}, {@link PpoKlPenalty})}
     *
     * @param minibatch the rows (advantages already normalised if asked)
     * @param current   π_θ on the minibatch's observations (differentiable)
     * @param ratio     r_t(θ) = π_θ(a_t|s_t) / π_old(a_t|s_t), {@code [B]} (differentiable)
     */
    NDArray loss(RolloutTensors.Minibatch minibatch, DjlDistribution current, NDArray ratio);

    /** {@return the clip range ε used for the clip-fraction diagnostic (PPO-KL reports it at ε = 0.2)} */
    double clipRange();
}
