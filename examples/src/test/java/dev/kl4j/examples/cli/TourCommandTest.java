package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourCommandTest {

    @TempDir
    Path dir;

    @Test
    void tourRunsTheCorePartsAndSkipsTheVaeClearlyWithoutData() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("no-data-here");
        int status = Kl4j.execute(new PrintWriter(out), new PrintWriter(err),
                "tour", "--data-dir", missing.toString(), "--out", dir.resolve("vae").toString());
        String text = out.toString();
        assertEquals(0, status, err.toString());
        // Section 1 prints KL(p||q) for the example; the value is computed here independently.
        double kl = 0.1 * Math.log(0.5) + 0.7 * Math.log(0.7 / 0.6);
        assertTrue(text.contains(String.format(Locale.ROOT, "KL(p||q) = %.12f nats", kl)), text);
        assertTrue(text.contains("== 3. Three front ends, one meaning =="), text);
        assertTrue(text.contains("skipped:") && text.contains(missing.toString()), text);
    }
}
