package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.io.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's run-folder and checkpoint cases for {@code kl4j vae}, each driven through the command line
 * on a generated 10×10 data set (the issue's commands are the reproductions).
 */
class VaeRunFolderTest {
    @TempDir
    static Path data;
    @TempDir
    static Path otherData;

    @BeforeAll
    static void writeData() throws IOException {
        TinyMnist.write(data, 200, 40, 1);
        TinyMnist.write(otherData, 200, 40, 7);
    }

    /** Exit status and the two streams of one {@code kl4j} invocation. */
    record Run(int status, String out, String err) {
    }

    private static Run vae(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("vae", "--out", out.toString(), "--no-progress"));
        a.addAll(List.of(more));
        String[] defaults = {"--data-dir", data.toString(), "--hidden", "8", "--latent", "2", "--batch", "50",
            "--iwae-samples", "5", "--iwae-images", "10"};
        for (int i = 0; i < defaults.length; i += 2) {
            if (!a.contains(defaults[i])) {
                a.addAll(List.of(defaults[i], defaults[i + 1]));
            }
        }
        StringWriter out1 = new StringWriter();
        StringWriter err1 = new StringWriter();
        int status = Kl4j.execute(new PrintWriter(out1, true), new PrintWriter(err1, true), a.toArray(new String[0]));
        return new Run(status, out1.toString(), err1.toString());
    }

    /** The error output is exactly one line, "kl4j vae: ..." (no stack trace). */
    private static String oneLine(Run r) {
        assertEquals(2, r.status(), r.out() + r.err());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("kl4j vae: "), lines[0]);
        return lines[0];
    }

    @Test
    void aNewRunIntoAFolderWithARunIsRefusedBeforeAnyWork(@TempDir Path tmp) throws IOException {
        Path r = tmp.resolve("R");
        assertEquals(0, vae(r, "--epochs", "1").status());
        byte[] summary = Files.readAllBytes(r.resolve("summary.json"));
        byte[] state = Files.readAllBytes(r.resolve("checkpoint/state.bin"));
        // issue 11.1: ./kl4j vae --epochs 3 --seed 3 --out R
        String line = oneLine(vae(r, "--epochs", "3", "--seed", "3"));
        assertTrue(line.contains("already holds a run: add --resume to continue it, choose another --out, or add"
                + " --overwrite"), line);
        assertArrayEquals(summary, Files.readAllBytes(r.resolve("summary.json")));
        assertArrayEquals(state, Files.readAllBytes(r.resolve("checkpoint/state.bin")));
        // --overwrite replaces it
        Run replaced = vae(r, "--epochs", "1", "--seed", "3", "--overwrite");
        assertEquals(0, replaced.status(), replaced.err());
        assertFalse(java.util.Arrays.equals(state, Files.readAllBytes(r.resolve("checkpoint/state.bin"))));
    }

    @Test
    void twoProcessesCannotWriteOneFolder(@TempDir Path tmp) {
        Path r = tmp.resolve("R");
        try (RunFolder held = RunFolder.open(r, RunFolder.Mode.NEW, "vae")) {
            String line = oneLine(vae(r, "--epochs", "1"));
            assertTrue(line.contains("another kl4j process is writing to"), line);
        }
        assertEquals(0, vae(r, "--epochs", "1").status()); // released: usable again
    }

    @Test
    void damagedCheckpointsAreRefusedWithWhatIsWrong(@TempDir Path tmp) throws IOException {
        Path r = tmp.resolve("R");
        assertEquals(0, vae(r, "--epochs", "1").status());
        Path state = r.resolve("checkpoint/state.bin");
        byte[] good = Files.readAllBytes(state);

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x10;
        Files.write(state, flipped);
        assertTrue(oneLine(vae(r, "--epochs", "2", "--resume")).contains("damaged (checksum mismatch)"));

        byte[] junk = java.util.Arrays.copyOf(good, good.length + 3);
        Files.write(state, junk);
        assertTrue(oneLine(vae(r, "--epochs", "2", "--resume")).contains("state.bin"));

        Files.write(state, java.util.Arrays.copyOf(good, good.length - 100));
        assertTrue(oneLine(vae(r, "--epochs", "2", "--resume")).contains("truncated"));

        byte[] badLength = good.clone();
        badLength[15] ^= 0x01; // the body-length field of the container
        Files.write(state, badLength);
        String line = oneLine(vae(r, "--epochs", "2", "--resume"));
        assertTrue(line.contains("state.bin") && !line.endsWith(": -4"), line);

        Files.write(state, good);
        assertEquals(0, vae(r, "--epochs", "2", "--resume").status());
    }

    @Test
    void resumeWithFewerEpochsOtherDataOrOtherSettingsIsRefused(@TempDir Path tmp) throws IOException {
        Path r = tmp.resolve("R");
        assertEquals(0, vae(r, "--epochs", "2").status());
        String fewer = oneLine(vae(r, "--epochs", "1", "--resume"));
        assertTrue(fewer.contains("--epochs") && fewer.contains("2 epochs done"), fewer);
        List<String> other = new ArrayList<>(List.of("--epochs", "3", "--resume", "--data-dir", otherData.toString()));
        String data = oneLine(vae(r, other.toArray(new String[0])));
        assertTrue(data.contains("--resume") && data.contains("data.train"), data);
        String lr = oneLine(vae(r, "--epochs", "3", "--resume", "--lr", "0.01"));
        assertTrue(lr.contains("learningRate"), lr);
        Run same = vae(r, "--epochs", "3", "--resume");
        assertEquals(0, same.status(), same.err());
        assertTrue(same.out().contains("resuming after epoch 2"), same.out());
    }

    @Test
    void leftoverTemporariesAreRemovedAndFilesFollowTheUmask(@TempDir Path tmp) throws IOException {
        Path r = tmp.resolve("R");
        assertEquals(0, vae(r, "--epochs", "1").status());
        Path stateTmp = Files.write(r.resolve("checkpoint/.state.bin.4711.tmp"), new byte[1000]);
        Path pngTmp = Files.write(r.resolve(".samples.png.815.tmp"), new byte[10]);
        assertEquals(0, vae(r, "--epochs", "2", "--resume").status());
        assertFalse(Files.exists(stateTmp));
        assertFalse(Files.exists(pngTmp));
        // issue 11.5: permissions are those of any new file here (umask-governed), not 600
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("plain")));
        for (String f : List.of("summary.json", "metrics.csv", "samples.png", "checkpoint/state.bin")) {
            assertEquals(usual, Files.getPosixFilePermissions(r.resolve(f)), f);
        }
    }

    @Test
    void problemsAreReportedBeforeTheDataLoads(@TempDir Path tmp) throws IOException {
        Path missing = tmp.resolve("no-data");
        // --cyclical, --batch, --bench-epochs and an unusable --out, with a data folder that does not exist:
        // each error is about the flag, so none waited for the data
        assertTrue(oneLine(vae(tmp.resolve("a"), "--cyclical", "4", "--data-dir", missing.toString()))
                .contains("--cyclical '4' must be M,R"));
        assertTrue(oneLine(vae(tmp.resolve("a"), "--cyclical", "2,1.5", "--data-dir", missing.toString()))
                .contains("--cyclical: ratio R = 1.5 must be in (0, 1]"));
        assertTrue(oneLine(vae(tmp.resolve("a"), "--bench", "--bench-epochs", "0", "--data-dir", missing.toString()))
                .contains("--bench-epochs 0 must be >= 1"));
        assertTrue(oneLine(vae(tmp.resolve("a"), "--device", "tpu", "--data-dir", missing.toString()))
                .contains("--device tpu: expected cpu or gpu"));
        if (ai.djl.engine.Engine.getInstance().getGpuCount() == 0) {
            assertTrue(oneLine(vae(tmp.resolve("a"), "--device", "gpu", "--data-dir", missing.toString()))
                    .contains("--device gpu: libtorch sees no CUDA GPU here"));
        }
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertTrue(oneLine(vae(file, "--data-dir", missing.toString())).contains("is a file, not a folder"));
        assertFalse(Files.exists(tmp.resolve("a")));
        // issue 11.13: --batch 1000000 said "capacity < 0"
        String batch = oneLine(vae(tmp.resolve("b"), "--batch", "1000000"));
        assertTrue(batch.contains("--batch: batchSize = 1000000 is larger than the 200 training images"), batch);
    }

    @Test
    void afterAnInterruptOneLineSaysHowToContinue(@TempDir Path tmp) throws Exception {
        Path r = tmp.resolve("R");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", Kl4j.class.getName(),
                "vae", "--data-dir", data.toString(), "--out", r.toString(), "--hidden", "8", "--latent", "2",
                "--batch", "50", "--no-progress", "--epochs", "100000"));
        Path stderr = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(r.resolve("checkpoint/state.bin")) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the run ended before it could be interrupted");
        p.destroy(); // SIGTERM: the JVM runs its shutdown hooks as on Ctrl-C (SIGINT)
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String err = Files.readString(stderr);
        assertTrue(err.contains("kl4j vae: interrupted; continue with: ./kl4j vae --out " + r + " --resume"), err);
    }
}
