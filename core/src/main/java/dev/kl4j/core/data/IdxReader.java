package dev.kl4j.core.data;

import dev.kl4j.core.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format, LeCun et al.), raw or gzip-compressed (detected by the gzip magic
 * bytes {@code 1f 8b}), into whole arrays.
 *
 * <p>Layout, big-endian: a 4-byte magic {@code 0x00 0x00 type dims} (type {@code 0x08} = unsigned byte),
 * then {@code dims} 4-byte sizes, then the data. Images: magic {@code 0x00000803}, sizes
 * {@code count, rows, cols}; labels: magic {@code 0x00000801}, size {@code count}.
 *
 * <p>Every error is an {@link IOException} whose message names the file and says what was expected. A
 * file must hold exactly what its header describes: short files (truncated) and longer ones (trailing
 * bytes) are both refused.
 */
public final class IdxReader {
    /** Magic number of an unsigned-byte IDX file with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte IDX file with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Pixels as raw unsigned bytes plus the sizes from the header. */
    record RawImages(byte[] data, int offset, int count, int rows, int cols) {
    }

    /**
     * Reads an image file; pixel values become {@code (byte & 0xff) / 255f}.
     *
     * @param file  an IDX3 unsigned-byte file, raw or gzip
     * @param labels labels for the images (length must equal the image count), or {@code null} for zeros
     * @return the images
     * @throws IOException when the file is missing, not an image IDX file, truncated, or longer than its
     *                     header says (trailing bytes)
     */
    public static ImageSet readImages(Path file, int[] labels) throws IOException {
        byte[] bytes = readMaybeGzip(file);
        int magic = header(file, bytes, 4, "image").getInt();
        if (magic != IMAGES_MAGIC) {
            throw new IOException(file + ": magic number " + hex(magic) + ", expected " + hex(IMAGES_MAGIC)
                    + " (IDX unsigned-byte images with 3 dimensions)");
        }
        ByteBuffer header = header(file, bytes, 16, "image");
        header.getInt();
        int count = header.getInt();
        int rows = header.getInt();
        int cols = header.getInt();
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IOException(file + ": header sizes count " + count + ", rows " + rows + ", cols " + cols
                    + " are not valid");
        }
        long expected = 16L + (long) count * rows * cols;
        if (bytes.length < expected) {
            throw new IOException(file + ": truncated, expected " + expected + " bytes for " + count + " images of "
                    + rows + "x" + cols + " but found " + bytes.length);
        }
        if (bytes.length > expected) {
            throw trailingBytes(file, bytes.length, expected, count + " images of " + rows + "x" + cols);
        }
        int[] l = labels == null ? new int[count] : labels;
        if (l.length != count) {
            throw new IOException(file + ": holds " + count + " images but the label file holds " + l.length
                    + " labels; the counts must match");
        }
        int n = count * rows * cols;
        float[] pixels = new float[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = (bytes[16 + i] & 0xff) / 255f;
        }
        return new ImageSet(pixels, l, count, rows, cols);
    }

    /**
     * Reads a label file of a data set with {@code classes} classes: every label must be in
     * {@code 0..classes-1} (Fashion-MNIST and MNIST: 10 classes, labels 0..9).
     *
     * @param file    an IDX1 unsigned-byte file, raw or gzip
     * @param classes number of classes, 1..256
     * @return labels as ints in {@code 0..classes-1}
     * @throws IOException when the file is missing, not a label IDX file, truncated, followed by trailing
     *                     bytes, or holds a label outside {@code 0..classes-1} (the message names the file,
     *                     the first such label and its index)
     */
    public static int[] readLabels(Path file, int classes) throws IOException {
        if (classes < 1 || classes > 256) {
            throw new InvalidArgumentException("classes", "classes = " + classes
                    + " must be in 1..256 (IDX labels are unsigned bytes)");
        }
        int[] labels = readLabels(file);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classes) {
                throw new IOException(file + ": label " + labels[i] + " at index " + i + " is outside 0.."
                        + (classes - 1) + " (a data set of " + classes + " classes)");
            }
        }
        return labels;
    }

    /**
     * Reads a label file without checking the labels against a number of classes.
     *
     * @param file an IDX1 unsigned-byte file, raw or gzip
     * @return labels as ints in 0..255
     * @throws IOException when the file is missing, not a label IDX file, truncated, or followed by
     *                     trailing bytes
     */
    public static int[] readLabels(Path file) throws IOException {
        byte[] bytes = readMaybeGzip(file);
        int magic = header(file, bytes, 4, "label").getInt();
        if (magic != LABELS_MAGIC) {
            throw new IOException(file + ": magic number " + hex(magic) + ", expected " + hex(LABELS_MAGIC)
                    + " (IDX unsigned-byte labels with 1 dimension)");
        }
        ByteBuffer header = header(file, bytes, 8, "label");
        header.getInt();
        int count = header.getInt();
        if (count < 0) {
            throw new IOException(file + ": negative label count " + count);
        }
        long expected = 8L + count;
        if (bytes.length < expected) {
            throw new IOException(file + ": truncated, expected " + expected + " bytes for " + count
                    + " labels but found " + bytes.length);
        }
        if (bytes.length > expected) {
            throw trailingBytes(file, bytes.length, expected, count + " labels");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = bytes[8 + i] & 0xff;
        }
        return labels;
    }

    /** A file longer than its header says is damaged or not what it claims: refuse it rather than guess. */
    private static IOException trailingBytes(Path file, long length, long expected, String what) {
        return new IOException(file + ": " + (length - expected) + " trailing bytes: the header describes " + what
                + " (" + expected + " bytes) but the file holds " + length + " bytes");
    }

    private static ByteBuffer header(Path file, byte[] bytes, int size, String kind) throws IOException {
        if (bytes.length < size) {
            throw new IOException(file + ": truncated, an IDX " + kind + " file needs a " + size
                    + "-byte header but the file has " + bytes.length + " bytes");
        }
        return ByteBuffer.wrap(bytes, 0, size); // big-endian by default, as IDX is
    }

    /**
     * Reads the whole file, decompressing it when it starts with the gzip magic {@code 1f 8b}.
     *
     * @param file the file
     * @return its (decompressed) bytes
     * @throws IOException naming the file when it is missing or its gzip stream is damaged
     */
    static byte[] readMaybeGzip(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IOException(file + ": damaged or truncated gzip data (" + e.getMessage() + ")", e);
            }
        }
        return raw;
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }
}
