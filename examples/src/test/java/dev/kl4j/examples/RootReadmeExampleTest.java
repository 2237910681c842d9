package dev.kl4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.discrete.DiscreteDivergences;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.kl.Kl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The root README's ten-line program ("Use kl4j from Maven"): its statements run here verbatim, the
 * printed lines must be the ones the README shows, and the values are checked against the formulas.
 */
class RootReadmeExampleTest {
    private static final String SECTION = "## Use kl4j from Maven";

    @Test
    void theProgramPrintsWhatTheReadmeShows() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, "README.md lacks " + SECTION);
        String java = block(readme, "```java", section);
        String shown = block(readme, "```text", section);

        // --- the program's statements, as in the README ---
        double[] p = {0.1, 0.7, 0.2};
        double[] q = {0.2, 0.6, 0.2};
        String printed = String.format(Locale.ROOT, "KL(P||Q) = %.6f nats%n", DiscreteDivergences.kl(p, q))
                + String.format(Locale.ROOT, "KL(N(0,1)||N(1,2^2)) = %.6f nats%n", Kl.kl(Normal.of(0, 1), Normal.of(1, 2)));
        assertTrue(java.contains("System.out.printf(\"KL(P||Q) = %.6f nats%n\", DiscreteDivergences.kl(p, q));"), java);
        assertTrue(java.contains("System.out.printf(\"KL(N(0,1)||N(1,2^2)) = %.6f nats%n\", Kl.kl(Normal.of(0, 1),"
                + " Normal.of(1, 2)));"), java);
        assertTrue(java.contains("double[] p = {0.1, 0.7, 0.2};") && java.contains("double[] q = {0.2, 0.6, 0.2};"));

        // --- independent values: the sums and the closed form written out ---
        assertEquals(0.1 * Math.log(0.5) + 0.7 * Math.log(0.7 / 0.6), DiscreteDivergences.kl(p, q), 1e-15);
        assertEquals(Math.log(2) + 2.0 / 8 - 0.5, Kl.kl(Normal.of(0, 1), Normal.of(1, 2)), 1e-15);

        assertEquals(printed.strip(), shown.strip());
    }

    private static String block(String text, String fence, int from) {
        int start = text.indexOf(fence, from);
        assertTrue(start > 0, "no " + fence + " block after " + SECTION);
        start = text.indexOf('\n', start) + 1;
        return text.substring(start, text.indexOf("```", start));
    }
}
