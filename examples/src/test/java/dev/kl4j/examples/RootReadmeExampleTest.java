package dev.kl4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kl4j.core.ReadmeSnippets;
import dev.kl4j.core.discrete.DiscreteDivergences;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.kl.Kl;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The root README's ten-line program ("Use kl4j from Maven"): the test source {@code Hello.java} (default
 * package, as a reader saves it) holds it verbatim between {@link ReadmeSnippets} markers, this test runs
 * its {@code main} and compares what it prints with the README's output block, and the values are checked
 * against the formulas.
 */
class RootReadmeExampleTest {
    private static final String SECTION = "## Use kl4j from Maven";
    private static final Path README = Path.of("..", "README.md");

    @Test
    void theProgramPrintsWhatTheReadmeShows() throws ReflectiveOperationException {
        List<String> program = ReadmeSnippets.blocks(README, "java", SECTION).get(0).lines();
        assertEquals(program, ReadmeSnippets.marked(Path.of("src/test/java/Hello.java")).get(0));

        // The default package cannot be imported: the class is found by name, as `java Hello` finds it.
        var main = Class.forName("Hello").getMethod("main", String[].class);
        String printed = ReadmeSnippets.capture(() -> {
            try {
                main.invoke(null, (Object) new String[0]);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(String.join("\n", ReadmeSnippets.blocks(README, "text", SECTION).get(0).lines()).strip(), printed);

        // --- independent values: the sum and the closed form written out ---
        double[] p = {0.1, 0.7, 0.2};
        double[] q = {0.2, 0.6, 0.2};
        assertEquals(0.1 * Math.log(0.5) + 0.7 * Math.log(0.7 / 0.6), DiscreteDivergences.kl(p, q), 1e-15);
        // ln(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − ½ = ln 2 + 2/8 − ½
        assertEquals(Math.log(2) + 2.0 / 8 - 0.5, Kl.kl(Normal.of(0, 1), Normal.of(1, 2)), 1e-15);
    }
}
