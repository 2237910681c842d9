package dev.kl4j.ppo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.ParameterList;
import dev.kl4j.core.djl.DjlDistribution;

/**
 * The actor: a stochastic policy π_θ(a|s) given by a network that maps a batch of observations to the
 * parameters of an action distribution.
 *
 * <p>{@link #distribution} is differentiable in {@link #parameters()}: a loss built from its
 * {@code logProb}, {@code entropy} or {@code kl} back-propagates into the parameters' gradients when it
 * runs inside a DJL {@code GradientCollector}. The parameter arrays are the live weights: optimisers and
 * TRPO update them in place.
 *
 * <p>Implementations: {@link MlpPolicy} (the default 64-64 tanh network) and {@link BlockPolicy} (any
 * DJL {@code Block}).
 */
public interface Policy {

    /**
     * @param observations {@code [B, observationSize]}
     * @return π_θ(·|s_b) for each batch element
     */
    DjlDistribution distribution(NDArray observations);

    /**
     * @param observations {@code [B, observationSize]}
     * @return the raw distribution parameters: {@code [logits]} ({@code [B, K]}) for discrete actions,
     *         {@code [mean, logStd]} ({@code [B, A]} and {@code [A]} or {@code [B, A]}) for continuous ones
     */
    NDList forward(NDArray observations);

    /** @return the trainable parameters by name, in a fixed order */
    ParameterList parameters();
}
