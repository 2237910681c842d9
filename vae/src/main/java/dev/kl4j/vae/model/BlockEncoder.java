package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.kl4j.core.InvalidArgumentException;
import java.util.Map;

/**
 * Any DJL {@link Block} as a VAE {@link Encoder}, so that a network built from DJL layers (e.g. a
 * {@code SequentialBlock} of {@code Conv2d}, {@code Activation.reluBlock()}, {@code Blocks.batchFlattenBlock()}
 * and {@code Linear}) is trained by the kl4j ELBO, trainer and checkpoints.
 *
 * <p>The block receives each batch reshaped to {@code [B, ...imageShape]} (e.g. {@code [B, 1, 28, 28]})
 * and must return {@code [B, 2·latent]}: the first {@code latent} columns are μ, the others ln σ². It is
 * run with {@code training = true}; its arrays are read through a plain {@link ParameterStore}
 * (no copies), so gradients land on the block's own parameters.
 */
public final class BlockEncoder implements Encoder {
    private final Block block;
    private final ParameterStore store;
    private final Shape imageShape;
    private final int latent;

    private BlockEncoder(Block block, ParameterStore store, Shape imageShape, int latent) {
        this.block = block;
        this.store = store;
        this.imageShape = imageShape;
        this.latent = latent;
    }

    /**
     * @param manager    owner of the block's parameters (use the model's manager)
     * @param block      the network, initialised here if it is not yet
     * @param imageShape shape of one image as the block wants it, e.g. {@code (1, 28, 28)}; its size must
     *                   be the number of pixels
     * @param latent     latent dimensions; the block's output must have {@code 2·latent} columns
     * @return the encoder
     * @throws InvalidArgumentException ({@code block}) when the block's output does not have that shape
     */
    public static BlockEncoder of(NDManager manager, Block block, Shape imageShape, int latent) {
        if (latent < 1) {
            throw new InvalidArgumentException("latent", "latent = " + latent + " must be >= 1");
        }
        Shape out = BlockParameters.initialize(manager, block, imageShape);
        if (out.dimension() != 2 || out.get(1) != 2L * latent) {
            throw new InvalidArgumentException("block", "the encoder block returns " + out + " for one image of "
                    + imageShape + "; it must return (1, " + 2 * latent + "): μ and ln σ² for " + latent
                    + " latent dimensions");
        }
        return new BlockEncoder(block, new ParameterStore(manager, false), imageShape, latent);
    }

    @Override
    public Posterior encode(NDArray x) {
        NDArray images = x.reshape(new Shape(x.getShape().get(0)).addAll(imageShape));
        return Posterior.fromStacked(block.forward(store, new NDList(images), true).singletonOrThrow());
    }

    @Override
    public int latent() {
        return latent;
    }

    @Override
    public Map<String, NDArray> parameters() {
        return BlockParameters.of(block);
    }

    /** @return the wrapped block */
    public Block block() {
        return block;
    }
}
