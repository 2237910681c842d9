package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kl4j.core.data.IdxWriter;
import dev.kl4j.core.data.MnistFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kl4j distill} end to end on tiny generated MNIST-format data (8×8 images, 4 classes). */
class DistillCommandTest {
    @TempDir
    Path tmp;

    private Path tinyData() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        SplittableRandom random = new SplittableRandom(1);
        write(dir, MnistFormat.TRAIN_IMAGES, MnistFormat.TRAIN_LABELS, 256, random);
        write(dir, MnistFormat.TEST_IMAGES, MnistFormat.TEST_LABELS, 128, random);
        return dir;
    }

    /** Class c: a bright 4×4 quadrant c on a noisy background. */
    private static void write(Path dir, String images, String labels, int count, SplittableRandom random) throws Exception {
        byte[] pixels = new byte[count * 64];
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            classes[i] = random.nextInt(4);
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean bright = (r / 4) * 2 + (c / 4) == classes[i];
                    pixels[i * 64 + r * 8 + c] = (byte) ((bright ? 150 : 0) + random.nextInt(100));
                }
            }
        }
        IdxWriter.writeImages(dir.resolve(images), pixels, count, 8, 8, false);
        IdxWriter.writeLabels(dir.resolve(labels), classes, false);
    }

    @Test
    void writesTheRunFilesAndReusesTheCachedTeacher() throws Exception {
        Path data = tinyData();
        Path out = tmp.resolve("run");
        String[] args = {"distill", "--teacher-epochs", "2", "--epochs", "2", "--student-hidden", "16",
            "--train-fraction", "0.5", "--loss", "none,hinton,dkd", "--seeds", "1,2", "--batch", "32",
            "--data-dir", data.toString(), "--out", out.toString(), "--no-progress"};
        StringWriter stdout = new StringWriter();
        assertEquals(0, Kl4j.execute(new PrintWriter(stdout), new PrintWriter(new StringWriter()), args));
        for (String file : new String[] {"metrics.csv", "summary.json", "results.md", "accuracy_per_loss.png",
            "agreement_per_loss.png", "checkpoint/teacher.ckpt"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("teacher_accuracy").asDouble() > 0.5, "the teacher learned the quadrants");
        assertEquals(3, summary.get("results").size());
        JsonNode first = summary.get("results").get(0);
        assertEquals("none", first.get("loss").asText());
        for (String key : new String[] {"student_accuracy_mean", "student_accuracy_std", "agreement_with_teacher_mean",
            "seeds", "epoch_seconds"}) {
            assertTrue(first.has(key), key);
        }
        assertEquals(2, first.get("seeds").size());
        // 3 losses x 2 seeds x 2 epochs, plus the header.
        assertEquals(13, Files.readAllLines(out.resolve("metrics.csv")).size());

        // A new run into the same folder is refused; --resume reuses the teacher checkpoint.
        StringWriter refused = new StringWriter();
        assertEquals(2, Kl4j.execute(new PrintWriter(new StringWriter()), new PrintWriter(refused), args));
        assertTrue(refused.toString().contains("already holds a run"), refused.toString());
        String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--resume";
        StringWriter again = new StringWriter();
        assertEquals(0, Kl4j.execute(new PrintWriter(again), new PrintWriter(new StringWriter()), resume));
        assertTrue(again.toString().contains("teacher: reusing"), again.toString());
        JsonNode second = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(summary.get("teacher_accuracy").asDouble(), second.get("teacher_accuracy").asDouble(), 0);
    }

    @Test
    void resumeRefusesATeacherMadeWithOtherSettings() throws Exception {
        Path data = tinyData();
        Path out = tmp.resolve("run2");
        String[] first = {"distill", "--teacher-epochs", "1", "--epochs", "1", "--student-hidden", "8", "--loss", "none",
            "--seeds", "1", "--batch", "64", "--data-dir", data.toString(), "--out", out.toString(), "--no-progress"};
        assertEquals(0, Kl4j.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), first));
        String[] other = first.clone();
        other[2] = "2";   // --teacher-epochs 2
        String[] resume = java.util.Arrays.copyOf(other, other.length + 1);
        resume[other.length] = "--resume";
        StringWriter err = new StringWriter();
        assertEquals(2, Kl4j.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), resume));
        assertTrue(err.toString().contains("teacher_epochs 1 in the checkpoint, 2 now"), err.toString());
    }

    @Test
    void badFlagsExitWithOneLineNamingTheFlag() throws Exception {
        Path data = tinyData();
        String[][] cases = {
            {"--temperature", "0", "temperature"},
            {"--alpha", "1.5", "alpha"},
            {"--loss", "kl", "unknown loss"},
            {"--train-fraction", "0", "train-fraction"},
            {"--seeds", "1,x", "seeds"},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            int status = Kl4j.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "distill", c[0], c[1],
                    "--data-dir", data.toString(), "--out", tmp.resolve("bad").toString(), "--no-progress");
            assertEquals(2, status, c[0]);
            String message = err.toString().trim();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.contains(c[2]), message);
        }
    }
}
