package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The core README's pair table lists exactly the built-in pairs, each with the method that holds its formula. */
class ReadmePairTableTest {
    private static final Pattern ROW = Pattern.compile("^\\| \\d+ \\| (\\w+) ‖ (\\w+) \\| `([\\w.]+)` \\|", Pattern.MULTILINE);

    @Test
    void tableMatchesTheRegistry() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = ROW.matcher(readme);
        while (m.find()) {
            documented.add(m.group(1) + " ‖ " + m.group(2) + " " + m.group(3));
        }
        Set<String> registered = new TreeSet<>();
        for (KlRegistry.Registration r : KlRegistry.withStandardPairs().registrations()) {
            registered.add(r.pair().p().getSimpleName() + " ‖ " + r.pair().q().getSimpleName() + " " + r.source());
        }
        assertEquals(registered, documented);
        assertTrue(readme.contains("### Closed-form KL: the registered pairs (" + registered.size() + ")"));
        assertTrue(registered.size() >= 90);
    }
}
