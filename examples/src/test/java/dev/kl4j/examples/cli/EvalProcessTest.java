package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kl4j eval} in its own JVM, started as the launcher starts it, for what only a real process
 * shows: a full device, a pipe closed by its reader, and a small heap (about a second per JVM).
 */
class EvalProcessTest {
    private static final String GOOD = "{\"id\":\"ok\",\"measure\":\"tv\",\"p\":[1,0],\"q\":[0,1]}";

    @TempDir
    Path dir;

    private static ProcessBuilder kl4j(String maxHeap, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), maxHeap,
                "-cp", System.getProperty("java.class.path"), Kl4j.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private Path manyLines(int n) throws IOException {
        Path file = dir.resolve("big.jsonl");
        Files.write(file, java.util.Collections.nCopies(n, GOOD));
        return file;
    }

    private static String finish(Process process) throws Exception {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kl4j eval did not finish");
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void writingToAFullDeviceExitsTwoWithOneLine() throws Exception {
        Path input = manyLines(20_000);
        Process process = kl4j("-Xmx256m", "eval", input.toString())
                .redirectOutput(new File("/dev/full")).start();
        String err = finish(process);
        assertEquals(2, process.exitValue(), err);
        assertEquals("kl4j eval: cannot write to standard output: No space left on device", err.strip());
    }

    @Test
    void aReaderThatTakesOneLineAndClosesThePipeEndsItQuietly() throws Exception {
        Path input = manyLines(200_000);
        Process process = kl4j("-Xmx256m", "eval", input.toString()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertTrue(out.readLine().contains("\"value\":1.0"));
        }   // closes the pipe, as `| head -1` does
        String err = finish(process);
        assertEquals(0, process.exitValue(), err);
        assertEquals("", err);
    }

    @Test
    void aTenMillionElementLineWithASmallHeapSpoilsOnlyItself() throws Exception {
        // 20 MB, over the 16 MiB line limit: skipped as it is read, never held
        assertOnlyTheBigLineFails("{\"measure\":\"entropy\",\"p\":[1", ",0", 10_000_000, "-Xmx48m",
                "line 1 is longer than the limit");
    }

    @Test
    void aLineWithinTheLimitsThatTheHeapCannotHoldSpoilsOnlyItself() throws Exception {
        // 700,000 elements of 17 characters: 12 MB, within both limits, but its parsed tree needs more
        // than a 64 MB heap holds
        assertOnlyTheBigLineFails("{\"measure\":\"entropy\",\"normalize\":true,\"p\":[1", ",0.123456789012345",
                700_000, "-Xmx64m", "line 1 needs more memory than the Java heap allows");
    }

    /**
     * Writes a line of {@code head} and {@code elements} copies of {@code element}, then a good line,
     * runs eval on it with the given heap, and checks that only the first line failed, with {@code error}.
     */
    private void assertOnlyTheBigLineFails(String head, String element, int elements, String maxHeap, String error)
            throws Exception {
        Path input = dir.resolve("big-line.jsonl");
        try (OutputStream out = Files.newOutputStream(input)) {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] block = element.repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < elements / 10_000; i++) {
                out.write(block);
            }
            out.write(("]}\n" + GOOD + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        Process process = kl4j(maxHeap, "eval", input.toString()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = finish(process);
        assertEquals(1, process.exitValue(), err + out);
        assertEquals("", err);
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), out);
        assertTrue(lines.get(0).contains("\"error\":\"" + error), lines.get(0));
        assertTrue(lines.get(1).contains("\"id\":\"ok\"") && lines.get(1).contains("\"value\":1.0"), lines.get(1));
    }
}
