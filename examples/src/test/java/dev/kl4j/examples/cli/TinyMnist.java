package dev.kl4j.examples.cli;

import dev.kl4j.core.data.IdxWriter;
import dev.kl4j.core.data.MnistFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Writes a tiny MNIST-format data set (10×10 images, class k = a bright row k) for command-line tests. */
final class TinyMnist {
    private TinyMnist() {
    }

    /**
     * @param dir   target folder (the four MNIST file names)
     * @param train training images
     * @param test  test images
     * @param seed  noise seed (another seed gives another data set)
     */
    static void write(Path dir, int train, int test, long seed) throws IOException {
        write(dir, MnistFormat.TRAIN_IMAGES, MnistFormat.TRAIN_LABELS, train, seed);
        write(dir, MnistFormat.TEST_IMAGES, MnistFormat.TEST_LABELS, test, seed + 1);
    }

    private static void write(Path dir, String images, String labels, int n, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        int side = 10;
        byte[] px = new byte[n * side * side];
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(side);
            lab[i] = k;
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int v = (r == k ? 220 : 10) + rng.nextInt(20);
                    px[(i * side + r) * side + c] = (byte) v;
                }
            }
        }
        IdxWriter.writeImages(dir.resolve(images + ".gz"), px, n, side, side, true);
        IdxWriter.writeLabels(dir.resolve(labels), lab, false);
    }
}
