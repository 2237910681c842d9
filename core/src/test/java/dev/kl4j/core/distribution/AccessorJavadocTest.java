package dev.kl4j.core.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public no-argument accessor of the distribution families (loc(), scale(), rate(), …) carries a
 * Javadoc comment, so users see the meaning and units of each parameter. Reads the sources (Surefire runs
 * in the module directory).
 */
class AccessorJavadocTest {

    private static final Pattern ACCESSOR =
            Pattern.compile("\\n(\\s*)public (?:double|int|double\\[\\]|double\\[\\]\\[\\]) (\\w+)\\(\\) \\{");

    @Test
    void everyPublicAccessorHasJavadoc() throws IOException {
        Path dir = Path.of("src/main/java/dev/kl4j/core/distribution");
        assertTrue(Files.isDirectory(dir), "run from the core module directory");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher m = ACCESSOR.matcher(source);
                while (m.find()) {
                    checked++;
                    String before = source.substring(0, m.start()).stripTrailing();
                    if (!before.endsWith("*/") && !before.endsWith("@Override")) {
                        missing.add(file.getFileName() + " " + m.group(2) + "()");
                    }
                }
            }
        }
        assertTrue(checked >= 30, "found only " + checked + " accessors");
        assertEquals(List.of(), missing, "public accessors without Javadoc");
    }
}
