package dev.kl4j.core.data;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files in the layout {@link IdxReader} reads (for small generated data sets, tests and
 * exports), raw or gzip-compressed.
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    /**
     * Writes an image file: magic {@code 0x00000803}, count, rows, cols, then the pixels.
     *
     * @param file   target
     * @param pixels {@code count * rows * cols} unsigned bytes, row-major
     * @param count  images
     * @param rows   height
     * @param cols   width
     * @param gzip   compress with gzip
     * @throws IOException on write failure
     */
    public static void writeImages(Path file, byte[] pixels, int count, int rows, int cols, boolean gzip)
            throws IOException {
        if ((long) count * rows * cols != pixels.length) {
            throw new InvalidArgumentException("pixels", "pixels has " + pixels.length + " bytes, expected "
                    + count + " x " + rows + " x " + cols);
        }
        ByteBuffer header = ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        write(file, header.array(), pixels, gzip);
    }

    /**
     * Writes a label file: magic {@code 0x00000801}, count, then one byte per label.
     *
     * @param file   target
     * @param labels labels in 0..255
     * @param gzip   compress with gzip
     * @throws IOException on write failure
     */
    public static void writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new InvalidArgumentException("labels", "labels[" + i + "] = " + labels[i] + " is outside 0..255");
            }
            data[i] = (byte) labels[i];
        }
        ByteBuffer header = ByteBuffer.allocate(8).putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
        write(file, header.array(), data, gzip);
    }

    private static void write(Path file, byte[] header, byte[] data, boolean gzip) throws IOException {
        AtomicFiles.write(file, raw -> {
            OutputStream out = gzip ? new GZIPOutputStream(raw) : raw;
            out.write(header);
            out.write(data);
            if (gzip) {
                ((GZIPOutputStream) out).finish();
            }
        });
    }
}
