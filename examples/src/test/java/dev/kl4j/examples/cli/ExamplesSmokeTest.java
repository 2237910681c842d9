package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.data.IdxWriter;
import dev.kl4j.core.data.MnistFormat;
import dev.kl4j.examples.distillation.DistillationExample;
import dev.kl4j.examples.ppo.PpoExample;
import dev.kl4j.examples.vae.VaeExample;
import dev.kl4j.ppo.train.EvalResult;
import dev.kl4j.vae.train.VaeTrainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example main's method, run with tiny settings: it works, prints, and writes what it says. */
class ExamplesSmokeTest {

    @Test
    void ppoExampleTrainsAndEvaluates() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EvalResult eval = PpoExample.run(2048, 1, 5, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(5, eval.episodes());
        // CartPole pays +1 per step up to the 500-step limit, so every episode's return is in [1, 500].
        for (double r : eval.returns()) {
            assertTrue(r >= 1 && r <= 500, "return " + r);
        }
        assertEquals(8, text.lines().filter(l -> l.startsWith("update ")).count(), text); // 2048 / (8 x 32)
        assertTrue(text.contains("evaluation: "), text);
    }

    @Test
    void vaeExampleTrainsEvaluatesAndWritesItsRunFolder(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        TinyMnist.write(data, 256, 128, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VaeTrainer.Evaluation eval = VaeExample.run(MnistFormat.load(data), 1, dir.resolve("run"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch 1: test -ELBO "), text);
        assertTrue(Double.isFinite(eval.test().loss()) && eval.test().loss() > 0, "loss " + eval.test().loss());
        // IWAE is a tighter bound: its -log p(x) estimate is at most the -ELBO of the same images.
        assertTrue(eval.iwae().nll() <= eval.testOnIwaeImages().loss() + 1e-6, text);
        for (String file : new String[] {"metrics.csv", "summary.json", "samples.png", "checkpoint"}) {
            assertTrue(Files.exists(dir.resolve("run").resolve(file)), file);
        }
    }

    @Test
    void distillationExampleTrainsTheTeacherAndBothStudents(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        writeQuadrants(data, MnistFormat.TRAIN_IMAGES, MnistFormat.TRAIN_LABELS, 256, new SplittableRandom(1));
        writeQuadrants(data, MnistFormat.TEST_IMAGES, MnistFormat.TEST_LABELS, 128, new SplittableRandom(2));
        // teacher 2 epochs on 256 images; students 784-32-10 on the first 128 for 12 epochs; batch 32
        DistillationExample.Settings settings = new DistillationExample.Settings(2, 12, 32, 128, 4f, 0.9f, 32, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DistillationExample.Result result = DistillationExample.run(MnistFormat.load(data), settings,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals(3, lines.size(), lines.toString());
        assertPrinted(lines.get(0), "teacher: ", result.teacherAccuracy());
        assertPrinted(lines.get(1), "hinton student (T 4.0, alpha 0.9): ", result.hinton().accuracy(),
                result.hinton().agreementWithTeacher());
        assertPrinted(lines.get(2), "hard-label student: ", result.hardLabels().accuracy(),
                result.hardLabels().agreementWithTeacher());
        for (double fraction : new double[] {result.teacherAccuracy(), result.hinton().accuracy(),
            result.hinton().agreementWithTeacher(), result.hardLabels().accuracy(), result.hardLabels().agreementWithTeacher()}) {
            assertTrue(fraction >= 0 && fraction <= 1, result.toString());
        }
        // Four classes (chance 0.25), each a bright quadrant: the teacher learns them, and the distilled
        // student follows the teacher on most test images.
        assertTrue(result.teacherAccuracy() > 0.6, result.toString());
        assertTrue(result.hinton().agreementWithTeacher() > 0.6, result.toString());
    }

    /** The line starts with {@code prefix} and shows the fractions, in order, as percentages with 2 decimals. */
    private static void assertPrinted(String line, String prefix, double... fractions) {
        assertTrue(line.startsWith(prefix), line);
        Matcher m = Pattern.compile("(\\d+\\.\\d\\d)%").matcher(line);
        for (double fraction : fractions) {
            assertTrue(m.find(), line);
            assertEquals(100 * fraction, Double.parseDouble(m.group(1)), 0.005 + 1e-9, line);
        }
        assertFalse(m.find(), line);
    }

    /**
     * Writes {@code count} 28×28 MNIST-format images of four classes, class c a bright 14×14 quadrant c on a
     * noisy background (the shape of Fashion-MNIST, so the teacher CNN runs as it does on the real data).
     */
    private static void writeQuadrants(Path dir, String images, String labels, int count, SplittableRandom random)
            throws IOException {
        int side = 28;
        byte[] pixels = new byte[count * side * side];
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            classes[i] = random.nextInt(4);
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    boolean bright = (r / 14) * 2 + (c / 14) == classes[i];
                    pixels[(i * side + r) * side + c] = (byte) ((bright ? 150 : 0) + random.nextInt(100));
                }
            }
        }
        IdxWriter.writeImages(dir.resolve(images), pixels, count, side, side, false);
        IdxWriter.writeLabels(dir.resolve(labels), classes, false);
    }
}
