package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kl4j.core.ReadmeSnippets;
import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.MultivariateNormal;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Poisson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Runs the example of core/README.md ("Distributions and closed-form KL") verbatim (its statements are
 * copied between {@link ReadmeSnippets} markers and compared with the README), checks that the README
 * shows exactly what it prints, and checks its numbers against independent values.
 */
class ReadmeKlExamplesTest {
    private static final String SECTION = "## Distributions and closed-form KL";
    private static final Path README = Path.of("README.md");
    private static final Path THIS_FILE = Path.of("src/test/java/dev/kl4j/core/kl/ReadmeKlExamplesTest.java");

    /** The snippet's statements (the README block after its imports), verbatim. */
    private static void snippet() {
        // README snippet begin
        double a = Kl.kl(Normal.of(0, 1), Normal.of(1, 1));
        MultivariateNormal p = MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}});
        MultivariateNormal q = MultivariateNormal.of(new double[] {1, 0}, new double[][] {{2, 0.5}, {0.5, 2}});
        double b = Kl.kl(p, q);
        // Monte Carlo works for any pair (here it reproduces the closed form of Bernoulli ‖ Poisson).
        Estimate c = MonteCarloKl.estimate(Bernoulli.ofProbs(0.3), Poisson.of(0.5), 100_000, new SplittableRandom(42));
        System.out.printf(Locale.ROOT, "KL(N(0,1) || N(1,1)) = %.4f%n", a);
        System.out.printf(Locale.ROOT, "KL(mvn p || mvn q)   = %.4f%n", b);
        System.out.printf(Locale.ROOT, "KL(Bern || Poisson)  = %.4f +- %.4f%n", c.value(), c.standardError());
        // README snippet end
    }

    @Test
    void readmeExamplePrintsWhatTheReadmeShows() throws IOException {
        // --- the README shows the snippet's code and exactly what it prints ---
        List<String> code = ReadmeSnippets.blocks(README, "java", SECTION).get(0).lines();
        int firstStatement = 0;
        while (code.get(firstStatement).startsWith("import ") || code.get(firstStatement).isEmpty()) {
            firstStatement++;
        }
        assertEquals(code.subList(firstStatement, code.size()), ReadmeSnippets.marked(THIS_FILE).get(0));
        assertEquals(String.join("\n", ReadmeSnippets.blocks(README, "text", SECTION).get(0).lines()).strip(),
                ReadmeSnippets.capture(ReadmeKlExamplesTest::snippet));

        // --- independent values for the same computations ---
        double a = Kl.kl(Normal.of(0, 1), Normal.of(1, 1));
        MultivariateNormal p = MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}});
        MultivariateNormal q = MultivariateNormal.of(new double[] {1, 0}, new double[][] {{2, 0.5}, {0.5, 2}});
        Estimate c = MonteCarloKl.estimate(Bernoulli.ofProbs(0.3), Poisson.of(0.5), 100_000, new SplittableRandom(42));
        // ½(0 + 1 − 1 + 1) = 0.5
        assertEquals(0.5, a, 1e-15);
        // ½[tr(Σq⁻¹) + δᵀΣq⁻¹δ − 2 + ln|Σq|], |Σq| = 3.75, Σq⁻¹ = [[2, −.5], [−.5, 2]] / 3.75, δ = (1, 0)
        assertEquals(0.5 * (4 / 3.75 + 2 / 3.75 - 2 + Math.log(3.75)), Kl.kl(p, q), 1e-14);
        // Σ_x p(x) ln(p(x)/q(x)) over x ∈ {0, 1}: 0.7 (ln 0.7 + 0.5) + 0.3 (ln 0.6 + 0.5)
        double exact = 0.7 * (Math.log(0.7) + 0.5) + 0.3 * (Math.log(0.6) + 0.5);
        assertEquals(exact, c.value(), 5 * c.standardError());
    }
}
