package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kl4j distill-text} end to end on a tiny generated fortune directory. */
class DistillTextCommandTest {
    @TempDir
    Path tmp;

    private Path tinyFortunes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("fortunes"));
        String[] words = {"cat", "dog", "sun", "hat", "red", "big"};
        SplittableRandom random = new SplittableRandom(4);
        for (String file : new String[] {"animals", "things"}) {
            StringBuilder text = new StringBuilder();
            for (int r = 0; r < 40; r++) {
                int n = 1 + random.nextInt(5);
                for (int w = 0; w < n; w++) {
                    text.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
                }
                text.append(".\n%\n");
            }
            Files.writeString(dir.resolve(file), text.toString());
            Files.write(dir.resolve(file + ".dat"), new byte[] {1, 2, 3});
        }
        return dir;
    }

    @Test
    void writesTheRunFilesAndReusesTheTeacher() throws Exception {
        Path data = tinyFortunes();
        Path out = tmp.resolve("run");
        String[] args = {"distill-text", "--teacher-epochs", "4", "--teacher-hidden", "16", "--teacher-layers", "1",
            "--epochs", "1", "--student-hidden", "8", "--loss", "none,gjsd", "--on-policy", "--seeds", "1,2",
            "--batch", "16", "--max-length", "24", "--learning-rate", "0.02", "--data-dir", data.toString(), "--out", out.toString(), "--no-progress"};
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        assertEquals(0, Kl4j.execute(new PrintWriter(stdout), new PrintWriter(stderr), args), stderr.toString());
        for (String file : new String[] {"metrics.csv", "summary.json", "results.md", "bpc_per_loss.png",
            "checkpoint/teacher.ckpt"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        double teacherBpc = summary.get("teacher_bpc").asDouble();
        assertTrue(teacherBpc > 0 && teacherBpc < Math.log(summary.get("vocabulary_size").asDouble()) / Math.log(2),
                "the teacher beats a uniform model: " + teacherBpc);
        JsonNode results = summary.get("results");
        assertEquals(3, results.size());                               // none, gjsd, gjsd-on-policy
        assertEquals("gjsd-on-policy", results.get(2).get("loss").asText());
        for (String key : new String[] {"loss", "student_bpc_mean", "student_bpc_std", "seeds", "epoch_seconds"}) {
            assertTrue(results.get(0).has(key), key);
        }
        // 3 losses x 2 seeds x (start + 1 epoch), plus the header.
        assertEquals(13, Files.readAllLines(out.resolve("metrics.csv")).size());

        String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--resume";
        StringWriter again = new StringWriter();
        assertEquals(0, Kl4j.execute(new PrintWriter(again), new PrintWriter(new StringWriter()), resume));
        assertTrue(again.toString().contains("teacher: reusing"), again.toString());
        JsonNode resumed = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(teacherBpc, resumed.get("teacher_bpc").asDouble(), 0.0);
        for (int k = 0; k < results.size(); k++) {                    // same seeds, same student numbers
            assertEquals(results.get(k).get("student_bpc_mean").asDouble(),
                    resumed.get("results").get(k).get("student_bpc_mean").asDouble(), 0.0, results.get(k).get("loss").asText());
        }
    }

    @Test
    void missingCorpusIsOneLineThatSaysHowToInstallIt() {
        StringWriter stderr = new StringWriter();
        int code = Kl4j.execute(new PrintWriter(new StringWriter()), new PrintWriter(stderr), "distill-text",
                "--data-dir", tmp.resolve("absent").toString(), "--out", tmp.resolve("run").toString());
        assertTrue(code != 0);
        assertTrue(stderr.toString().contains("apt-get install fortunes"), stderr.toString());
        assertEquals(1, stderr.toString().strip().lines().count(), stderr.toString());
        assertTrue(!Files.exists(tmp.resolve("run")), "nothing is created");
    }

    @Test
    void badFlagsAreRefused() {
        StringWriter stderr = new StringWriter();
        assertEquals(2, Kl4j.execute(new PrintWriter(new StringWriter()), new PrintWriter(stderr), "distill-text",
                "--loss", "kl", "--out", tmp.resolve("run").toString()));
        assertTrue(stderr.toString().contains("unknown loss 'kl'"), stderr.toString());
    }
}
