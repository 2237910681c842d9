package dev.kl4j.ppo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlScopes;

/**
 * A {@link ValueFunction} around a user's own DJL {@link Block} that maps {@code [B, observationSize]}
 * to values {@code [B, 1]} or {@code [B]}; the counterpart of {@link BlockPolicy}.
 */
public final class BlockValueFunction implements ValueFunction {
    private final Block block;
    private final ParameterStore store;
    private final int observationSize;

    private BlockValueFunction(Block block, NDManager manager, int observationSize) {
        this.block = block;
        this.store = new ParameterStore(manager, false);
        this.observationSize = observationSize;
    }

    /**
     * @param manager         owner of the block's parameters (if it initialises them)
     * @param block           the network; initialised with {@code [1, observationSize]} inputs if it is not yet
     * @param observationSize observation features
     * @return the value function
     */
    public static BlockValueFunction of(NDManager manager, Block block, int observationSize) {
        BlockPolicy.initialize(manager, block, observationSize);
        return new BlockValueFunction(block, manager, observationSize);
    }

    /** @return the wrapped block */
    public Block block() {
        return block;
    }

    @Override
    public NDArray value(NDArray observations) {
        MlpPolicy.requireObservations(observations, observationSize);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDList out = block.forward(store, new NDList(observations), false);
            NDArray v = out.singletonOrThrow();
            long batch = observations.getShape().get(0);
            if (v.getShape().dimension() == 2 && v.getShape().get(1) == 1) {
                return v.squeeze(-1);
            }
            if (v.getShape().dimension() == 1 && v.getShape().get(0) == batch) {
                return v;
            }
            throw new InvalidArgumentException("block", "the block returned shape " + v.getShape()
                    + "; a value function returns [B, 1] or [B]");
        });
    }

    @Override
    public ParameterList parameters() {
        return block.getParameters();
    }
}
