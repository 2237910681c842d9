package dev.kl4j.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kl4j.core.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The JSON Lines loop that {@code kl4j eval} and {@code kl4j env-replay} share: one answer per input line,
 * in order, whatever a line holds. A line that is not valid UTF-8, longer than {@link #MAX_LINE_BYTES},
 * empty, or too large for the heap gets an error answer naming its line number; the next line is read as
 * usual. Writing stops when standard output is gone ({@link Kl4j} reports why).
 */
final class JsonLines {
    /** The most bytes one input line may hold (16 MiB), its line end excluded. */
    static final int MAX_LINE_BYTES = 16 << 20;

    private JsonLines() {
    }

    /** Answers one line's text; may throw {@link OutOfMemoryError}, never for bad content otherwise. */
    @FunctionalInterface
    interface Answerer {
        ObjectNode answer(String text, long lineNumber);
    }

    /**
     * {@return a mapper that rejects duplicate keys ({@code "q":[..],"q":[..]} must not silently keep the last one),
     * reads the bare {@code NaN}/{@code Infinity} Python writes, and keeps numbers exact (an {@code id} such as
     * {@code 1.10} is echoed as written)}
     */
    static ObjectMapper mapper() {
        return new ObjectMapper(JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    /**
     * {@return the input}
     *
     * @param file   a file name, or null or {@code "-"} for standard input
     * @param parent the enclosing {@code kl4j} command (whose standard input tests replace), or null
     * @throws InvalidArgumentException ({@code FILE}) when the file is missing, a directory or unreadable
     */
    static InputStream open(String file, Kl4j parent) {
        if (file == null || file.equals("-")) {
            return parent != null ? parent.standardInput() : System.in;
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new InvalidArgumentException("FILE", "input " + file + " is a directory, not a JSON Lines file");
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new InvalidArgumentException("FILE", "input file not found: " + file);
        } catch (IOException e) {
            throw new InvalidArgumentException("FILE", "cannot read input file " + file + ": " + Errors.oneLine(e));
        }
    }

    /**
     * Answers every line of {@code in} on {@code out}.
     *
     * @param in       the input (closed at the end)
     * @param out      where the answers go, one JSON object per line
     * @param json     the mapper that writes the answers
     * @param error    makes the answer of a line that could not be read or answered, from its message
     * @param answerer answers a readable, non-empty line
     * @return 0 when every line was answered without an error, else 1
     * @throws IOException when the input cannot be read
     */
    static int answerEach(InputStream in, PrintWriter out, ObjectMapper json, Function<String, ObjectNode> error,
            Answerer answerer) throws IOException {
        int failed = 0;
        try (Utf8LineReader lines = new Utf8LineReader(in, MAX_LINE_BYTES)) {
            Utf8LineReader.Line line;
            while ((line = lines.next()) != null) {
                ObjectNode answer = line.problem() != null ? error.apply(line.problem())
                        : answerGuarded(line.text(), line.number(), error, answerer);
                if (answer.has("error")) {
                    failed++;
                }
                out.println(json.writeValueAsString(answer));
                if (out.checkError()) {
                    break;   // standard output is gone; Kl4j says why (or nothing, for a reader that stopped)
                }
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /**
     * One line's answer: a leading byte-order mark dropped on line 1, an empty line answered (so that
     * output line N always answers input line N), and a line the heap cannot hold reported as an error.
     */
    static ObjectNode answerGuarded(String text, long lineNumber, Function<String, ObjectNode> error,
            Answerer answerer) {
        try {
            String line = lineNumber == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
            if (line.isBlank()) {
                return error.apply("line " + lineNumber + " is empty");
            }
            return answerer.answer(line, lineNumber);
        } catch (OutOfMemoryError e) {
            // Everything this line allocated is unreachable once we are here, so the next line has the
            // heap back. The limits make this rare; a small -Xmx can still reach it.
            return error.apply("line " + lineNumber + " needs more memory than the Java heap allows"
                    + " (raise it with JAVA_OPTS=-Xmx...)");
        }
    }
}
