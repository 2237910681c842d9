package dev.kl4j.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a train/test split stored as the four MNIST-format files (Fashion-MNIST and MNIST use the same
 * names), each either raw or with a {@code .gz} suffix. Labels must be in 0..9 ({@link #CLASSES}).
 */
public final class MnistFormat {
    /** Training images file name (without {@code .gz}). */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** Training labels file name. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** Test images file name. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** Test labels file name. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** Number of classes of MNIST and Fashion-MNIST: labels are 0..9. */
    public static final int CLASSES = 10;

    private MnistFormat() {
    }

    /**
     * A train and a test set of the same image size.
     *
     * @param train training images and labels
     * @param test  test images and labels
     */
    public record Split(ImageSet train, ImageSet test) {
    }

    /**
     * Loads the four files from {@code dir}.
     *
     * @param dir a directory holding the four files (raw or {@code .gz})
     * @return the split
     * @throws IOException naming the file when one is missing, corrupt, truncated, has trailing bytes, holds
     *                     a label outside 0..9, or does not match its partner file
     */
    public static Split load(Path dir) throws IOException {
        ImageSet train = loadPair(dir, TRAIN_IMAGES, TRAIN_LABELS);
        ImageSet test = loadPair(dir, TEST_IMAGES, TEST_LABELS);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IOException(dir + ": training images are " + train.rows() + "x" + train.cols()
                    + " but test images are " + test.rows() + "x" + test.cols() + "; they must match");
        }
        return new Split(train, test);
    }

    private static ImageSet loadPair(Path dir, String images, String labels) throws IOException {
        Path labelFile = find(dir, labels);
        Path imageFile = find(dir, images);
        return IdxReader.readImages(imageFile, IdxReader.readLabels(labelFile, CLASSES));
    }

    /**
     * {@return {@code name.gz} if present, else {@code name}}
     *
     * @param dir  the data directory
     * @param name a file name without {@code .gz}
     * @throws IOException when neither exists
     */
    static Path find(Path dir, String name) throws IOException {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new IOException(dir + ": missing " + name + ".gz (or " + name + "); expected the four MNIST-format"
                + " files " + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + ", " + TEST_LABELS);
    }
}
