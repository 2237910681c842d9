package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.data.IdxWriter;
import dev.kl4j.core.data.MnistFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run tour(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "tour";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Kl4j.execute(new PrintWriter(out), new PrintWriter(err), all);
        return new Run(status, out.toString(), err.toString());
    }

    /** An error is one line on standard error, no stack trace, and no "Next:" advice after it. */
    private static void assertOneLineError(Run run, String... expected) {
        assertEquals(2, run.status(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("kl4j tour: "), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        for (String text : expected) {
            assertTrue(run.err().contains(text), run.err());
        }
        assertFalse(run.out().contains("Next:"), run.out());
    }

    @Test
    void aDataDirectoryThatWasNamedButIsMissingIsAnErrorBeforeAnyPartRuns() {
        Path missing = dir.resolve("no-data-here");
        Run run = tour("--data-dir", missing.toString(), "--out", dir.resolve("vae").toString());
        assertOneLineError(run, missing.toString(), "does not exist");
        assertEquals("", run.out(), "checked before the first part");
    }

    @Test
    void aFileAsDataDirectoryIsNamedAsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "root:x:0:0\n");
        assertOneLineError(tour("--data-dir", file.toString()), "is a file, not a directory");
    }

    @Test
    void zeroVaeEpochsIsAnUnusableArgumentWithoutAStackTrace() {
        Run run = tour("--vae-epochs", "0");
        assertOneLineError(run, "--vae-epochs must be at least 1");
        assertEquals("", run.out());
    }

    @Test
    void theCorePartsThenATinyVaeRunThenNextAndAFailingVaePartEndsWithoutNext() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        writeTinySet(data, MnistFormat.TRAIN_IMAGES, MnistFormat.TRAIN_LABELS, 100);
        writeTinySet(data, MnistFormat.TEST_IMAGES, MnistFormat.TEST_LABELS, 20);
        Run run = tour("--data-dir", data.toString(), "--vae-epochs", "1", "--out", dir.resolve("vae").toString());
        assertEquals(0, run.status(), run.err());
        // Section 1 prints KL(p||q) for the example; the value is computed here independently.
        double kl = 0.1 * Math.log(0.5) + 0.7 * Math.log(0.7 / 0.6);
        assertTrue(run.out().contains(String.format(Locale.ROOT, "KL(p||q) = %.12f nats", kl)), run.out());
        assertTrue(run.out().contains("== 3. Three front ends, one meaning =="), run.out());
        assertTrue(run.out().contains("Next:"), run.out());

        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        Run failing = tour("--data-dir", data.toString(), "--vae-epochs", "1",
                "--out", notADirectory.resolve("vae").toString());
        assertOneLineError(failing, notADirectory.toString());
    }

    private static void writeTinySet(Path dir, String images, String labels, int n) throws IOException {
        byte[] pixels = new byte[n * 4 * 4];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = i % 10;
            for (int j = 0; j < 16; j++) {
                pixels[i * 16 + j] = (byte) ((i * 7 + j * 31) % 256);
            }
        }
        IdxWriter.writeImages(dir.resolve(images), pixels, n, 4, 4, false);
        IdxWriter.writeLabels(dir.resolve(labels), classes, false);
    }
}
