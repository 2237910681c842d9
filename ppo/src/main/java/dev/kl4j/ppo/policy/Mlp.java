package dev.kl4j.ppo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.core.Linear;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlScopes;
import java.util.random.RandomGenerator;

/**
 * A fully connected tanh network y = W_L tanh(… tanh(W_1 x + b_1) …) + b_L with orthogonally initialised
 * weights and zero biases, the torso of {@link MlpPolicy} and {@link MlpValueFunction}. One fused
 * {@code linear} operation (x Wᵀ + b) and one {@code tanh} per hidden layer: a forward pass of the default
 * 64-64 network is five engine operations, which matters when a rollout runs one tiny batch per step.
 */
final class Mlp {
    private final Parameter[] weights;
    private final Parameter[] biases;

    private Mlp(Parameter[] weights, Parameter[] biases) {
        this.weights = weights;
        this.biases = biases;
    }

    /**
     * @param prefix     name prefix of the parameters
     * @param inputSize  input features
     * @param hidden     hidden layer sizes (may be empty: a linear map)
     * @param outputSize outputs
     * @param headGain   orthogonal gain of the output layer (hidden layers use √2)
     */
    static Mlp create(NDManager manager, DataType dataType, String prefix, int inputSize, int[] hidden,
            int outputSize, double headGain, RandomGenerator rng) {
        if (inputSize <= 0) {
            throw new InvalidArgumentException("observationSize", "observationSize must be positive, got " + inputSize);
        }
        for (int h : hidden) {
            if (h <= 0) {
                throw new InvalidArgumentException("hiddenSizes", "hidden layer sizes must be positive, got " + h);
            }
        }
        int layers = hidden.length + 1;
        Parameter[] weights = new Parameter[layers];
        Parameter[] biases = new Parameter[layers];
        int in = inputSize;
        for (int l = 0; l < layers; l++) {
            boolean head = l == hidden.length;
            int out = head ? outputSize : hidden[l];
            double gain = head ? headGain : OrthogonalInitializer.HIDDEN_GAIN;
            String name = prefix + (head ? "head" : "hidden" + l);
            NDArray w = OrthogonalInitializer.of(gain, rng).initialize(manager, new Shape(out, in), dataType);
            weights[l] = trainable(name + ".weight", Parameter.Type.WEIGHT, w);
            biases[l] = trainable(name + ".bias", Parameter.Type.BIAS, manager.zeros(new Shape(out), dataType));
            in = out;
        }
        return new Mlp(weights, biases);
    }

    static Parameter trainable(String name, Parameter.Type type, NDArray array) {
        array.setName(name);
        array.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(type).optArray(array).build();
    }

    /**
     * A new array equal to {@code parameter} that back-propagates into it: closing the copy leaves the
     * parameter alone, and a later in-place update of the parameter does not change the copy. (DJL's
     * {@code duplicate()} gives a copy without the gradient connection, so the copy is x + 0.)
     */
    static NDArray differentiableCopy(NDArray parameter) {
        return parameter.add(parameter.getManager().zeros(new Shape(), parameter.getDataType()));
    }

    NDArray forward(NDArray x) {
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray h = x;
            int last = weights.length - 1;
            for (int l = 0; l < last; l++) {
                h = Linear.linear(h, weights[l].getArray(), biases[l].getArray()).singletonOrThrow().tanh();
            }
            return Linear.linear(h, weights[last].getArray(), biases[last].getArray()).singletonOrThrow();
        });
    }

    void addTo(ParameterList list) {
        for (int l = 0; l < weights.length; l++) {
            list.add(weights[l].getName(), weights[l]);
            list.add(biases[l].getName(), biases[l]);
        }
    }

    int inputSize() {
        return (int) weights[0].getArray().getShape().get(1);
    }
}
