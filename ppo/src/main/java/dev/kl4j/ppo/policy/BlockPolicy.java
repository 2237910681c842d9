package dev.kl4j.ppo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlCategorical;
import dev.kl4j.core.djl.DjlDiagNormal;
import dev.kl4j.core.djl.DjlDistribution;

/**
 * A {@link Policy} around a user's own DJL {@link Block}, so that any network DJL can express (a
 * {@code SequentialBlock} of {@code Linear}, {@code Conv2d}, … layers) replaces {@link MlpPolicy}:
 * <pre>{@code
 *   Block net = new SequentialBlock()
 *           .add(Linear.builder().setUnits(128).build()).add(Activation::relu)
 *           .add(Linear.builder().setUnits(numActions).build());
 *   Policy policy = BlockPolicy.categorical(manager, net, observationSize);
 * }</pre>
 * Three heads:
 * <ul>
 *   <li>{@link #categorical}: the block outputs logits {@code [B, K]};</li>
 *   <li>{@link #gaussian}: the block outputs means {@code [B, A]} and the adapter adds a
 *       state-independent {@code logStd} parameter {@code [A]};</li>
 *   <li>{@link #gaussianWithLogStdOutput}: the block outputs two arrays, means and log-stds, both
 *       {@code [B, A]} (state-dependent spread).</li>
 * </ul>
 * A block that is not yet initialised is initialised with {@code [1, observationSize]} inputs in the
 * given manager's data type float32 (set your own initialisers before, e.g. {@link OrthogonalInitializer}).
 * The block is called with {@code training = false}: TRPO's Fisher-vector products need a deterministic
 * forward pass (no dropout).
 */
public final class BlockPolicy implements Policy {
    private enum Head { CATEGORICAL, GAUSSIAN_SHARED_LOG_STD, GAUSSIAN_LOG_STD_OUTPUT }

    private final Block block;
    private final ParameterStore store;
    private final Head head;
    private final Parameter logStd;
    private final int observationSize;

    private BlockPolicy(Block block, NDManager manager, Head head, Parameter logStd, int observationSize) {
        this.block = block;
        this.store = new ParameterStore(manager, false);
        this.head = head;
        this.logStd = logStd;
        this.observationSize = observationSize;
    }

    /**
     * @param manager         owner of the block's parameters (if it initialises them)
     * @param block           maps {@code [B, observationSize]} to logits {@code [B, K]}
     * @param observationSize observation features
     * @return the categorical policy
     */
    public static BlockPolicy categorical(NDManager manager, Block block, int observationSize) {
        initialize(manager, block, observationSize);
        return new BlockPolicy(block, manager, Head.CATEGORICAL, null, observationSize);
    }

    /**
     * @param manager         owner of the block's parameters and of the log-std parameter
     * @param block           maps {@code [B, observationSize]} to means {@code [B, A]}
     * @param observationSize observation features
     * @param actionSize      action dimensions A
     * @param initialLogStd   initial ln σ (0 in CleanRL and Spinning Up's default −0.5)
     * @return the Gaussian policy with a state-independent log-std, named {@code logStd}
     */
    public static BlockPolicy gaussian(NDManager manager, Block block, int observationSize, int actionSize,
            double initialLogStd) {
        if (actionSize <= 0) {
            throw new InvalidArgumentException("actionSize", "actionSize must be positive, got " + actionSize);
        }
        initialize(manager, block, observationSize);
        NDArray init = manager.full(new Shape(actionSize), (float) initialLogStd, DataType.FLOAT32);
        return new BlockPolicy(block, manager, Head.GAUSSIAN_SHARED_LOG_STD,
                Mlp.trainable("logStd", Parameter.Type.OTHER, init), observationSize);
    }

    /**
     * @param manager         owner of the block's parameters
     * @param block           maps {@code [B, observationSize]} to {@code [mean, logStd]}, both {@code [B, A]}
     * @param observationSize observation features
     * @return the Gaussian policy with a state-dependent log-std
     */
    public static BlockPolicy gaussianWithLogStdOutput(NDManager manager, Block block, int observationSize) {
        initialize(manager, block, observationSize);
        return new BlockPolicy(block, manager, Head.GAUSSIAN_LOG_STD_OUTPUT, null, observationSize);
    }

    static void initialize(NDManager manager, Block block, int observationSize) {
        if (observationSize <= 0) {
            throw new InvalidArgumentException("observationSize", "observationSize must be positive, got " + observationSize);
        }
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, observationSize));
        }
    }

    /** @return the wrapped block */
    public Block block() {
        return block;
    }

    @Override
    public DjlDistribution distribution(NDArray observations) {
        NDList out = forward(observations);
        return head == Head.CATEGORICAL
                ? DjlCategorical.fromLogits(out.get(0))
                : DjlDiagNormal.fromLogStd(out.get(0), out.get(1));
    }

    @Override
    public NDList forward(NDArray observations) {
        MlpPolicy.requireObservations(observations, observationSize);
        NDList out = block.forward(store, new NDList(observations), false);
        int expected = head == Head.GAUSSIAN_LOG_STD_OUTPUT ? 2 : 1;
        if (out.size() != expected) {
            throw new InvalidArgumentException("block", "the block returned " + out.size()
                    + " arrays; this policy head needs " + expected);
        }
        if (head == Head.GAUSSIAN_SHARED_LOG_STD) {
            NDArray spread = logStd.getArray();
            return new NDList(out.get(0), Mlp.differentiableCopy(spread));
        }
        return out;
    }

    @Override
    public ParameterList parameters() {
        ParameterList list = new ParameterList();
        block.getParameters().forEach(pair -> list.add(pair.getKey(), pair.getValue()));
        if (logStd != null) {
            list.add(logStd.getName(), logStd);
        }
        return list;
    }
}
