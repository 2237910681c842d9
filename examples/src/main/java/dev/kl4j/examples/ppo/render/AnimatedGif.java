package dev.kl4j.examples.ppo.render;

import dev.kl4j.core.InvalidArgumentException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes frames as an animated GIF (GIF89a) with the JDK's {@code javax.imageio} GIF writer: each frame
 * carries a Graphic Control Extension with its delay (in hundredths of a second, as GIF stores it), and
 * the first frame a NETSCAPE2.0 application extension that makes viewers loop forever. The writer builds
 * each frame's 256-colour palette from the image.
 *
 * <p>The file is written next to its destination and moved into place, so a failed write leaves no
 * half-written GIF behind.
 */
public final class AnimatedGif {

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private AnimatedGif() {}

    /**
     * @param file    the GIF to write (replaced if it exists)
     * @param frames  at least one frame, all of the same size
     * @param delayMs time each frame is shown, in milliseconds (rounded to 10 ms; at least 10 ms)
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, List<BufferedImage> frames, int delayMs) throws IOException {
        if (frames == null || frames.isEmpty()) {
            throw new InvalidArgumentException("frames", "an animated GIF needs at least one frame");
        }
        if (delayMs < 10) {
            throw new InvalidArgumentException("delayMs", "the frame delay must be at least 10 ms, got " + delayMs);
        }
        int width = frames.get(0).getWidth();
        int height = frames.get(0).getHeight();
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).getWidth() != width || frames.get(i).getHeight() != height) {
                throw new InvalidArgumentException("frames", "frame " + i + " is " + frames.get(i).getWidth() + "×"
                        + frames.get(i).getHeight() + ", frame 0 is " + width + "×" + height);
            }
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no GIF writer");
        }
        ImageWriter writer = writers.next();
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(temporary))) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            int delayCentiseconds = Math.max(1, Math.round(delayMs / 10f));
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage frame = rgb(frames.get(i));
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(frame), param);
                addAnimation(metadata, delayCentiseconds, i == 0);
                writer.writeToSequence(new IIOImage(frame, null, metadata), param);
            }
            writer.endWriteSequence();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        } finally {
            writer.dispose();
        }
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void addAnimation(IIOMetadata metadata, int delayCentiseconds, boolean first)
            throws IIOInvalidTreeException {
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode extensions = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
            extensions.appendChild(loop);
        }
        metadata.setFromTree(FORMAT, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** The GIF writer quantises RGB images; other types (with alpha, 16-bit) are drawn into RGB first. */
    private static BufferedImage rgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_BYTE_INDEXED) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = copy.createGraphics();
        try {
            g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return copy;
    }
}
