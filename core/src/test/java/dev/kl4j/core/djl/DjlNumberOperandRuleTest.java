package dev.kl4j.core.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The build rule: no NDArray operation in the main sources of a module that runs autograd is handed a
 * Java number ({@link JavaNumberOperandScanner} explains why). It scans core's djl package and every
 * {@code src/main/java} under the repository root outside core, so modules added later are covered.
 */
class DjlNumberOperandRuleTest {

    /** The repository root: the topmost directory above the working directory that holds a pom.xml. */
    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = null;
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml"))) {
                root = d;
            } else if (root != null) {
                break;
            }
        }
        if (root == null) {
            throw new IllegalStateException("no pom.xml above " + dir);
        }
        return root;
    }

    @Test
    void mainSourcesPassNoJavaNumberToAnNDArrayOp() {
        Path root = repositoryRoot();
        List<Path> files = JavaNumberOperandScanner.autogradSources(root);
        assertTrue(files.contains(root.resolve("core/src/main/java/dev/kl4j/core/djl/DjlDivergences.java")),
                "the scan must cover core's djl package; it found " + files.size() + " files under " + root);
        assertTrue(files.stream().noneMatch(f -> f.toString().contains("/core/src/main/java/dev/kl4j/core/discrete/")),
                "core's double[] packages are not autograd code");
        List<String> findings = files.stream()
                .flatMap(f -> JavaNumberOperandScanner.scan(f).stream())
                .map(f -> new JavaNumberOperandScanner.Finding(root.relativize(f.file()), f.line(), f.call()).toString())
                .collect(Collectors.toList());
        assertTrue(findings.isEmpty(), findings.size() + " NDArray ops with a Java number operand:\n"
                + String.join("\n", findings));
    }

    private static List<String> calls(String source) {
        return JavaNumberOperandScanner.scan(Path.of("Example.java"), source).stream()
                .map(f -> f.line() + ": " + f.call()).collect(Collectors.toList());
    }

    @Test
    void literalsAndNumberTypedNamesAreFound() {
        String source = String.join("\n",
                "class Example {",                                        // 1
                "    private final double scale = 2;",                    // 2
                "    NDArray f(NDArray x, NDArray logits, float temperature, int n) {",
                "        NDArray a = x.mul(0.5f);",                        // 4
                "        NDArray b = logits.div(temperature);",            // 5
                "        NDArray c = x.add(1).sub(x).maximum(0f);",        // 6: add and maximum
                "        NDArray d = x.pow(2).minimum(-1e-8f);",           // 7: pow and minimum
                "        NDArray e = x.sub((float) Math.log(2));",         // 8
                "        NDArray g = x.div(this.scale * n);",              // 9
                "        NDArray h = x",                                   // 10
                "                .mul(",                                   // 11
                "                    Float.MAX_VALUE);",                   // 12
                "        return a.add(b.mul(Math.max(temperature, 1f)));", // 13: the inner mul
                "    }",
                "}");
        assertEquals(List.of("4: x.mul(0.5f)", "5: logits.div(temperature)", "6: x.add(1)", "6: .maximum(0f)",
                "7: x.pow(2)", "7: .minimum(-1e-8f)", "8: x.sub((float) Math.log(2))", "9: x.div(this.scale * n)",
                "11: x.mul( Float.MAX_VALUE)", "13: b.mul(Math.max(temperature, 1f))"), calls(source));
    }

    @Test
    void safeFormsAndOtherTypesAreNotFound() {
        String source = String.join("\n",
                "import java.util.List;",
                "class Example {",
                "    NDArray f(NDArray x, NDArray y, List<Double> values, double v, java.math.BigDecimal big) {",
                "        NDArray a = x.mul(DjlScalars.of(x, 0.5f));",        // an engine-owned constant
                "        NDArray b = x.mul(y).div(x.sum());",                // NDArray operands
                "        values.add(v);",                                    // a List, not an NDArray
                "        big = big.add(java.math.BigDecimal.ONE);",          // not a number-typed name
                "        NDArray c = x.muli(2);",                            // in-place ops are not autograd ops
                "        // x.mul(2) in a comment, and in a string:",
                "        String s = \"x.mul(2)\";",
                "        /* x.pow(2) */",
                "        NDArray d = x.add(count());",                       // a call of unknown type
                "        NDArray e = x.sub(y, 2);",                          // two arguments: another overload
                "        return a.add(b).add(c).add(d).add(e);",
                "    }",
                "}");
        assertEquals(List.of(), calls(source));
    }

    @Test
    void findingsNameFileLineCallAndTheSafeForm() {
        String message = new JavaNumberOperandScanner.Finding(Path.of("ppo/src/main/java/A.java"), 12,
                "logits.div(temperature)").toString();
        assertTrue(message.startsWith("ppo/src/main/java/A.java:12: logits.div(temperature)"), message);
        assertTrue(message.contains("DjlScalars.of(x, v)"), message);
    }
}
