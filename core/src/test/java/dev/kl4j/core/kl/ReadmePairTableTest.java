package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's pair table names, for each formula, a method of dev.kl4j.core.kl that exists. */
class ReadmePairTableTest {
    private static final Pattern METHOD = Pattern.compile("`(\\w+)\\.(\\w+)`");

    @Test
    void everyPairRowNamesAnExistingMethod() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("| p ‖ q | KL(p ‖ q) | method |");
        assertTrue(start >= 0, "README.md lacks the pair table with its method column");
        List<String> missing = new ArrayList<>();
        int rows = 0;
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\s\\|\\s");
            String methodCell = cells[cells.length - 1];
            Matcher m = METHOD.matcher(methodCell);
            int named = 0;
            while (m.find()) {
                named++;
                if (!exists(m.group(1), m.group(2))) {
                    missing.add(m.group(1) + "." + m.group(2));
                }
            }
            assertTrue(named > 0, "row without a method: " + lines.get(i));
            rows++;
        }
        assertTrue(rows >= 20, "rows of the pair table: " + rows);
        assertEquals(List.of(), missing, "methods named in the README that do not exist");
    }

    private static boolean exists(String className, String method) {
        try {
            Class<?> c = Class.forName("dev.kl4j.core.kl." + className);
            return Arrays.stream(c.getDeclaredMethods()).map(Method::getName).anyMatch(method::equals);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
