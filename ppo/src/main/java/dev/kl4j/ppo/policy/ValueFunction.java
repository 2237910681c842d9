package dev.kl4j.ppo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.ParameterList;

/**
 * The critic: a state-value estimate V_φ(s), differentiable in {@link #parameters()}.
 *
 * <p>Implementations: {@link MlpValueFunction} (64-64 tanh) and {@link BlockValueFunction} (any DJL
 * {@code Block}).
 */
public interface ValueFunction {

    /**
     * @param observations {@code [B, observationSize]}
     * @return V(s_b), {@code [B]}
     */
    NDArray value(NDArray observations);

    /** @return the trainable parameters by name, in a fixed order */
    ParameterList parameters();
}
