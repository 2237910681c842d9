package dev.kl4j.core.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.ReadmeSnippets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the Java snippets of core/README.md, section "Discrete measures", and checks that each prints
 * exactly what its {@code // prints} comments say. The snippets are copied below between
 * {@code README snippet} markers ({@link ReadmeSnippets}), and {@link #snippetsAreCopiedVerbatim()} fails
 * when the README and this file differ, so the two cannot drift apart. The printed values themselves were produced with
 * SciPy (see {@link DiscreteDivergencesTest} and {@link RenyiDivergenceTest} for the expressions).
 */
class ReadmeDiscreteExamplesTest {

    private static final Path README = Path.of("README.md");
    private static final Path THIS_FILE = Path.of("src/test/java/dev/kl4j/core/discrete/ReadmeDiscreteExamplesTest.java");
    private static final String PRINTS = "// prints ";

    // ------------------------------------------------------------------ the snippets

    private static void klEntropyCrossEntropy() {
        // README snippet begin
        double[] p = {0.1, 0.7, 0.2};
        double[] q = {0.2, 0.6, 0.2};
        System.out.printf("%.15f%n", DiscreteDivergences.kl(p, q));          // prints 0.038590757823086
        System.out.printf("%.6f%n", DiscreteDivergences.kl(q, p));           // prints 0.046139
        System.out.printf("%.6f%n", DiscreteDivergences.entropy(p));         // prints 0.801819
        System.out.printf("%.6f%n", DiscreteDivergences.crossEntropy(p, q)); // prints 0.840409
        // p > 0 where q = 0: +∞, no epsilon
        System.out.println(DiscreteDivergences.kl(new double[] {0.5, 0.5}, new double[] {1.0, 0.0})); // prints Infinity
        // README snippet end
    }

    private static void jensenShannon() {
        // README snippet begin
        double[] p = {0.1, 0.7, 0.2};
        double[] q = {0.2, 0.6, 0.2};
        System.out.printf("%.6f%n", DiscreteDivergences.js(p, q));         // prints 0.010420
        System.out.printf("%.6f%n", DiscreteDivergences.jsDistance(p, q)); // prints 0.102078
        // disjoint supports reach the maximum, 1 bit
        DiscreteOptions bits = DiscreteOptions.DEFAULT.withBase(LogBase.TWO);
        System.out.println(DiscreteDivergences.js(new double[] {1, 0}, new double[] {0, 1}, bits)); // prints 1.0
        // README snippet end
    }

    private static void renyi() {
        // README snippet begin
        double[] p = {0.2, 0.0, 0.5, 0.3};
        double[] q = {0.1, 0.4, 0.3, 0.2};
        System.out.printf("%.6f%n", DiscreteDivergences.renyi(p, q, 0.0));                      // prints 0.510826
        System.out.printf("%.6f%n", DiscreteDivergences.renyi(p, q, 0.5));                      // prints 0.513223
        System.out.printf("%.6f%n", DiscreteDivergences.renyi(p, q, 1.0));                      // prints 0.515682
        System.out.printf("%.6f%n", DiscreteDivergences.renyi(p, q, 2.0));                      // prints 0.520776
        System.out.printf("%.6f%n", DiscreteDivergences.renyi(p, q, Double.POSITIVE_INFINITY)); // prints 0.693147
        // README snippet end
    }

    private static void distances() {
        // README snippet begin
        double[] p = {0.2, 0.0, 0.5, 0.3};
        double[] q = {0.1, 0.4, 0.3, 0.2};
        System.out.printf("%.6f%n", DiscreteDivergences.tv(p, q));            // prints 0.400000
        System.out.printf("%.6f%n", DiscreteDivergences.hellinger(p, q));     // prints 0.475743
        System.out.printf("%.6f%n", DiscreteDivergences.chi2(p, q));          // prints 0.683333
        System.out.printf("%.6f%n", DiscreteDivergences.bhattacharyya(p, q)); // prints 0.256612
        // README snippet end
    }

    private static void fDivergences() {
        // README snippet begin
        double[] p = {0.2, 0.0, 0.5, 0.3};
        double[] q = {0.1, 0.4, 0.3, 0.2};
        System.out.printf("%.6f%n", DiscreteDivergences.fDivergence(p, q, FGenerator.KL));              // prints 0.515682
        System.out.printf("%.6f%n", DiscreteDivergences.fDivergence(p, q, FGenerator.TOTAL_VARIATION)); // prints 0.400000
        FGenerator neyman = FGenerator.of("Neyman chi2", t -> (t - 1) * (t - 1) / t, 1.0);
        System.out.println(DiscreteDivergences.fDivergence(p, q, neyman)); // prints Infinity
        // README snippet end
    }

    private static void wasserstein() {
        // README snippet begin
        double[] p = {0.2, 0.0, 0.5, 0.3};
        double[] q = {0.1, 0.4, 0.3, 0.2};
        System.out.printf("%.6f%n", DiscreteDivergences.wasserstein1(p, q));                                    // prints 0.500000
        System.out.printf("%.6f%n", DiscreteDivergences.wasserstein1(p, q, new double[] {0.0, 0.5, 2.0, 3.5})); // prints 0.650000
        // README snippet end
    }

    private static void optionsNamesErrors() {
        // README snippet begin
        DiscreteOptions counts = DiscreteOptions.DEFAULT.withNormalize(true).withBase(LogBase.TWO);
        System.out.printf("%.6f%n", DiscreteDivergences.kl(new double[] {1, 7, 2}, new double[] {2, 6, 2}, counts)); // prints 0.055675
        double[] p = {0.5, 0.5, 0.0};
        double[] q = {1.0, 0.0, 0.0};
        DiscreteOptions smoothed = DiscreteOptions.DEFAULT.withSmoothing(0.01);
        System.out.printf("%.6f%n", DiscreteDivergences.kl(p, q, smoothed)); // prints 1.608496
        DiscreteMeasure measure = DiscreteMeasure.fromName("js_distance");
        System.out.printf("%.6f%n", measure.evaluate(new double[] {0.2, 0.0, 0.5, 0.3}, new double[] {0.1, 0.4, 0.3, 0.2},
                Double.NaN, DiscreteOptions.DEFAULT)); // prints 0.405946
        try {
            DiscreteDivergences.kl(new double[] {0.3, 0.3, 0.4}, new double[] {0.6, 0.5, -0.1});
        } catch (InvalidArgumentException e) {
            System.out.println(e.argument() + ": " + e.getMessage()); // prints q: q[2] = -0.1 is negative; probabilities must be >= 0
        }
        // README snippet end
    }

    private static void reverseAndLogits() {
        // README snippet begin
        double[] p = {0.1, 0.7, 0.2};
        double[] q = {0.2, 0.6, 0.2};
        System.out.printf("%.6f%n", DiscreteDivergences.reverseKl(p, q));           // prints 0.046139
        double[] a = {0.3, -1.2, 2.0, 0.7};
        double[] b = {-0.5, 0.8, 1.1, 0.0};
        System.out.printf("%.6f%n", DiscreteDivergences.klFromLogits(a, b));        // prints 0.291792
        System.out.printf("%.6f%n", DiscreteDivergences.reverseKlFromLogits(a, b)); // prints 0.562767
        System.out.printf("%.6f%n", DiscreteDivergences.entropyFromLogits(a));      // prints 0.934400
        System.out.printf("%.6f%n", DiscreteDivergences.jsFromLogits(a, b));        // prints 0.088528
        // README snippet end
    }

    // ------------------------------------------------------------------ the checks

    @Test
    void klEntropyCrossEntropyPrintsWhatTheReadmeSays() throws IOException {
        assertPrints(0, ReadmeDiscreteExamplesTest::klEntropyCrossEntropy);
    }

    @Test
    void jensenShannonPrintsWhatTheReadmeSays() throws IOException {
        assertPrints(1, ReadmeDiscreteExamplesTest::jensenShannon);
    }

    @Test
    void renyiPrintsWhatTheReadmeSays() throws IOException {
        assertPrints(2, ReadmeDiscreteExamplesTest::renyi);
    }

    @Test
    void distancesPrintWhatTheReadmeSays() throws IOException {
        assertPrints(3, ReadmeDiscreteExamplesTest::distances);
    }

    @Test
    void fDivergencesPrintWhatTheReadmeSays() throws IOException {
        assertPrints(4, ReadmeDiscreteExamplesTest::fDivergences);
    }

    @Test
    void wassersteinPrintsWhatTheReadmeSays() throws IOException {
        assertPrints(5, ReadmeDiscreteExamplesTest::wasserstein);
    }

    @Test
    void optionsNamesErrorsPrintWhatTheReadmeSays() throws IOException {
        assertPrints(6, ReadmeDiscreteExamplesTest::optionsNamesErrors);
    }

    @Test
    void reverseAndLogitsPrintWhatTheReadmeSays() throws IOException {
        // SciPy: rel_entr(q, p).sum(); with p = softmax(a), q = softmax(b): rel_entr(p, q).sum(),
        // rel_entr(q, p).sum(), entropy(p), jensenshannon(p, q)**2 (see DiscreteLogitsTest)
        assertPrints(7, ReadmeDiscreteExamplesTest::reverseAndLogits);
    }

    @Test
    void snippetsAreCopiedVerbatim() throws IOException {
        List<List<String>> inReadme = readmeSnippets();
        assertEquals(8, inReadme.size(), "java blocks in the README section");
        assertEquals(inReadme, ReadmeSnippets.marked(THIS_FILE));
    }

    private static void assertPrints(int snippet, Runnable code) throws IOException {
        List<String> expected = readmeSnippets().get(snippet).stream()
                .filter(l -> l.contains(PRINTS))
                .map(l -> l.substring(l.indexOf(PRINTS) + PRINTS.length()).strip())
                .collect(Collectors.toList());
        assertEquals(expected, Arrays.asList(ReadmeSnippets.capture(code).split("\\R")));
    }

    /** The ```java blocks of the "## Discrete measures" section, dedented. */
    private static List<List<String>> readmeSnippets() throws IOException {
        return ReadmeSnippets.blocks(README, "java", "## Discrete measures").stream()
                .map(ReadmeSnippets.Block::lines).collect(Collectors.toList());
    }
}
