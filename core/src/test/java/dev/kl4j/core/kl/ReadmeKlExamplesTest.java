package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.MultivariateNormal;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Poisson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Runs the example of core/README.md ("Distributions and closed-form KL"), checks its numbers against
 * independent values, and checks that the README shows exactly the printed output.
 */
class ReadmeKlExamplesTest {
    private static final String SECTION = "## Distributions and closed-form KL";

    @Test
    void readmeExamplePrintsWhatTheReadmeShows() throws IOException {
        // --- the snippet, verbatim ---
        double a = Kl.kl(Normal.of(0, 1), Normal.of(1, 1));
        MultivariateNormal p = MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}});
        MultivariateNormal q = MultivariateNormal.of(new double[] {1, 0}, new double[][] {{2, 0.5}, {0.5, 2}});
        double b = Kl.kl(p, q);
        Estimate c = MonteCarloKl.estimate(Bernoulli.ofProbs(0.3), Poisson.of(0.5), 100_000, new SplittableRandom(42));
        String printed = String.format(Locale.ROOT, "KL(N(0,1) || N(1,1)) = %.4f%n", a)
                + String.format(Locale.ROOT, "KL(mvn p || mvn q)   = %.4f%n", b)
                + String.format(Locale.ROOT, "KL(Bern || Poisson)  = %.4f +- %.4f%n", c.value(), c.standardError());

        // --- independent values ---
        // ½(0 + 1 − 1 + 1) = 0.5
        assertEquals(0.5, a, 1e-15);
        // ½[tr(Σq⁻¹) + δᵀΣq⁻¹δ − 2 + ln|Σq|], |Σq| = 3.75, Σq⁻¹ = [[2, −.5], [−.5, 2]] / 3.75, δ = (1, 0)
        assertEquals(0.5 * (4 / 3.75 + 2 / 3.75 - 2 + Math.log(3.75)), b, 1e-14);
        // Σ_x p(x) ln(p(x)/q(x)) over x ∈ {0, 1}: 0.7 (ln 0.7 + 0.5) + 0.3 (ln 0.6 + 0.5)
        double exact = 0.7 * (Math.log(0.7) + 0.5) + 0.3 * (Math.log(0.6) + 0.5);
        assertEquals(exact, c.value(), 5 * c.standardError());

        // --- the README shows that output ---
        assertEquals(printed.strip(), readmeOutput().strip());
    }

    private static String readmeOutput() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, "README.md lacks the section " + SECTION);
        int java = readme.indexOf("```java", section);
        int start = readme.indexOf("```text", java);
        assertTrue(java > 0 && start > 0, "README.md section lacks the java/text blocks");
        start = readme.indexOf('\n', start) + 1;
        int end = readme.indexOf("```", start);
        return readme.substring(start, end).replace(System.lineSeparator(), "\n");
    }
}
