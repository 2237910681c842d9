package dev.kl4j.examples.ppo.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.ppo.env.Environment;
import dev.kl4j.ppo.env.Environments;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames show the state where the geometry puts it; GIFs read back with their frames, delay and loop. */
class RenderingTest {

    @TempDir
    Path dir;

    private static Environment at(String id, double... state) {
        Environment env = Environments.make(id);
        env.reset(0);
        env.setState(state);
        return env;
    }

    /** Mean x of the pixels the predicate accepts, in rows [y0, y1). */
    private static double centroidX(BufferedImage image, int y0, int y1, java.util.function.IntPredicate rgb) {
        double sum = 0;
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (rgb.test(image.getRGB(x, y) & 0xFFFFFF)) {
                    sum += x;
                    n++;
                }
            }
        }
        assertTrue(n > 0, "no pixels matched");
        return sum / n;
    }

    private static boolean isBlack(int rgb) {
        return rgb == 0;
    }

    private static boolean isWhite(int rgb) {
        return rgb == 0xFFFFFF;
    }

    @Test
    void cartPoleCartMovesWithXAndThePoleLeansWithTheta() {
        int w = 600;
        int h = 400;
        BufferedImage centre = EnvironmentRenderer.frame(at("CartPole-v1", 0, 0, 0, 0), w, h);
        BufferedImage right = EnvironmentRenderer.frame(at("CartPole-v1", 1.0, 0, 0, 0), w, h);
        assertEquals(w, centre.getWidth());
        assertEquals(h, centre.getHeight());
        // The cart spans rows 285..315 (track at y = 300); the track line is one row: use rows 303..314.
        double c0 = centroidX(centre, 303, 314, RenderingTest::isBlack);
        double c1 = centroidX(right, 303, 314, RenderingTest::isBlack);
        assertEquals(300, c0, 1.0);
        assertEquals(600 / 4.8, c1 - c0, 1.0); // 1 m = 125 px
        // Pole (length 1 m = 125 px) upright: pole colour straight above the axle, none beside it.
        int poleRgb = (202 << 16) | (152 << 8) | 101;
        assertEquals(poleRgb, centre.getRGB(300, 200) & 0xFFFFFF);
        BufferedImage leaning = EnvironmentRenderer.frame(at("CartPole-v1", 0, 0, 0.2, 0), w, h);
        assertTrue(isWhite(leaning.getRGB(300, 200) & 0xFFFFFF));
        // θ = 0.2 leans right: the point 100 px up the pole is at x = 300 + 100 sin 0.2.
        int px = (int) Math.round(300 + 100 * Math.sin(0.2));
        int py = (int) Math.round(292.5 - 100 * Math.cos(0.2));
        assertEquals(poleRgb, leaning.getRGB(px, py) & 0xFFFFFF);
    }

    @Test
    void pendulumPointsUpAtZeroAndTurnsCounterClockwise() {
        int size = 440; // scale 100 px per unit, centre (220, 220)
        BufferedImage up = EnvironmentRenderer.frame(at("Pendulum-v1", 0, 0), size, size);
        BufferedImage down = EnvironmentRenderer.frame(at("Pendulum-v1", Math.PI, 0), size, size);
        BufferedImage left = EnvironmentRenderer.frame(at("Pendulum-v1", Math.PI / 2, 0), size, size);
        int rod = (204 << 16) | (77 << 8) | 77;
        assertEquals(rod, up.getRGB(220, 150) & 0xFFFFFF);
        assertTrue(isWhite(up.getRGB(220, 290) & 0xFFFFFF));
        assertEquals(rod, down.getRGB(220, 290) & 0xFFFFFF);
        assertTrue(isWhite(down.getRGB(220, 150) & 0xFFFFFF));
        assertEquals(rod, left.getRGB(150, 220) & 0xFFFFFF);
        assertTrue(isWhite(left.getRGB(290, 220) & 0xFFFFFF));
    }

    @Test
    void acrobotHangsDownAtZeroAndLinksFollowTheAngles() {
        int size = 440; // scale 440 / 4.4 = 100 px per unit
        int link = (0 << 16) | (204 << 8) | 204;
        BufferedImage hanging = EnvironmentRenderer.frame(at("Acrobot-v1", 0, 0, 0, 0), size, size);
        assertEquals(link, hanging.getRGB(220, 220 + 150) & 0xFFFFFF); // on link 2, 1.5 units below
        BufferedImage bent = EnvironmentRenderer.frame(at("Acrobot-v1", Math.PI / 2, Math.PI / 2, 0, 0), size, size);
        // θ1 = π/2: link 1 points right to (1, 0); θ1 + θ2 = π: link 2 points up to (1, 1).
        assertEquals(link, bent.getRGB(220 + 60, 220) & 0xFFFFFF);
        assertEquals(link, bent.getRGB(220 + 100, 220 - 60) & 0xFFFFFF);
        assertTrue(isWhite(bent.getRGB(220, 220 + 150) & 0xFFFFFF));
        // The bar one unit above the pivot.
        assertFalse(isWhite(bent.getRGB(40, 120) & 0xFFFFFF) && isWhite(bent.getRGB(40, 119) & 0xFFFFFF));
        assertTrue(isWhite(bent.getRGB(40, 110) & 0xFFFFFF));
    }

    @Test
    void mountainCarSitsOnTheTrackAtItsPosition() {
        int w = 600;
        int h = 400;
        double scale = 600 / 1.8;
        BufferedImage away = EnvironmentRenderer.frame(at("MountainCarContinuous-v0", 0.55, 0), w, h);
        for (double pos : new double[] {-1.0, -0.5, 0.2}) {
            BufferedImage image = EnvironmentRenderer.frame(at("MountainCarContinuous-v0", pos, 0), w, h);
            // The car's pixels: drawn here and white in the picture with the car far away (track and flag agree).
            double sum = 0;
            double sumY = 0;
            int n = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (!isWhite(image.getRGB(x, y) & 0xFFFFFF) && isWhite(away.getRGB(x, y) & 0xFFFFFF)) {
                        sum += x;
                        sumY += y;
                        n++;
                    }
                }
            }
            assertTrue(n > 300, "car pixels: " + n);
            assertEquals((pos + 1.2) * scale, sum / n, 12.0, "position " + pos); // tilted: the body sits up to 10 px aside
            // Above the track at that point: height 0.45 sin 3x + 0.55 at 1/scale units per pixel.
            double trackY = h - (0.45 * Math.sin(3 * pos) + 0.55) * scale;
            assertTrue(sumY / n < trackY && sumY / n > trackY - 40, "car y " + sumY / n + " track " + trackY);
        }
    }

    @Test
    void aWrittenGifReadsBackWithItsFramesDelayAndLoop() throws IOException {
        Environment env = Environments.make("CartPole-v1");
        env.reset(3);
        List<BufferedImage> frames = new ArrayList<>();
        frames.add(EnvironmentRenderer.frame(env, 150, 100));
        for (int t = 0; t < 4; t++) {
            env.step(new double[] {t % 2});
            frames.add(EnvironmentRenderer.frame(env, 150, 100, "step " + (t + 1)));
        }
        Path gif = dir.resolve("episode.gif");
        AnimatedGif.write(gif, frames, 40);
        assertFalse(Files.exists(dir.resolve("episode.gif.tmp")));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(5, reader.getNumImages(true));
            for (int i = 0; i < 5; i++) {
                BufferedImage read = reader.read(i);
                assertEquals(150, read.getWidth());
                assertEquals(100, read.getHeight());
                long worst = 0; // flat drawings: the few antialiasing shades beyond 256 go to a close colour
                for (int y = 0; y < 100; y++) {
                    for (int x = 0; x < 150; x++) {
                        worst = Math.max(worst, distance(frames.get(i).getRGB(x, y), read.getRGB(x, y)));
                    }
                }
                assertTrue(worst <= 3 * 8 * 8, "frame " + i + ": squared colour error " + worst);
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                assertEquals("4", control.getAttribute("delayTime"), "40 ms = 4 hundredths");
                boolean loops = root.getElementsByTagName("ApplicationExtension").getLength() == 1
                        && "NETSCAPE".equals(((IIOMetadataNode) root.getElementsByTagName("ApplicationExtension")
                                .item(0)).getAttribute("applicationID"));
                assertEquals(i == 0, loops, "frame " + i);
            }
            // The first frame's pixels survive the palette: the white background and the black cart.
            BufferedImage first = reader.read(0);
            assertEquals(0xFFFFFF, first.getRGB(2, 2) & 0xFFFFFF);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void moreThan256ColoursGoToTheNearestPaletteColour() throws IOException {
        // 600 distinct colours; each pixel of the GIF must be the palette colour nearest to the original.
        BufferedImage image = new BufferedImage(600, 4, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 600; x++) {
            for (int y = 0; y < 4; y++) {
                int rgb = y < 2 && x < 200 ? ((x % 50) * 5 << 16) | 255 // 50 frequent colours
                        : ((x * 255 / 599) << 16) | (((x % 3) * 60) << 8) | 128;
                image.setRGB(x, y, rgb);
            }
        }
        Path gif = dir.resolve("shades.gif");
        AnimatedGif.write(gif, List.of(image), 100);
        BufferedImage read = ImageIO.read(gif.toFile());
        java.util.Set<Integer> palette = new java.util.HashSet<>();
        for (int x = 0; x < 600; x++) {
            for (int y = 0; y < 4; y++) {
                palette.add(read.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertEquals(256, palette.size());
        for (int x = 0; x < 600; x++) {
            for (int y = 0; y < 4; y++) {
                int original = image.getRGB(x, y) & 0xFFFFFF;
                long best = Long.MAX_VALUE;
                for (int c : palette) {
                    best = Math.min(best, distance(original, c));
                }
                assertEquals(best, distance(original, read.getRGB(x, y) & 0xFFFFFF), "pixel " + x + "," + y);
            }
        }
        assertEquals((5 << 16) | 255, read.getRGB(1, 0) & 0xFFFFFF, "a frequent colour is kept exactly");
    }

    private static long distance(int a, int b) {
        long dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
        long dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
        long db = (a & 0xFF) - (b & 0xFF);
        return dr * dr + dg * dg + db * db;
    }

    @Test
    void badArgumentsAreRejected() {
        BufferedImage a = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        BufferedImage b = new BufferedImage(21, 20, BufferedImage.TYPE_INT_RGB);
        assertThrows(InvalidArgumentException.class, () -> AnimatedGif.write(dir.resolve("x.gif"), List.of(), 50));
        assertThrows(InvalidArgumentException.class, () -> AnimatedGif.write(dir.resolve("x.gif"), List.of(a, b), 50));
        assertThrows(InvalidArgumentException.class, () -> AnimatedGif.write(dir.resolve("x.gif"), List.of(a), 0));
        assertThrows(InvalidArgumentException.class,
                () -> EnvironmentRenderer.frame(Environments.make("Pendulum-v1"), 8, 8));
        assertFalse(Files.exists(dir.resolve("x.gif")));
    }
}
