package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code ```console} examples of {@code ppo/docs/environments.md} (a page the README test does not
 * visit, since it reads README.md files only) print exactly what the page shows, run the way
 * {@link ReadmeConsoleExamplesTest} runs them.
 */
class EnvironmentsDocExampleTest {

    @Test
    void consoleExamplesPrintWhatThePageShows() throws IOException {
        Path root = ConsoleExamples.repositoryRoot();
        Path page = Path.of("ppo/docs/environments.md");
        List<ConsoleExamples.Example> examples = ConsoleExamples.extract(page, Files.readString(root.resolve(page)));
        assertTrue(examples.stream().anyMatch(e -> e.command().contains("env-replay")), examples.toString());
        for (ConsoleExamples.Example example : examples) {
            List<String> printed = ConsoleExamples.run(ConsoleExamples.parse(example.command(), root));
            assertEquals(String.join("\n", example.expected()), String.join("\n", printed),
                    page + ":" + example.line() + ": '$ " + example.command() + "'");
        }
    }
}
