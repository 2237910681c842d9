package dev.kl4j.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The code blocks of the READMEs and their copies in tests: how a test proves that a README snippet is
 * the code it runs. A test holds the snippet verbatim between a line {@value #BEGIN} and a line
 * {@value #END}; {@link #marked(Path)} reads those regions back from the test's source file, and a
 * README test compares them with {@link #blocks(Path, String, String)} (here for core's README;
 * {@code ReadmeJavaSnippetsTest} in module {@code examples} checks every ```java block of every README
 * of the repository against every marked region). Blocks and regions are compared after
 * {@link #dedent(List)}. Shared through core's test jar.
 */
public final class ReadmeSnippets {
    /** The line that opens a verbatim copy of a README snippet in a test. */
    public static final String BEGIN = "// README snippet begin";
    /** The line that closes it. */
    public static final String END = "// README snippet end";

    private ReadmeSnippets() {
    }

    /**
     * One fenced block of a README.
     *
     * @param readme   the README
     * @param line     1-based line number of the opening fence
     * @param language the fence's language ({@code java}, {@code text}, ...; empty for none)
     * @param lines    the block's lines, dedented
     */
    public record Block(Path readme, int line, String language, List<String> lines) {
        @Override
        public String toString() {
            return readme + ":" + line + " ```" + language;
        }
    }

    /**
     * The fenced blocks of one language in a README, optionally only those of one section.
     *
     * @param readme   the README file
     * @param language the fence's language, e.g. {@code java}
     * @param section  a heading line such as {@code "## Discrete measures"} (the section runs to the next
     *                 heading of the same or a higher level), or null for the whole file
     * @return the blocks in order
     */
    public static List<Block> blocks(Path readme, String language, String section) {
        List<String> lines = readLines(readme);
        int level = 0;
        if (section != null) {
            level = section.indexOf(' ');
            if (level < 1 || !section.substring(0, level).chars().allMatch(c -> c == '#') || !lines.contains(section)) {
                throw new IllegalStateException(readme + " has no heading '" + section + "'");
            }
        }
        boolean inSection = section == null;
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (section != null && headingLevel(line) > 0) {
                if (line.equals(section)) {
                    inSection = true;
                } else if (inSection && headingLevel(line) <= level) {
                    break;
                }
            }
            String fence = line.strip();
            if (!fence.startsWith("```")) {
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).strip().equals("```")) {
                close++;
            }
            if (close == lines.size()) {
                throw new IllegalStateException(readme + ":" + (i + 1) + ": block is not closed");
            }
            String lang = fence.substring(3).strip();
            if (inSection && lang.equals(language)) {
                blocks.add(new Block(readme, i + 1, lang, dedent(lines.subList(i + 1, close))));
            }
            i = close;   // lines inside a block are never headings
        }
        return blocks;
    }

    /** {@return the number of leading '#' of a Markdown heading line, 0 for any other line} */
    private static int headingLevel(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '#') {
            n++;
        }
        return n > 0 && n < line.length() && line.charAt(n) == ' ' ? n : 0;
    }

    /**
     * The regions of a test source between {@value #BEGIN} and {@value #END} lines.
     *
     * @param javaFile the source file
     * @return each region's lines, dedented
     */
    public static List<List<String>> marked(Path javaFile) {
        List<List<String>> regions = new ArrayList<>();
        List<String> current = null;
        for (String line : readLines(javaFile)) {
            String t = line.strip();
            if (t.equals(BEGIN)) {
                current = new ArrayList<>();
            } else if (t.equals(END) && current != null) {
                regions.add(dedent(current));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        if (current != null) {
            throw new IllegalStateException(javaFile + ": '" + BEGIN + "' without '" + END + "'");
        }
        return regions;
    }

    /**
     * Removes the common leading indentation and trailing blanks; blank lines become empty.
     *
     * @param lines lines
     * @return the lines, dedented
     */
    public static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing()).collect(Collectors.toList());
    }

    /**
     * Runs code with {@code System.out} captured and the root locale (so {@code "%.6f"} prints a decimal
     * point whatever the machine's locale).
     *
     * @param code what to run
     * @return what it printed, stripped of leading and trailing blank space
     */
    public static String capture(Runnable code) {
        PrintStream original = System.out;
        Locale locale = Locale.getDefault();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            Locale.setDefault(Locale.ROOT);
            code.run();
        } finally {
            System.setOut(original);
            Locale.setDefault(locale);
        }
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
