package dev.kl4j.distillation.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.kl4j.core.InvalidArgumentException;

/**
 * A character-level language model as a DJL block: one-hot(x_t) → LSTM (L layers, H units) → linear → V
 * logits of the next character (Graves 2013, "Generating Sequences With Recurrent Neural Networks", §2,
 * with one-hot inputs). Teacher and student are the same block at different sizes (defaults: teacher 2 × 256,
 * student 1 × 64).
 *
 * <p>Input: {@code [tokens]} with tokens int64 {@code [B, T]}, or {@code [tokens, h, c]} to continue from a
 * state ({@code [L, B, H]} each, as DJL's {@link LSTM} takes it). Output: {@code [logits, h, c]} with logits
 * {@code [B, T, V]}; the state lets {@link TextDistillationTrainer#sample} generate one character at a time.
 */
public final class CharLanguageModel extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int vocabularySize;
    private final int hidden;
    private final int layers;
    private final LSTM lstm;
    private final Linear head;

    private CharLanguageModel(int vocabularySize, int hidden, int layers) {
        super(VERSION);
        this.vocabularySize = vocabularySize;
        this.hidden = hidden;
        this.layers = layers;
        this.lstm = addChildBlock("lstm", LSTM.builder().setStateSize(hidden).setNumLayers(layers)
                .optBatchFirst(true).optReturnState(true).build());
        this.head = addChildBlock("head", Linear.builder().setUnits(vocabularySize).build());
    }

    /**
     * Creates the LSTM language model of the class comment: one-hot(x_t) → L-layer LSTM of H units → V logits.
     *
     * @param vocabularySize V ≥ 2
     * @param hidden         H ≥ 1, LSTM units per layer
     * @param layers         L ≥ 1
     * @return the block (uninitialised; a DJL {@code Trainer} initialises it with input shape {@code [B, T]})
     */
    public static CharLanguageModel lstm(int vocabularySize, int hidden, int layers) {
        if (vocabularySize < 2) {
            throw new InvalidArgumentException("vocabularySize", "vocabularySize must be >= 2, got " + vocabularySize);
        }
        if (hidden < 1) {
            throw new InvalidArgumentException("hidden", "hidden must be >= 1, got " + hidden);
        }
        if (layers < 1) {
            throw new InvalidArgumentException("layers", "layers must be >= 1, got " + layers);
        }
        return new CharLanguageModel(vocabularySize, hidden, layers);
    }

    /** {@return V, the vocabulary size (inputs are one-hot of this length, outputs V logits)} */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** {@return H, the LSTM units per layer} */
    public int hidden() {
        return hidden;
    }

    /** {@return L, the number of LSTM layers} */
    public int layers() {
        return layers;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray tokens = inputs.get(0);
        long batch = tokens.getShape().get(0);
        long steps = tokens.getShape().get(1);
        NDArray oneHot = tokens.oneHot(vocabularySize);                         // [B, T, V] float32
        NDList lstmIn = inputs.size() == 3 ? new NDList(oneHot, inputs.get(1), inputs.get(2)) : new NDList(oneHot);
        NDList lstmOut = lstm.forward(store, lstmIn, training);                 // [B, T, H], h, c
        NDArray flat = lstmOut.get(0).reshape(batch * steps, hidden);
        NDArray logits = head.forward(store, new NDList(flat), training).head().reshape(batch, steps, vocabularySize);
        return new NDList(logits, lstmOut.get(1), lstmOut.get(2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        Shape state = new Shape(layers, tokens.get(0), hidden);
        return new Shape[] {new Shape(tokens.get(0), tokens.get(1), vocabularySize), state, state};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        lstm.initialize(manager, dataType, new Shape(tokens.get(0), tokens.get(1), vocabularySize));
        head.initialize(manager, dataType, new Shape(tokens.get(0) * tokens.get(1), hidden));
    }
}
