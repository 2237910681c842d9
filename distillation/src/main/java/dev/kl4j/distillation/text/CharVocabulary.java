package dev.kl4j.distillation.text;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The characters (Unicode code points) of a corpus, each with an index; index {@value #BOUNDARY} is the
 * record boundary, the input before a record's first character and the target after its last one, so a
 * model also learns where a record ends. The vocabulary size V is the number of distinct characters + 1.
 * Characters are numbered in code-point order, so the same texts always give the same vocabulary.
 */
public final class CharVocabulary {
    /** Index of the record boundary (start input and end target). */
    public static final int BOUNDARY = 0;

    private final int[] codePoints;            // index i + 1 ↔ codePoints[i]

    private CharVocabulary(int[] codePoints) {
        this.codePoints = codePoints;
    }

    /**
     * Builds the vocabulary of a corpus: its distinct code points in code-point order, after the boundary.
     *
     * @param texts the records whose characters make up the vocabulary
     * @return the vocabulary of every character in {@code texts}
     */
    public static CharVocabulary of(Collection<String> texts) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (String text : texts) {
            text.codePoints().forEach(seen::add);
        }
        return new CharVocabulary(seen.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Rebuilds a vocabulary from its {@link #symbols()}.
     *
     * @param symbols the characters, as {@link #symbols()} returned them
     * @return the vocabulary they describe
     */
    public static CharVocabulary fromSymbols(String symbols) {
        int[] points = symbols.codePoints().toArray();
        for (int i = 1; i < points.length; i++) {
            if (points[i] <= points[i - 1]) {
                throw new InvalidArgumentException("symbols", "symbols must be distinct characters in increasing order");
            }
        }
        return new CharVocabulary(points);
    }

    /** {@return V, the number of characters + 1 (the boundary)} */
    public int size() {
        return codePoints.length + 1;
    }

    /** {@return the characters in index order (without the boundary)} */
    public String symbols() {
        return new String(codePoints, 0, codePoints.length);
    }

    /**
     * Encodes a record as character indices.
     *
     * @param text a record
     * @return the index of each of its characters (no boundary)
     */
    public int[] encode(String text) {
        return text.codePoints().map(c -> {
            int i = Arrays.binarySearch(codePoints, c);
            if (i < 0) {
                throw new InvalidArgumentException("text", "character U+" + Integer.toHexString(c).toUpperCase()
                        + " is not in the vocabulary");
            }
            return i + 1;
        }).toArray();
    }

    /**
     * Decodes character indices back to text.
     *
     * @param indices character indices; decoding stops at the first boundary
     * @return the text
     */
    public String decode(int[] indices) {
        StringBuilder out = new StringBuilder();
        for (int i : indices) {
            if (i == BOUNDARY) {
                break;
            }
            out.appendCodePoint(codePoints[i - 1]);
        }
        return out.toString();
    }
}
