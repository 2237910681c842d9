package dev.kl4j.examples.vae;

import dev.kl4j.core.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A grid of grey-level images drawn into one {@link BufferedImage}: tiles of {@code rows × cols}
 * pixels (values in [0, 1], 1 = white) scaled up by an integer factor, separated by a dark gap.
 */
public final class ImageGrid {
    private static final int GAP = 2;
    private static final int GAP_GREY = 40;

    private ImageGrid() {
    }

    /**
     * {@return the picture}
     *
     * @param images    flat images, {@code [count * height * width]}, values in [0, 1]
     * @param count     number of images
     * @param height    image height
     * @param width     image width
     * @param gridCols  tiles per grid row
     * @param scale     pixel scale factor
     */
    public static BufferedImage draw(float[] images, int count, int height, int width, int gridCols, int scale) {
        int gridRows = (count + gridCols - 1) / gridCols;
        int tileW = width * scale;
        int tileH = height * scale;
        int w = gridCols * tileW + (gridCols + 1) * GAP;
        int h = gridRows * tileH + (gridRows + 1) * GAP;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        int gapRgb = grey(GAP_GREY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, gapRgb);
            }
        }
        for (int k = 0; k < count; k++) {
            int x0 = GAP + (k % gridCols) * (tileW + GAP);
            int y0 = GAP + (k / gridCols) * (tileH + GAP);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    float v = images[(k * height + r) * width + c];
                    int g = Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
                    int rgb = grey(g);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(x0 + c * scale + dx, y0 + r * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    /**
     * Writes a PNG atomically.
     *
     * @param image the picture
     * @param file  target file
     * @throws IOException on write failure
     */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static int grey(int g) {
        return 0xff000000 | (g << 16) | (g << 8) | g;
    }
}
