package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.kl4j.ShiftedExponential;
import dev.kl4j.core.ReadmeSnippets;
import dev.kl4j.core.kl.Kl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What core/README.md's "Extend it" shows besides its Java outline (which {@link ReadmeJavaSnippetsTest}
 * finds in {@code core/src/test/java/com/example/kl4j}): the service files it lists are the ones core's
 * tests use, the value it states is the pair's, and its {@code kl4j eval} command prints the line shown,
 * answered in-process with core's test classes (the README's jar) on the class path.
 */
class CoreReadmeExtendItTest {
    private static final String SECTION = "## Extend it";

    private static Path readme() {
        return ConsoleExamples.repositoryRoot().resolve("core/README.md");
    }

    @Test
    void theListedServiceFilesAreTheOnesTheTestsUse() throws IOException {
        List<String> listing = ReadmeSnippets.blocks(readme(), "text", SECTION).get(0).lines().stream()
                .filter(l -> l.startsWith("META-INF/services/")).toList();
        assertEquals(2, listing.size(), listing.toString());
        Path resources = ConsoleExamples.repositoryRoot().resolve("core/src/test/resources");
        for (String line : listing) {
            String[] fileAndClass = line.split("\\s+");
            assertEquals(2, fileAndClass.length, line);
            List<String> providers = Files.readAllLines(resources.resolve(fileAndClass[0]), StandardCharsets.UTF_8);
            assertTrue(providers.contains(fileAndClass[1]), line + " but the file holds " + providers);
        }
    }

    @Test
    void theStatedValueIsThePairs() throws IOException {
        String text = Files.readString(readme(), StandardCharsets.UTF_8);
        assertTrue(text.contains("`Kl.kl(new ShiftedExponential(1, 2), new ShiftedExponential(0.5, 1.5))` is ln(4/3) − 1 + 1.5"
                + " = 0.7877"), "the sentence of the README changed");
        // r − 1 − ln r + λq (sp − sq) with r = λq/λp = 0.75: −ln 0.75 − 0.25 + 0.75 = ln(4/3) + 0.5
        double byHand = Math.log(4.0 / 3) - 1 + 1.5;
        assertEquals(byHand, Kl.kl(new ShiftedExponential(1, 2), new ShiftedExponential(0.5, 1.5)), 1e-15);
        assertEquals("0.7877", String.format(Locale.ROOT, "%.4f", byHand));
    }

    @Test
    void theEvalCommandPrintsTheLineShown() {
        String command = String.join(" ", ReadmeSnippets.blocks(readme(), "bash", SECTION).get(0).lines());
        assertTrue(command.contains("KL4J_CLASSPATH=my-pairs.jar ./kl4j eval"), command);
        String input = command.substring(command.indexOf("echo '") + 6, command.indexOf("' "));
        List<String> printed = ConsoleExamples.run(new ConsoleExamples.Invocation(List.of("eval"),
                (input + "\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(ReadmeSnippets.blocks(readme(), "text", SECTION).get(1).lines(), printed);
    }
}
