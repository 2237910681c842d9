package dev.kl4j.ppo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlCategorical;
import dev.kl4j.core.djl.DjlDiagNormal;
import dev.kl4j.core.djl.DjlDistribution;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The default actor: a tanh MLP (64-64 by default) from observations to the parameters of the action
 * distribution, as in the PPO paper (Schulman et al. 2017, section 6.1: "a fully-connected MLP with two
 * hidden layers of 64 units, and tanh nonlinearities") and CleanRL's {@code ppo.py} /
 * {@code ppo_continuous_action.py}.
 * <ul>
 *   <li><b>Discrete actions</b> ({@link #categorical}): the head outputs K logits, the policy is
 *       {@link DjlCategorical}.</li>
 *   <li><b>Continuous actions</b> ({@link #gaussian}): the head outputs the mean μ(s) ∈ ℝ^A and a
 *       state-independent parameter ln σ ∈ ℝ^A (initially 0, σ = 1) gives the spread; the policy is
 *       {@link DjlDiagNormal} with the {@code [A]} log-std broadcast over the batch. Actions are not
 *       squashed: environments clip them to their action space (as Gymnasium's do).</li>
 * </ul>
 * Initialisation ({@link OrthogonalInitializer}): hidden weights orthogonal with gain √2, head weights
 * gain 0.01 (so the initial policy is nearly uniform, or centred at 0), biases 0.
 *
 * <p>Parameters are named {@code hidden0.weight, hidden0.bias, …, head.weight, head.bias} and, for the
 * Gaussian, {@code logStd}; their arrays belong to the manager given at construction.
 */
public final class MlpPolicy implements Policy {
    /** Hidden layer sizes by default: two layers of 64. */
    public static final int[] DEFAULT_HIDDEN_SIZES = {64, 64};

    private final Mlp network;
    private final Parameter logStd;   // null for a categorical policy

    private MlpPolicy(Mlp network, Parameter logStd) {
        this.network = network;
        this.logStd = logStd;
    }

    /**
     * The 64-64 tanh categorical policy.
     *
     * @param manager         owner of the parameters
     * @param observationSize observation features
     * @param numActions      number of discrete actions K
     * @param rng             seeds the initial weights
     * @return the policy
     */
    public static MlpPolicy categorical(NDManager manager, int observationSize, int numActions, RandomGenerator rng) {
        return builder(observationSize).categorical(numActions).build(manager, rng);
    }

    /**
     * The 64-64 tanh Gaussian policy with a state-independent log-std initialised to 0.
     *
     * @param manager         owner of the parameters
     * @param observationSize observation features
     * @param actionSize      action dimensions A
     * @param rng             seeds the initial weights
     * @return the policy
     */
    public static MlpPolicy gaussian(NDManager manager, int observationSize, int actionSize, RandomGenerator rng) {
        return builder(observationSize).gaussian(actionSize).build(manager, rng);
    }

    /**
     * @param observationSize observation features
     * @return a builder; choose {@link Builder#categorical} or {@link Builder#gaussian}
     */
    public static Builder builder(int observationSize) {
        return new Builder(observationSize);
    }

    /** Options of an {@link MlpPolicy}; defaults: 64-64 hidden, initial log-std 0, float32. */
    public static final class Builder {
        private final int observationSize;
        private int numActions;
        private int actionSize;
        private int[] hiddenSizes = DEFAULT_HIDDEN_SIZES.clone();
        private double initialLogStd;
        private DataType dataType = DataType.FLOAT32;

        private Builder(int observationSize) {
            this.observationSize = observationSize;
        }

        /** @param numActions discrete actions K ≥ 1: a categorical head @return this */
        public Builder categorical(int numActions) {
            if (numActions <= 0) {
                throw new InvalidArgumentException("numActions", "numActions must be positive, got " + numActions);
            }
            this.numActions = numActions;
            this.actionSize = 0;
            return this;
        }

        /** @param actionSize action dimensions A ≥ 1: a Gaussian head @return this */
        public Builder gaussian(int actionSize) {
            if (actionSize <= 0) {
                throw new InvalidArgumentException("actionSize", "actionSize must be positive, got " + actionSize);
            }
            this.actionSize = actionSize;
            this.numActions = 0;
            return this;
        }

        /** @param sizes hidden layer sizes, e.g. {@code 64, 64}; none gives a linear policy @return this */
        public Builder hiddenSizes(int... sizes) {
            this.hiddenSizes = sizes.clone();
            return this;
        }

        /** @param value initial ln σ of the Gaussian head (default 0) @return this */
        public Builder initialLogStd(double value) {
            if (!Double.isFinite(value)) {
                throw new InvalidArgumentException("initialLogStd", "initialLogStd must be finite, got " + value);
            }
            this.initialLogStd = value;
            return this;
        }

        /** @param type parameter data type (default float32; float64 for precision tests) @return this */
        public Builder dataType(DataType type) {
            this.dataType = type;
            return this;
        }

        /**
         * @param manager owner of the parameters
         * @param rng     seeds the initial weights (hidden layers first, then the head)
         * @return the policy
         */
        public MlpPolicy build(NDManager manager, RandomGenerator rng) {
            if (numActions == 0 && actionSize == 0) {
                throw new InvalidArgumentException("actions", "choose categorical(numActions) or gaussian(actionSize)");
            }
            int outputs = numActions > 0 ? numActions : actionSize;
            Mlp network = Mlp.create(manager, dataType, "", observationSize, hiddenSizes, outputs,
                    OrthogonalInitializer.ACTOR_HEAD_GAIN, rng);
            Parameter logStd = null;
            if (actionSize > 0) {
                NDArray init = manager.full(new Shape(actionSize), (float) initialLogStd, dataType);
                logStd = Mlp.trainable("logStd", Parameter.Type.OTHER, init);
            }
            return new MlpPolicy(network, logStd);
        }
    }

    /** @return true for a Gaussian (continuous-action) policy, false for a categorical one */
    public boolean isGaussian() {
        return logStd != null;
    }

    @Override
    public DjlDistribution distribution(NDArray observations) {
        NDList out = forward(observations);
        return logStd == null
                ? DjlCategorical.fromLogits(out.get(0))
                : DjlDiagNormal.fromLogStd(out.get(0), out.get(1));
    }

    /**
     * @return {@code [logits]} or {@code [mean, logStd]}; the log-std is a differentiable copy of the
     *         parameter, so closing it does not close the parameter and a later update of the parameter
     *         does not change a distribution computed earlier
     */
    @Override
    public NDList forward(NDArray observations) {
        requireObservations(observations, network.inputSize());
        NDArray head = network.forward(observations);
        if (logStd == null) {
            return new NDList(head);
        }
        NDArray spread = logStd.getArray();
        return new NDList(head, Mlp.differentiableCopy(spread));
    }

    @Override
    public ParameterList parameters() {
        ParameterList list = new ParameterList();
        network.addTo(list);
        if (logStd != null) {
            list.add(logStd.getName(), logStd);
        }
        return list;
    }

    static void requireObservations(NDArray observations, int size) {
        Shape s = observations.getShape();
        if (s.dimension() != 2 || s.get(1) != size) {
            throw new InvalidArgumentException("observations", "observations have shape " + s
                    + "; expected [B, " + size + "]");
        }
    }

    @Override
    public String toString() {
        return "MlpPolicy" + Arrays.toString(parameters().keys().toArray());
    }
}
