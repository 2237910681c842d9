package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@link BlockEncoder} and {@link BlockDecoder} share: initialising a block and naming its arrays. */
final class BlockParameters {
    private BlockParameters() {
    }

    /**
     * Initialises {@code block} for one input of {@code [1, ...sampleShape]} unless it already is (DJL's
     * initialisers draw from the engine's generator: seed it with {@code Engine.setRandomSeed} first).
     *
     * @return the block's output shape for that input
     */
    static Shape initialize(NDManager manager, Block block, Shape sampleShape) {
        Shape input = new Shape(1).addAll(sampleShape);
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, input);
        }
        return block.getOutputShapes(new Shape[] {input})[0];
    }

    /** @return the block's parameter arrays by DJL's names (e.g. {@code 01Conv2d_weight}), in block order */
    static Map<String, NDArray> of(Block block) {
        Map<String, NDArray> p = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            p.put(entry.getKey(), entry.getValue().getArray());
        }
        return p;
    }
}
