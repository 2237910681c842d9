package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```console} example in every README.md of the repository is run and must print exactly
 * the lines shown (see {@link ConsoleExamples} for what a console block may hold).
 */
class ReadmeConsoleExamplesTest {

    private static List<ConsoleExamples.Example> allExamples() throws IOException {
        Path root = ConsoleExamples.repositoryRoot();
        List<ConsoleExamples.Example> examples = new ArrayList<>();
        for (Path readme : ConsoleExamples.readmes(root)) {
            examples.addAll(ConsoleExamples.extract(root.relativize(readme), Files.readString(readme)));
        }
        return examples;
    }

    @TestFactory
    Stream<DynamicTest> everyConsoleExamplePrintsWhatTheReadmeShows() throws IOException {
        Path root = ConsoleExamples.repositoryRoot();
        return allExamples().stream().map(example -> DynamicTest.dynamicTest(example.toString(), () -> {
            ConsoleExamples.Invocation invocation;
            try {
                invocation = ConsoleExamples.parse(example.command(), root);
            } catch (ConsoleExamples.UnsupportedCommandException e) {
                throw new AssertionError(example.readme() + ":" + example.line() + ": " + e.getMessage(), e);
            }
            List<String> printed = ConsoleExamples.run(invocation);
            assertEquals(String.join("\n", example.expected()), String.join("\n", printed),
                    example.readme() + ":" + example.line() + ": '$ " + example.command()
                            + "' prints something else than the README shows");
        }));
    }

    @Test
    void theRootReadmeAndTheExamplesReadmeAreFoundAndHaveConsoleExamples() throws IOException {
        Path root = ConsoleExamples.repositoryRoot();
        assertTrue(Files.isRegularFile(root.resolve("examples/pom.xml")), root.toString());
        List<Path> readmes = ConsoleExamples.readmes(root);
        assertTrue(readmes.contains(root.resolve("README.md")) && readmes.contains(root.resolve("examples/README.md")),
                readmes.toString());
        assertTrue(readmes.stream().noneMatch(p -> p.toString().contains("/target/")), readmes.toString());
        List<ConsoleExamples.Example> examples = allExamples();
        assertTrue(examples.stream().anyMatch(e -> e.readme().equals(Path.of("README.md"))), examples.toString());
        assertTrue(examples.stream().anyMatch(e -> e.readme().equals(Path.of("examples/README.md"))), examples.toString());
    }

    @Test
    void blocksAreSplitIntoCommandsAndTheirOutput() {
        String text = String.join("\n",
                "text", "```console",
                "$ echo '{}' | ./kl4j eval",
                "line one",
                "",
                "$ ./kl4j eval \\",
                "    examples/eval-example.jsonl",
                "```",
                "```bash", "$ not run", "```",
                "  ```console", "  $ ./kl4j --version", "  kl4j x", "  ```");
        List<ConsoleExamples.Example> examples = ConsoleExamples.extract(Path.of("R.md"), text);
        assertEquals(3, examples.size(), examples.toString());
        assertEquals(new ConsoleExamples.Example(Path.of("R.md"), 3, "echo '{}' | ./kl4j eval", List.of("line one", "")),
                examples.get(0));
        assertEquals("./kl4j eval examples/eval-example.jsonl", examples.get(1).command());
        assertEquals(List.of(), examples.get(1).expected());
        assertEquals(new ConsoleExamples.Example(Path.of("R.md"), 13, "./kl4j --version", List.of("kl4j x")),
                examples.get(2));
        assertThrows(IllegalArgumentException.class,
                () -> ConsoleExamples.extract(Path.of("R.md"), "```console\noutput before a command\n```"));
        assertThrows(IllegalArgumentException.class, () -> ConsoleExamples.extract(Path.of("R.md"), "```console\n$ x"));
    }

    @Test
    void commandsAreSplitAsAShellSplitsThem(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("in.jsonl"), "{\"a\":1}\n");
        ConsoleExamples.Invocation echo = ConsoleExamples.parse(
                "echo '{\"id\":\"a b\"}'  \"x\\\"y\" z\\ w | ./kl4j eval", root);
        assertEquals(List.of("eval"), echo.args());
        assertEquals("{\"id\":\"a b\"} x\"y z w\n", new String(echo.stdin(), StandardCharsets.UTF_8));
        assertEquals("", new String(ConsoleExamples.parse("echo -n | ./kl4j eval", root).stdin(), StandardCharsets.UTF_8));

        ConsoleExamples.Invocation printf = ConsoleExamples.parse("printf '%s\\n' one two | ./kl4j eval -", root);
        assertEquals("one\ntwo\n", new String(printf.stdin(), StandardCharsets.UTF_8));
        assertEquals(List.of("eval", "-"), printf.args());

        ConsoleExamples.Invocation cat = ConsoleExamples.parse("cat in.jsonl | ./kl4j eval", root);
        assertEquals("{\"a\":1}\n", new String(cat.stdin(), StandardCharsets.UTF_8));
        ConsoleExamples.Invocation redirect = ConsoleExamples.parse("./kl4j eval < in.jsonl", root);
        assertArrayEquals(cat.stdin(), redirect.stdin());

        // file arguments are relative to the repository root; others are left alone
        ConsoleExamples.Invocation file = ConsoleExamples.parse(
                "./kl4j env-replay --actions=in.jsonl in.jsonl --seed 3 'CartPole-v1'", root);
        assertEquals(List.of("env-replay", "--actions=" + root.resolve("in.jsonl"), root.resolve("in.jsonl").toString(),
                "--seed", "3", "CartPole-v1"), file.args());
    }

    @Test
    void unsupportedFormsFailSayingHowToMarkThem(@TempDir Path root) {
        for (String command : List.of(
                "mvn -B verify",
                "./kl4j eval > out.jsonl",
                "echo $HOME | ./kl4j eval",
                "./kl4j eval x.jsonl | head -1",
                "cat a | grep b | ./kl4j eval",
                "./kl4j tour; ./kl4j vae",
                "cat missing.jsonl | ./kl4j eval")) {
            ConsoleExamples.UnsupportedCommandException e = assertThrows(
                    ConsoleExamples.UnsupportedCommandException.class, () -> ConsoleExamples.parse(command, root), command);
            assertTrue(e.getMessage().contains("```bash") && e.getMessage().contains("```text"), e.getMessage());
        }
    }

    @Test
    void aRunPrintsStandardOutputAndStandardErrorAsATerminalShowsThem() {
        List<String> printed = ConsoleExamples.run(new ConsoleExamples.Invocation(List.of("eval", "--nope"), new byte[0]));
        assertEquals(1, printed.size(), printed.toString());
        assertTrue(printed.get(0).contains("--nope"), printed.toString());
        List<String> answered = ConsoleExamples.run(new ConsoleExamples.Invocation(List.of("eval"),
                "{\"measure\":\"tv\",\"p\":[1,0],\"q\":[0,1]}\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("{\"id\":null,\"measure\":\"tv\",\"value\":1.0}"), answered);
        assertFalse(ConsoleExamples.HOW_TO_MARK.isBlank());
    }
}
