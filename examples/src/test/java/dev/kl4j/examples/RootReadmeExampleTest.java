package dev.kl4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.ReadmeSnippets;
import dev.kl4j.core.discrete.DiscreteDivergences;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.kl.Kl;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The root README's ten-line program ("Use kl4j from Maven"): the test source {@code Hello.java} (default
 * package, as a reader saves it) holds it verbatim between {@link ReadmeSnippets} markers, this test runs
 * its {@code main} and compares what it prints with the README's output block, and the values are checked
 * against the formulas. The dependency block above it names this build's {@code kl4j-core}.
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

    @Test
    void theDependencyBlockNamesThisBuildsCoreArtifact() throws IOException {
        String pom = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
        int parent = pom.indexOf("<artifactId>kl4j-parent</artifactId>");
        String version = pom.substring(pom.indexOf("<version>", parent) + 9, pom.indexOf("</version>", parent));
        assertTrue(Files.readString(Path.of("..", "core", "pom.xml"), StandardCharsets.UTF_8)
                .contains("<artifactId>kl4j-core</artifactId>"));
        assertEquals(List.of("<dependency>", "  <groupId>dev.kl4j</groupId>", "  <artifactId>kl4j-core</artifactId>",
                "  <version>" + version + "</version>", "</dependency>"),
                ReadmeSnippets.blocks(README, "xml", SECTION).get(0).lines());
    }
}
