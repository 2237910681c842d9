package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kl4j vae} end to end on a generated 10x10 data set (seconds). */
class VaeCommandTest {
    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        TinyMnist.write(data, 300, 60, 1);
    }

    private static String[] args(Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("vae", "--data-dir", data.toString(), "--out", out.toString(),
                "--hidden", "16", "--latent", "3", "--batch", "50", "--iwae-samples", "20", "--iwae-images", "30",
                "--no-progress"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void oneEpochWritesAllOutputsAndResumeContinues(@TempDir Path out) throws IOException {
        assertEquals(0, Kl4j.execute(args(out, "--epochs", "1")));
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(2, csv.size());
        assertTrue(csv.get(0).startsWith("epoch,train_loss,train_kl,train_recon,test_loss,test_kl,test_recon,beta,seconds"));
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String key : List.of("test_loss", "test_kl", "test_recon", "iwae_nll", "iwae_samples", "iwae_images",
                "active_units", "per_dim_kl", "epoch_seconds", "seed", "config")) {
            assertTrue(s.has(key), key);
        }
        assertEquals(20, s.get("iwae_samples").asInt());
        assertEquals(30, s.get("iwae_images").asInt());
        assertEquals(3, s.get("per_dim_kl").size());
        assertEquals(s.get("test_loss").asDouble(), s.get("test_recon").asDouble() + s.get("test_kl").asDouble(), 1e-9);
        for (String png : List.of("reconstructions.png", "samples.png", "traversals.png", "latent_map.png",
                "learning_curves.png", "kl_curves.png")) {
            assertTrue(ImageIO.read(out.resolve(png).toFile()).getWidth() > 10, png);
        }
        assertTrue(Files.isRegularFile(out.resolve("checkpoint/state.bin")));

        assertEquals(0, Kl4j.execute(args(out, "--epochs", "2", "--resume")));
        csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(2).startsWith("2,"));
    }

    @Test
    void sameSeedGivesIdenticalSummaryNumbers(@TempDir Path out) throws IOException {
        assertEquals(0, Kl4j.execute(args(out.resolve("a"), "--epochs", "1", "--cyclical", "2,0.5")));
        assertEquals(0, Kl4j.execute(args(out.resolve("b"), "--epochs", "1", "--cyclical", "2,0.5")));
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(out.resolve("a/summary.json").toFile());
        JsonNode b = json.readTree(out.resolve("b/summary.json").toFile());
        // Bit-identical when libtorch's MKL may not change its thread count (MKL_DYNAMIC=FALSE, set by
        // ./kl4j); otherwise a busy machine can change the rounding of matrix products slightly.
        boolean exact = "false".equalsIgnoreCase(System.getenv("MKL_DYNAMIC"));
        for (String key : List.of("test_loss", "test_kl", "test_recon", "iwae_nll")) {
            if (exact) {
                assertEquals(a.get(key), b.get(key), key);
            } else {
                assertEquals(a.get(key).asDouble(), b.get(key).asDouble(), 1e-4 * Math.abs(a.get(key).asDouble()), key);
            }
        }
        assertEquals(a.get("per_dim_kl").size(), b.get("per_dim_kl").size());
    }

    @Test
    void badFlagsAndMissingDataExitWithTwoAndOneLine(@TempDir Path out) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, Kl4j.execute("vae", "--epochs", "many"));
            assertEquals(2, Kl4j.execute("vae", "--data-dir", out.resolve("missing").toString(), "--out", out.toString()));
            assertEquals(2, Kl4j.execute(args(out, "--decoder", "poisson")));
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--epochs"), text);
        assertTrue(text.contains("sudo apt install dataset-fashion-mnist"), text);
        assertTrue(text.contains("--decoder: decoder 'poisson' is unknown"), text);
    }
}
