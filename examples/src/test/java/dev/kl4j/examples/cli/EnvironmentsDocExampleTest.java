package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ```console} examples of {@code ppo/docs/environments.md} print exactly what the page shows.
 * Each is {@code $ echo 'LINE' | ./kl4j env-replay} followed by its output line; the test feeds LINE to
 * the command in-process.
 */
class EnvironmentsDocExampleTest {

    private static final Pattern COMMAND = Pattern.compile("^\\$ echo '(.*)' \\| \\./kl4j env-replay$");

    @TempDir
    Path dir;

    @Test
    void consoleExamplesPrintWhatThePageShows() throws IOException {
        Path page = Path.of("").toAbsolutePath().resolveSibling("ppo").resolve("docs/environments.md");
        if (!Files.exists(page)) {
            page = Path.of("ppo/docs/environments.md").toAbsolutePath(); // run from the repository root
        }
        List<String> lines = Files.readAllLines(page);
        List<String[]> examples = new ArrayList<>();
        boolean inConsole = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals("```console")) {
                inConsole = true;
            } else if (line.equals("```")) {
                inConsole = false;
            } else if (inConsole) {
                Matcher m = COMMAND.matcher(line);
                assertTrue(m.matches(), page + ":" + (i + 1) + ": not an env-replay example: " + line);
                examples.add(new String[] {m.group(1), lines.get(++i)});
            }
        }
        assertTrue(examples.size() >= 1, "the page shows an env-replay example");
        for (String[] example : examples) {
            Path input = dir.resolve("in.jsonl");
            Files.writeString(input, example[0] + "\n");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = Kl4j.execute(new PrintWriter(out), new PrintWriter(err), "env-replay", input.toString());
            assertEquals(0, status, err.toString());
            assertEquals(example[1], out.toString().strip(), "for input " + example[0]);
        }
    }
}
