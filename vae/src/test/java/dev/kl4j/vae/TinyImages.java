package dev.kl4j.vae;

import dev.kl4j.core.data.ImageSet;
import java.util.SplittableRandom;

/** Small generated image sets for fast tests: class k is a bright bar at row/column k, plus noise. */
public final class TinyImages {
    private TinyImages() {
    }

    /**
     * @param n    images
     * @param side image side (classes = side)
     * @param seed noise seed
     * @return images in [0, 1]
     */
    public static ImageSet make(int n, int side, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] px = new float[n * side * side];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(side);
            labels[i] = k;
            boolean horizontal = rng.nextBoolean();
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    boolean on = horizontal ? r == k : c == k;
                    float v = on ? 0.9f : 0.05f;
                    v += (float) (rng.nextDouble() * 0.1 - 0.05);
                    px[(i * side + r) * side + c] = Math.max(0f, Math.min(1f, v));
                }
            }
        }
        return new ImageSet(px, labels, n, side, side);
    }
}
