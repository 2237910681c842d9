package dev.kl4j.distillation.text;

import dev.kl4j.core.InvalidArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Records of the {@code fortune} program's data files (Debian package {@code fortunes}, installed in
 * {@value #DEFAULT_DIRECTORY}): each file is plain UTF-8 text in which a line holding only {@code %}
 * separates one record (a quotation, a joke, a poem) from the next, the format {@code strfile(1)} reads.
 * Beside each text file lie its index {@code NAME.dat} (binary, skipped) and a symbolic link
 * {@code NAME.u8} to the same text (skipped, so no record is read twice).
 *
 * <p>A record keeps its inner line breaks; the line break before the {@code %} line is not part of it,
 * and empty records are dropped.
 */
public final class FortuneCorpus {
    /** Where Debian's {@code fortunes} package installs its files. */
    public static final String DEFAULT_DIRECTORY = "/usr/share/games/fortunes";

    private FortuneCorpus() {
    }

    /**
     * Reads every record of a directory of fortune files.
     *
     * @param directory a directory of fortune files, or null for {@value #DEFAULT_DIRECTORY}
     * @return the records of every text file in it, files in name order
     * @throws InvalidArgumentException (argument {@code dataDir}) when the directory is missing or holds no record,
     *                                  saying how to install the corpus
     * @throws IOException              if a file cannot be read
     */
    public static List<String> load(Path directory) throws IOException {
        Path dir = directory == null ? Path.of(DEFAULT_DIRECTORY) : directory;
        if (!Files.isDirectory(dir)) {
            throw new InvalidArgumentException("dataDir", dir + " is not a directory: install Debian's fortunes "
                    + "(sudo apt-get install fortunes, files in " + DEFAULT_DIRECTORY + ") or pass --data-dir DIR, a "
                    + "directory of text files whose records are separated by lines holding %");
        }
        List<String> records = new ArrayList<>();
        for (Path file : textFiles(dir)) {
            records.addAll(parse(Files.readString(file, StandardCharsets.UTF_8)));
        }
        if (records.isEmpty()) {
            throw new InvalidArgumentException("dataDir", dir + " holds no fortune record (text files with records"
                    + " separated by lines holding %): install Debian's fortunes (sudo apt-get install fortunes) or"
                    + " pass another --data-dir");
        }
        return records;
    }

    /**
     * Lists the fortune text files of a directory.
     *
     * @param dir a directory
     * @return its regular files that are neither {@code .dat} indexes, symbolic links nor hidden, by name
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> textFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> !f.getFileName().toString().endsWith(".dat"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /**
     * Splits one fortune file into its records at the lines holding only {@code %}.
     *
     * @param text the contents of one fortune file
     * @return its non-empty records, in order
     */
    public static List<String> parse(String text) {
        List<String> records = new ArrayList<>();
        StringBuilder record = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.equals("%")) {
                add(records, record);
                record.setLength(0);
            } else {
                if (record.length() > 0) {
                    record.append('\n');
                }
                record.append(line);
            }
        }
        add(records, record);
        return records;
    }

    private static void add(List<String> records, StringBuilder record) {
        String r = record.toString().stripTrailing();
        if (!r.isBlank()) {
            records.add(r);
        }
    }
}
