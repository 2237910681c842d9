package dev.kl4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    // three 2x3 images with bytes 0, 51, 255, ... chosen so that /255 gives exact decimals
    private static final byte[] PIXELS = {0, 51, (byte) 255, 102, (byte) 153, (byte) 204,
        1, 2, 3, 4, 5, 6, (byte) 250, 0, 0, 0, 0, 17};
    private static final int[] LABELS = {7, 0, 9};

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsWhatWasWrittenRawAndGzip(boolean gzip, @TempDir Path dir) throws IOException {
        Path images = dir.resolve("img");
        Path labels = dir.resolve("lab");
        IdxWriter.writeImages(images, PIXELS, 3, 2, 3, gzip);
        IdxWriter.writeLabels(labels, LABELS, gzip);
        byte[] head = Arrays.copyOf(Files.readAllBytes(images), 2);
        assertEquals(gzip, (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b);
        ImageSet set = IdxReader.readImages(images, IdxReader.readLabels(labels));
        assertEquals(3, set.count());
        assertEquals(2, set.rows());
        assertEquals(3, set.cols());
        assertArrayEquals(LABELS, set.labels());
        assertEquals(0f, set.pixels()[0]);
        assertEquals(0.2f, set.pixels()[1], 1e-7);   // 51/255
        assertEquals(1f, set.pixels()[2]);           // 255/255
        assertEquals(17 / 255f, set.pixels()[17]);
    }

    @Test
    void badMagicNamesFileAndExpectedValue(@TempDir Path dir) throws IOException {
        Path labels = dir.resolve("lab");
        IdxWriter.writeLabels(labels, LABELS, false);
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(labels, null));
        assertTrue(e.getMessage().contains(labels.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("expected 0x00000803"),
                e.getMessage());
    }

    @Test
    void countMismatchBetweenImagesAndLabels(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("img");
        IdxWriter.writeImages(images, PIXELS, 3, 2, 3, true);
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(images, new int[] {1, 2}));
        assertTrue(e.getMessage().contains("3 images") && e.getMessage().contains("2 labels"), e.getMessage());
    }

    @Test
    void truncatedRawFile(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("img");
        IdxWriter.writeImages(images, PIXELS, 3, 2, 3, false);
        byte[] all = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(all, all.length - 5));
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(images, null));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("expected 34 bytes"),
                e.getMessage());
        Files.write(images, Arrays.copyOf(all, 10));
        e = assertThrows(IOException.class, () -> IdxReader.readImages(images, null));
        assertTrue(e.getMessage().contains("16-byte header"), e.getMessage());
    }

    @Test
    void truncatedGzipStream(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("img.gz");
        IdxWriter.writeImages(images, PIXELS, 3, 2, 3, true);
        byte[] all = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(images, null));
        assertTrue(e.getMessage().contains(images.toString()) && e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void gzipOfTooFewPixelsIsTruncated(@TempDir Path dir) throws IOException {
        // a complete gzip stream whose content is short: header says 3 images, data holds 1
        ByteBuffer header = ByteBuffer.allocate(16).putInt(0x803).putInt(3).putInt(2).putInt(3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(header.array());
            gz.write(new byte[6]);
        }
        Path images = dir.resolve("short.gz");
        Files.write(images, bytes.toByteArray());
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(images, null));
        assertTrue(e.getMessage().contains("expected 34 bytes") && e.getMessage().contains("found 22"), e.getMessage());
    }

    @Test
    void missingFileAndDirectoryMessages(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> MnistFormat.load(dir));
        assertTrue(e.getMessage().contains("t10k") || e.getMessage().contains("train-"), e.getMessage());
        Path missing = dir.resolve("nope");
        InvalidArgumentException ex = assertThrows(InvalidArgumentException.class,
                () -> DataDirectory.resolve(missing.toString(), null));
        assertEquals("data-dir", ex.argument());
        assertTrue(ex.getMessage().contains("sudo apt install dataset-fashion-mnist"), ex.getMessage());
        assertTrue(ex.getMessage().contains(missing.toString()) && ex.getMessage().contains("--data-dir"));
        ex = assertThrows(InvalidArgumentException.class, () -> DataDirectory.resolve(null, missing.toString()));
        assertTrue(ex.getMessage().contains("from KL4J_DATA"), ex.getMessage());
    }

    @Test
    void resolverPrefersFlagThenEnvironment(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        assertEquals(a, DataDirectory.resolve(a.toString(), b.toString()));
        assertEquals(b, DataDirectory.resolve(null, b.toString()));
        assertEquals(b, DataDirectory.resolve("", b.toString()));
    }

    @Test
    void loadsSplitFromMixedRawAndGzipFiles(@TempDir Path dir) throws IOException {
        IdxWriter.writeImages(dir.resolve(MnistFormat.TRAIN_IMAGES + ".gz"), PIXELS, 3, 2, 3, true);
        IdxWriter.writeLabels(dir.resolve(MnistFormat.TRAIN_LABELS), LABELS, false);
        IdxWriter.writeImages(dir.resolve(MnistFormat.TEST_IMAGES), Arrays.copyOf(PIXELS, 6), 1, 2, 3, false);
        IdxWriter.writeLabels(dir.resolve(MnistFormat.TEST_LABELS + ".gz"), new int[] {4}, true);
        MnistFormat.Split split = MnistFormat.load(dir);
        assertEquals(3, split.train().count());
        assertEquals(1, split.test().count());
        assertEquals(4, split.test().labels()[0]);
        IdxWriter.writeLabels(dir.resolve(MnistFormat.TEST_LABELS + ".gz"), new int[] {4, 5}, true);
        IOException e = assertThrows(IOException.class, () -> MnistFormat.load(dir));
        assertTrue(e.getMessage().contains(MnistFormat.TEST_IMAGES), e.getMessage());
    }
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void trailingBytesAfterLabelsOrImagesAreRefusedNamingTheFile(boolean gzip, @TempDir Path dir) throws IOException {
        Path labels = dir.resolve("lab");
        Path images = dir.resolve("img");
        writeWithTrailingByte(labels, ByteBuffer.allocate(8 + 3).putInt(0x801).putInt(3).put(new byte[] {7, 0, 9}), gzip);
        IOException e = assertThrows(IOException.class, () -> IdxReader.readLabels(labels));
        assertTrue(e.getMessage().startsWith(labels.toString()) && e.getMessage().contains("1 trailing bytes")
                && e.getMessage().contains("3 labels"), e.getMessage());
        ByteBuffer image = ByteBuffer.allocate(16 + PIXELS.length).putInt(0x803).putInt(3).putInt(2).putInt(3).put(PIXELS);
        writeWithTrailingByte(images, image, gzip);
        e = assertThrows(IOException.class, () -> IdxReader.readImages(images, null));
        assertTrue(e.getMessage().startsWith(images.toString()) && e.getMessage().contains("1 trailing bytes")
                && e.getMessage().contains("3 images of 2x3"), e.getMessage());
    }

    /** Writes the buffer's bytes plus one junk byte, so the file is one byte longer than its header says. */
    private static void writeWithTrailingByte(Path file, ByteBuffer content, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(content.array());
        bytes.write(42);
        if (gzip) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
                gz.write(bytes.toByteArray());
            }
            bytes = compressed;
        }
        Files.write(file, bytes.toByteArray());
    }

    @Test
    void labelsOutsideTheClassesAreRefusedNamingTheFileAndTheLabel(@TempDir Path dir) throws IOException {
        Path labels = dir.resolve("lab");
        IdxWriter.writeLabels(labels, new int[] {3, 9, 10, 2}, false);
        assertArrayEquals(new int[] {3, 9, 10, 2}, IdxReader.readLabels(labels, 11));
        IOException e = assertThrows(IOException.class, () -> IdxReader.readLabels(labels, 10));
        assertTrue(e.getMessage().startsWith(labels.toString()) && e.getMessage().contains("label 10 at index 2")
                && e.getMessage().contains("0..9"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> IdxReader.readLabels(labels, 0));

        // MnistFormat.load checks 0..9 for the test labels as for the training labels.
        IdxWriter.writeImages(dir.resolve(MnistFormat.TRAIN_IMAGES), PIXELS, 3, 2, 3, false);
        IdxWriter.writeLabels(dir.resolve(MnistFormat.TRAIN_LABELS), LABELS, false);
        IdxWriter.writeImages(dir.resolve(MnistFormat.TEST_IMAGES), Arrays.copyOf(PIXELS, 6), 1, 2, 3, false);
        IdxWriter.writeLabels(dir.resolve(MnistFormat.TEST_LABELS), new int[] {255}, false);
        e = assertThrows(IOException.class, () -> MnistFormat.load(dir));
        assertTrue(e.getMessage().contains(MnistFormat.TEST_LABELS) && e.getMessage().contains("label 255"),
                e.getMessage());
    }

    @Test
    void aFileGivenAsDataDirectoryIsNamedAsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "root:x:0:0\n");
        InvalidArgumentException ex = assertThrows(InvalidArgumentException.class,
                () -> DataDirectory.resolve(file.toString(), null));
        assertEquals("data-dir", ex.argument());
        assertTrue(ex.getMessage().contains(file + " (from --data-dir) is a file, not a directory"), ex.getMessage());
        assertFalse(ex.getMessage().contains("does not exist"), ex.getMessage());
        ex = assertThrows(InvalidArgumentException.class, () -> DataDirectory.resolve(null, file.toString()));
        assertTrue(ex.getMessage().contains("(from KL4J_DATA) is a file"), ex.getMessage());
    }

    @Test
    void onlyTheDefaultCountsAsAnAbsentDefault(@TempDir Path dir) {
        String missing = dir.resolve("nope").toString();
        DataDirectory.Choice flag = DataDirectory.choose(missing, "/elsewhere");
        assertEquals(DataDirectory.Source.FLAG, flag.source());
        assertFalse(flag.isAbsentDefault(), "a named directory that is not there is an error, not a skip");
        DataDirectory.Choice env = DataDirectory.choose(" ", missing);
        assertEquals(DataDirectory.Source.ENVIRONMENT, env.source());
        assertFalse(env.isAbsentDefault());
        DataDirectory.Choice none = DataDirectory.choose(null, "");
        assertEquals(new DataDirectory.Choice(DataDirectory.DEFAULT, DataDirectory.Source.DEFAULT), none);
        assertEquals(!Files.exists(DataDirectory.DEFAULT), none.isAbsentDefault());
    }
}
