package dev.kl4j.ppo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.ParameterList;
import dev.kl4j.core.djl.DjlScopes;
import java.util.random.RandomGenerator;

/**
 * The default critic: a tanh MLP (64-64 by default) from observations to one value V(s), with hidden
 * weights orthogonal (gain √2), the output layer orthogonal with gain 1, biases 0 (CleanRL's
 * {@code ppo.py}; OpenAI Baselines). Parameters are named {@code hidden0.weight, …, head.bias}.
 */
public final class MlpValueFunction implements ValueFunction {
    private final Mlp network;

    private MlpValueFunction(Mlp network) {
        this.network = network;
    }

    /**
     * The 64-64 tanh value function.
     *
     * @param manager         owner of the parameters
     * @param observationSize observation features
     * @param rng             seeds the initial weights
     * @return the value function
     */
    public static MlpValueFunction create(NDManager manager, int observationSize, RandomGenerator rng) {
        return create(manager, observationSize, MlpPolicy.DEFAULT_HIDDEN_SIZES, DataType.FLOAT32, rng);
    }

    /**
     * @param manager         owner of the parameters
     * @param observationSize observation features
     * @param hiddenSizes     hidden layer sizes
     * @param dataType        parameter data type
     * @param rng             seeds the initial weights
     * @return the value function
     */
    public static MlpValueFunction create(NDManager manager, int observationSize, int[] hiddenSizes,
            DataType dataType, RandomGenerator rng) {
        return new MlpValueFunction(Mlp.create(manager, dataType, "", observationSize, hiddenSizes.clone(), 1,
                OrthogonalInitializer.CRITIC_HEAD_GAIN, rng));
    }

    @Override
    public NDArray value(NDArray observations) {
        MlpPolicy.requireObservations(observations, network.inputSize());
        return DjlScopes.withIntermediatesClosed(() -> network.forward(observations).squeeze(-1));
    }

    @Override
    public ParameterList parameters() {
        ParameterList list = new ParameterList();
        network.addTo(list);
        return list;
    }
}
