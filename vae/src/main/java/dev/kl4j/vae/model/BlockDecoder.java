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
 * Any DJL {@link Block} as a VAE {@link Decoder}: it receives latents {@code [N, latent]} and returns
 * {@code inputSize} values per row, in any shape whose trailing dimensions hold them (e.g.
 * {@code [N, inputSize]} from a {@code Linear}, or {@code [N, 1, 28, 28]} from a transposed convolution).
 * Leading dimensions of z beyond the batch (the evaluator's K importance samples, {@code [K, B, latent]})
 * are flattened for the block and restored on its output. Run with {@code training = true} through a
 * plain {@link ParameterStore}, as {@link BlockEncoder}.
 */
public final class BlockDecoder implements Decoder {
    private final Block block;
    private final ParameterStore store;
    private final int latent;
    private final long outputSize;

    private BlockDecoder(Block block, ParameterStore store, int latent, long outputSize) {
        this.block = block;
        this.store = store;
        this.latent = latent;
        this.outputSize = outputSize;
    }

    /**
     * @param manager   owner of the block's parameters (use the model's manager)
     * @param block     the network, initialised here if it is not yet
     * @param latent    latent dimensions (the block's input width)
     * @param inputSize pixels per image; the block's output per row must have this many values
     * @return the decoder
     * @throws InvalidArgumentException ({@code block}) when the block's output has another size
     */
    public static BlockDecoder of(NDManager manager, Block block, int latent, int inputSize) {
        if (latent < 1) {
            throw new InvalidArgumentException("latent", "latent = " + latent + " must be >= 1");
        }
        Shape out = BlockParameters.initialize(manager, block, new Shape(latent));
        if (out.size() != inputSize) {
            throw new InvalidArgumentException("block", "the decoder block returns " + out + " for one latent"
                    + " vector; it must return " + inputSize + " values (one per pixel)");
        }
        return new BlockDecoder(block, new ParameterStore(manager, false), latent, inputSize);
    }

    @Override
    public NDArray decode(NDArray z) {
        Shape leading = z.getShape().slice(0, z.getShape().dimension() - 1);
        NDArray rows = z.reshape(new Shape(-1, latent));
        NDArray out = block.forward(store, new NDList(rows), true).singletonOrThrow();
        return out.reshape(leading.addAll(new Shape(outputSize)));
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
