package dev.kl4j.core.data;

import dev.kl4j.core.InvalidArgumentException;

/**
 * Labelled grey-level images held as one flat array: image {@code i} occupies
 * {@code pixels[i * rows * cols .. (i + 1) * rows * cols)}, row-major, each value in [0, 1]
 * (byte / 255).
 *
 * @param pixels all images, flat, float32 in [0, 1]
 * @param labels class of each image (0..255 as IDX stores them; {@link MnistFormat#load} checks 0..9)
 * @param count  number of images
 * @param rows   image height
 * @param cols   image width
 */
public record ImageSet(float[] pixels, int[] labels, int count, int rows, int cols) {

    /**
     * Checks that the arrays agree with the sizes.
     *
     * @param pixels all images, flat, float32 in [0, 1]
     * @param labels class of each image (0..255 as IDX stores them; {@link MnistFormat#load} checks 0..9)
     * @param count number of images
     * @param rows image height
     * @param cols image width
     */
    public ImageSet {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new InvalidArgumentException("count", "image set sizes must be positive, got count " + count
                    + ", rows " + rows + ", cols " + cols);
        }
        if ((long) count * rows * cols != pixels.length) {
            throw new InvalidArgumentException("pixels", "pixels has " + pixels.length + " values, expected "
                    + count + " x " + rows + " x " + cols);
        }
        if (labels.length != count) {
            throw new InvalidArgumentException("labels", "labels has " + labels.length
                    + " entries but there are " + count + " images");
        }
    }

    /** {@return pixels per image, {@code rows * cols}} */
    public int imageSize() {
        return rows * cols;
    }

    /**
     * The first {@code n} images (copies).
     *
     * @param n how many, at most {@link #count()}
     * @return a new image set
     */
    public ImageSet head(int n) {
        if (n < 0 || n > count) {
            throw new InvalidArgumentException("n", "n = " + n + " must be in [0, " + count + "]");
        }
        float[] p = java.util.Arrays.copyOf(pixels, n * imageSize());
        int[] l = java.util.Arrays.copyOf(labels, n);
        return new ImageSet(p, l, n, rows, cols);
    }
}
