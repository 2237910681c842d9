package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kl4j ppo} and {@code kl4j ppo-eval} end to end on tiny runs, and their one-line errors. */
class PpoCommandTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result kl4j(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Kl4j.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(status, out.toString(), err.toString());
    }

    private static String[] tiny(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("ppo", "--steps", "512", "--envs", "4",
                "--n-steps", "32", "--batch", "64", "--epochs", "2", "--eval-episodes", "3", "--eval-interval", "0",
                "--no-progress", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private static void assertOneLineError(Result r, String expected) {
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void trainsWritesTheRunFilesResumesAndEvaluates() throws Exception {
        Path run = dir.resolve("run");
        Result r = kl4j(tiny(run));
        assertEquals(0, r.status(), r.err());
        for (String f : List.of("metrics.csv", "summary.json", "returns.png", "kl.png", "checkpoint/state.bin")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(1 + 4, csv.size());                 // header + 512 / (4 x 32) updates
        assertTrue(csv.get(0).startsWith("update,steps,episodes,recent_return,kl_exact,kl_k1,kl_k3"));
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        for (String key : List.of("env", "algo", "steps", "eval_return_mean", "eval_return_std", "eval_episodes",
                "steps_to_threshold", "wall_seconds", "steps_per_second", "seed")) {
            assertTrue(s.has(key), key);
        }
        assertEquals("CartPole-v1", s.get("env").asText());
        assertEquals(512, s.get("steps").asLong());
        assertEquals(3, s.get("eval_episodes").asInt());
        assertTrue(s.get("steps_to_threshold").isNull());

        // a new run into the folder is refused; --resume of the finished run only rewrites the outputs
        assertOneLineError(kl4j(tiny(run)), "already holds a run");
        Result resumed = kl4j(tiny(run, "--resume"));
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("resuming after update 4"), resumed.out());
        JsonNode again = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals(s.get("eval_return_mean").asDouble(), again.get("eval_return_mean").asDouble());
        // a checkpoint for another env or other settings is refused with one line
        assertOneLineError(kl4j(tiny(run, "--resume", "--env", "Acrobot-v1")), "checkpoint for CartPole-v1");
        assertOneLineError(kl4j(tiny(run, "--resume", "--gamma", "0.5")), "gamma");

        Path gif = dir.resolve("episode.gif");
        Result eval = kl4j("ppo-eval", "--checkpoint", run.toString(), "--episodes", "3", "--gif", gif.toString(),
                "--gif-size", "64");
        assertEquals(0, eval.status(), eval.err());
        assertTrue(eval.out().contains("over 3 deterministic episodes"), eval.out());
        assertTrue(Files.size(gif) > 100);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(gif), 6);
        assertEquals("GIF89a", new String(head, java.nio.charset.StandardCharsets.US_ASCII));

        // the trained checkpoint as a reference policy for another run; for another env it is refused
        Result ref = kl4j(tiny(dir.resolve("ref"), "--ref-checkpoint", run.resolve("checkpoint/state.bin").toString(),
                "--ref-kl-coef", "0.05", "--ref-kl-estimator", "exact"));
        assertEquals(0, ref.status(), ref.err());
        assertOneLineError(kl4j("ppo", "--env", "Acrobot-v1", "--steps", "256", "--out", dir.resolve("ref2").toString(),
                "--ref-checkpoint", run.toString(), "--ref-kl-coef", "0.05", "--no-progress"), "checkpoint for CartPole-v1");
    }

    @Test
    void badFlagsGetOneLine() {
        assertOneLineError(kl4j("ppo", "--env", "Nope-v0"), "unknown environment 'Nope-v0'");
        assertOneLineError(kl4j("ppo", "--algo", "a2c"), "unknown algorithm 'a2c'");
        assertOneLineError(kl4j("ppo", "--batch", "0", "--out", dir.resolve("a").toString()), "--batch = 0");
        assertOneLineError(kl4j("ppo", "--gamma", "1.5", "--out", dir.resolve("b").toString()), "--gamma = 1.5");
        assertOneLineError(kl4j("ppo", "--steps", "x"), "--steps");
        assertOneLineError(kl4j("ppo", "--ref-kl-coef", "0.1", "--out", dir.resolve("c").toString()), "--ref-checkpoint");
        assertOneLineError(kl4j("ppo", "--target-kl-at", "never", "--out", dir.resolve("d").toString()), "--target-kl-at");
        assertOneLineError(kl4j("ppo-eval", "--checkpoint", dir.resolve("missing").toString()), "not a checkpoint");
        assertFalse(Files.exists(dir.resolve("a")), "nothing is created for a bad flag");
    }
}
