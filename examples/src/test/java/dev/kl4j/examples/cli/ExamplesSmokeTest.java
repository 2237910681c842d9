package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.data.MnistFormat;
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
}
