package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.ReadmeSnippets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of every README.md of the repository is code a test runs: it is found
 * verbatim between {@code // README snippet begin} and {@code // README snippet end} lines in some test
 * source of the repository ({@link ReadmeSnippets}; the test next to those lines runs the code and checks
 * what it prints or computes). Two allowances, because a test is a Java file:
 * <ul>
 *   <li>a block's leading {@code import} lines are not compared when the test region holds the
 *       statements only (a method cannot hold imports);</li>
 *   <li>a block with an elision ({@code ...}) is an <em>outline</em> of code kept in several files: each
 *       of its lines, without its trailing {@code //} comment and with white space collapsed, must occur
 *       in a test source with white space collapsed (lines holding {@code ...} are skipped).</li>
 * </ul>
 */
class ReadmeJavaSnippetsTest {

    /** Test sources of every module: file → text. */
    private static Map<Path, String> testSources(Path root) {
        Map<Path, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java") && root.relativize(p).toString().contains("src/test/java/"))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (part.toString().equals("target") || part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .forEach(p -> {
                        try {
                            sources.put(p, Files.readString(p, StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    private static List<ReadmeSnippets.Block> javaBlocks(Path root) {
        List<ReadmeSnippets.Block> blocks = new ArrayList<>();
        for (Path readme : ConsoleExamples.readmes(root)) {
            blocks.addAll(ReadmeSnippets.blocks(readme, "java", null));
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockIsCodeATestRuns() {
        Path root = ConsoleExamples.repositoryRoot();
        Map<Path, String> sources = testSources(root);
        List<List<String>> regions = new ArrayList<>();
        for (Path source : sources.keySet()) {
            regions.addAll(ReadmeSnippets.marked(source));
        }
        List<String> collapsed = sources.values().stream().map(ReadmeJavaSnippetsTest::collapse).toList();
        return javaBlocks(root).stream().map(block -> DynamicTest.dynamicTest(root.relativize(block.readme()) + ":"
                + block.line(), () -> {
                    if (isOutline(block.lines())) {
                        for (String line : block.lines()) {
                            String code = collapse(withoutTrailingComment(line));
                            if (code.isEmpty() || line.contains("...")) {
                                continue;
                            }
                            assertTrue(collapsed.stream().anyMatch(text -> text.contains(code)),
                                    root.relativize(block.readme()) + ":" + block.line() + ": the outline's line '"
                                            + line.strip() + "' is in no test source");
                        }
                        return;
                    }
                    List<String> statements = withoutImports(block.lines());
                    assertTrue(regions.contains(block.lines()) || regions.contains(statements),
                            root.relativize(block.readme()) + ":" + block.line() + ": this ```java block is not copied"
                                    + " verbatim between '" + ReadmeSnippets.BEGIN + "' and '" + ReadmeSnippets.END
                                    + "' lines in any test source: copy it into the test that runs it");
                }));
    }

    @Test
    void everyReadmeThatShowsJavaIsVisitedAndTheMarkedRegionsAreFound() {
        Path root = ConsoleExamples.repositoryRoot();
        List<ReadmeSnippets.Block> blocks = javaBlocks(root);
        for (String readme : new String[] {"README.md", "core/README.md", "vae/README.md", "ppo/README.md",
            "distillation/README.md"}) {
            assertTrue(blocks.stream().anyMatch(b -> b.readme().equals(root.resolve(readme))), readme + ": " + blocks);
        }
        long regions = testSources(root).keySet().stream().mapToLong(p -> ReadmeSnippets.marked(p).size()).sum();
        long verbatim = blocks.stream().filter(b -> !isOutline(b.lines())).count();
        assertTrue(verbatim > 10 && regions >= verbatim, regions + " marked regions for " + verbatim + " verbatim blocks");
    }

    @Test
    void theComparisonRules() {
        List<String> block = List.of("import a.B;", "", "B b = B.of(1);", "System.out.println(b);");
        assertEquals(List.of("B b = B.of(1);", "System.out.println(b);"), withoutImports(block));
        assertEquals(block.subList(2, 4), withoutImports(block.subList(2, 4)));
        assertTrue(isOutline(List.of("class A { ... }")));
        assertFalse(isOutline(List.of("int a = 1; // and so on...")));
        assertEquals("return x;", collapse(withoutTrailingComment("    return   x;   // why")));
        assertEquals("String s = \"// not a comment\";", withoutTrailingComment("String s = \"// not a comment\";"));
        assertEquals("public String name() { return \"n\"; }",
                collapse("public String name() {\n        return \"n\";\n    }"));
    }

    /** A block with an elision {@code ...} outside a comment or string is an outline. */
    private static boolean isOutline(List<String> lines) {
        return lines.stream().anyMatch(l -> withoutTrailingComment(l).contains("..."));
    }

    /** The block without its leading imports and the blank lines after them. */
    private static List<String> withoutImports(List<String> lines) {
        int first = 0;
        while (first < lines.size() && (lines.get(first).startsWith("import ") || lines.get(first).isEmpty())) {
            first++;
        }
        return lines.subList(first, lines.size());
    }

    /** The line up to a {@code //} comment that is not inside a string literal. */
    private static String withoutTrailingComment(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String collapse(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
