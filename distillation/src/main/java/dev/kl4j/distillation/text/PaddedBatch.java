package dev.kl4j.distillation.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.kl4j.core.InvalidArgumentException;
import java.util.List;

/**
 * A batch of B records of different lengths for next-character prediction, padded to the longest, T:
 * <pre>
 *   inputs[b]  = BOUNDARY, c_1, …, c_{n−1}       targets[b] = c_1, …, c_{n−1}, BOUNDARY
 *   mask[b, t] = t &lt; n_b                         (n_b = min(record length + 1, maxLength))
 * </pre>
 * A record longer than {@code maxLength − 1} characters is cut, and then has no end target. Padded
 * positions hold {@link CharVocabulary#BOUNDARY} in both arrays and {@code false} in the mask; the losses of
 * {@code dev.kl4j.distillation.loss} and {@link TextDistillationTrainer#bitsPerCharacter} drop them.
 * All arrays are row-major {@code [B, T]}.
 *
 * @param batch   B
 * @param length  T
 * @param inputs  input indices
 * @param targets target indices
 * @param mask    true at real (unpadded) positions
 */
public record PaddedBatch(int batch, int length, int[] inputs, int[] targets, boolean[] mask) {
    /**
     * Pads records into one batch by the layout of the class comment.
     *
     * @param records   the records' character indices ({@link CharVocabulary#encode}), without boundaries
     * @param maxLength the largest T, ≥ 1
     * @return the padded batch
     */
    public static PaddedBatch of(List<int[]> records, int maxLength) {
        if (records == null || records.isEmpty()) {
            throw new InvalidArgumentException("records", "records must hold at least one record");
        }
        if (maxLength < 1) {
            throw new InvalidArgumentException("maxLength", "maxLength must be >= 1, got " + maxLength);
        }
        int batch = records.size();
        int length = 0;
        for (int[] r : records) {
            length = Math.max(length, Math.min(r.length + 1, maxLength));
        }
        int[] inputs = new int[batch * length];
        int[] targets = new int[batch * length];
        boolean[] mask = new boolean[batch * length];
        for (int b = 0; b < batch; b++) {
            int[] r = records.get(b);
            int n = Math.min(r.length + 1, maxLength);
            for (int t = 0; t < n; t++) {
                int at = b * length + t;
                inputs[at] = t == 0 ? CharVocabulary.BOUNDARY : r[t - 1];
                targets[at] = t < r.length ? r[t] : CharVocabulary.BOUNDARY;
                mask[at] = true;
            }
        }
        return new PaddedBatch(batch, length, inputs, targets, mask);
    }

    /** {@return the number of real positions (characters to predict): Σ_b n_b, the true entries of the mask} */
    public int positions() {
        int n = 0;
        for (boolean m : mask) {
            n += m ? 1 : 0;
        }
        return n;
    }

    /**
     * Copies the batch into DJL arrays.
     *
     * @param manager the arrays' owner
     * @return inputs (int64), targets (int64) and mask (boolean), each {@code [B, T]}
     */
    public NDList toArrays(NDManager manager) {
        Shape shape = new Shape(batch, length);
        long[] in = new long[inputs.length];
        long[] out = new long[targets.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputs[i];
            out[i] = targets[i];
        }
        NDArray inputArray = manager.create(in, shape);
        NDArray targetArray = manager.create(out, shape);
        NDArray maskArray = manager.create(mask, shape);
        return new NDList(inputArray, targetArray, maskArray);
    }
}
