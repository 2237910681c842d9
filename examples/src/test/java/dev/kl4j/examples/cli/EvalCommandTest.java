package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @TempDir
    Path dir;

    /** Reads answers with exact decimals so that an echoed id can be compared as written. */
    private final ObjectMapper json = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private record Run(int status, List<JsonNode> lines, String err) {
    }

    private Run eval(String... inputLines) throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.write(input, List.of(inputLines));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Kl4j.execute(new PrintWriter(out), new PrintWriter(err), "eval", input.toString());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return new Run(status, lines, err.toString());
    }

    @Test
    void answersTheIssueExample() throws IOException {
        Run run = eval("{\"id\":\"a\",\"measure\":\"kl\",\"p\":[0.1,0.7,0.2],\"q\":[0.2,0.6,0.2]}");
        assertEquals(0, run.status());
        JsonNode answer = run.lines().get(0);
        assertEquals("a", answer.get("id").asText());
        assertEquals("kl", answer.get("measure").asText());
        // 0.1 ln(0.1/0.2) + 0.7 ln(0.7/0.6), computed here independently of the core.
        double expected = 0.1 * Math.log(0.5) + 0.7 * Math.log(0.7 / 0.6);
        assertEquals(expected, answer.get("value").asDouble(), 1e-15);
        assertTrue(answer.get("value").asText().startsWith("0.03859075782308"), answer.toString());
    }

    @Test
    void infiniteValuesAreStringsAndBaseAndAlphaApply() throws IOException {
        Run run = eval(
                "{\"id\":1,\"measure\":\"kl\",\"p\":[0.5,0.5],\"q\":[1,0]}",
                "{\"id\":2,\"measure\":\"kl\",\"p\":[0.5,0.5],\"q\":[0.25,0.75],\"base\":2}",
                "{\"id\":3,\"measure\":\"renyi\",\"p\":[0.5,0.5],\"q\":[0.25,0.75],\"alpha\":\"inf\"}",
                "{\"id\":4,\"measure\":\"entropy\",\"p\":[1,1,2],\"normalize\":true}");
        assertEquals(0, run.status(), run.err());
        assertEquals("inf", run.lines().get(0).get("value").asText());
        double klNats = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75);
        assertEquals(klNats / Math.log(2), run.lines().get(1).get("value").asDouble(), 1e-15);
        assertEquals(Math.log(0.5 / 0.25), run.lines().get(2).get("value").asDouble(), 1e-15);
        double h = -(2 * 0.25 * Math.log(0.25) + 0.5 * Math.log(0.5));
        assertEquals(h, run.lines().get(3).get("value").asDouble(), 1e-15);
    }

    @Test
    void closedFormKlBetweenDistributionObjects() throws IOException {
        Run run = eval("{\"id\":\"g\",\"measure\":\"kl\",\"p\":{\"dist\":\"normal\",\"loc\":0,\"scale\":1},"
                + "\"q\":{\"dist\":\"normal\",\"loc\":1,\"scale\":2}}");
        assertEquals(0, run.status(), run.err());
        // ln(σq/σp) + (σp² + (μp−μq)²)/(2σq²) − ½
        double expected = Math.log(2) + (1 + 1) / 8.0 - 0.5;
        assertEquals(expected, run.lines().get(0).get("value").asDouble(), 1e-14);
    }

    @Test
    void reverseKlSwapsTheArgumentsForArraysAndDistributionObjects() throws IOException {
        Run run = eval("{\"measure\":\"reverse_kl\",\"p\":{\"dist\":\"normal\",\"loc\":0,\"scale\":1},"
                + "\"q\":{\"dist\":\"normal\",\"loc\":1,\"scale\":2}}",
                "{\"measure\":\"reverse_kl\",\"p\":[0.9,0.1],\"q\":[0.8,0.2]}",
                "{\"measure\":\"reverse_kl\",\"p\":[1,0],\"q\":[0.5,0.5]}");
        assertEquals(0, run.status(), run.err());
        // KL(N(1, 2²) ‖ N(0, 1)) = ln(1/2) + (4 + 1)/2 − ½
        assertEquals(Math.log(0.5) + 2.5 - 0.5, run.lines().get(0).get("value").asDouble(), 1e-14);
        // KL([0.8, 0.2] ‖ [0.9, 0.1]) by hand
        assertEquals(0.8 * Math.log(0.8 / 0.9) + 0.2 * Math.log(2), run.lines().get(1).get("value").asDouble(), 1e-15);
        // Q has mass where P has none: +∞, written as a string
        assertEquals("inf", run.lines().get(2).get("value").asText());
    }

    @Test
    void badLinesAreReportedInPlaceAndDoNotStopTheOthers() throws IOException {
        Run run = eval(
                "{\"id\":\"bad-q\",\"measure\":\"kl\",\"p\":[0.5,0.5],\"q\":[1.5,-0.5]}",
                "not json",
                "{\"id\":\"typo\",\"measure\":\"kl\",\"p\":[1],\"q\":[1],\"aplha\":2}",
                "{\"id\":\"no-measure\",\"p\":[1]}",
                "{\"id\":\"bad-scale\",\"measure\":\"kl\",\"p\":{\"dist\":\"normal\",\"loc\":0,\"scale\":-1},"
                        + "\"q\":{\"dist\":\"normal\",\"loc\":0,\"scale\":1}}",
                "{\"id\":\"ok\",\"measure\":\"tv\",\"p\":[1,0],\"q\":[0,1]}");
        assertEquals(1, run.status());
        assertEquals(6, run.lines().size());
        assertTrue(run.lines().get(0).get("error").asText().contains("q"), run.lines().get(0).toString());
        assertTrue(run.lines().get(1).get("error").asText().contains("not valid JSON"));
        assertTrue(run.lines().get(2).get("error").asText().contains("aplha"));
        assertTrue(run.lines().get(3).get("error").asText().contains("measure"));
        String scaleError = run.lines().get(4).get("error").asText();
        assertTrue(scaleError.contains("p") && scaleError.contains("scale"), scaleError);
        assertEquals(1.0, run.lines().get(5).get("value").asDouble(), 0.0);
        for (JsonNode line : run.lines()) {
            assertFalse(line.toString().contains("Exception"), line.toString());
        }
    }

    @Test
    void malformedLinesAreNotHalfRead() throws IOException {
        Run run = eval(
                "{\"id\":\"trailing\",\"measure\":\"kl\",\"p\":[1],\"q\":[1]}} garbage",
                "{\"id\":\"two\",\"measure\":\"kl\",\"p\":[1],\"q\":[1]} {\"id\":\"x\"}",
                "{\"id\":\"dup\",\"measure\":\"kl\",\"p\":[0.5,0.5],\"q\":[0.5,0.5],\"q\":[1,0]}");
        assertEquals(1, run.status());
        assertEquals(3, run.lines().size());
        for (JsonNode line : run.lines()) {
            assertFalse(line.has("value"), line.toString());
            assertTrue(line.get("error").asText().contains("not valid JSON"), line.toString());
        }
        assertTrue(run.lines().get(2).get("error").asText().contains("q"), run.lines().get(2).toString());
    }

    @Test
    void pairWithoutClosedFormNamesBothFieldsAndIsNotAnInternalError() throws IOException {
        Run run = eval("{\"id\":\"nc\",\"measure\":\"kl\",\"p\":{\"dist\":\"poisson\",\"rate\":1},"
                + "\"q\":{\"dist\":\"normal\",\"loc\":1,\"scale\":1}}");
        assertEquals(1, run.status());
        String error = run.lines().get(0).get("error").asText();
        assertFalse(error.contains("internal error"), error);
        assertTrue(error.contains("'p'") && error.contains("'q'") && error.contains("poisson")
                && error.contains("normal"), error);
    }

    @Test
    void helpLinesAreNotWrappedMidSentence() {
        StringWriter out = new StringWriter();
        assertEquals(0, Kl4j.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "eval", "--help"));
        // picocli wraps a description line longer than 80 columns at a space, so these would be split
        String help = out.toString();
        assertTrue(help.contains("\"q\":[0.2,0.6,0.2]}' \\"), help);
        assertTrue(help.contains("distribution objects such as"), help);
        assertTrue(help.contains("bernoulli, poisson, exponential, gamma, beta,"), help);
        // the accepted number spellings and the line limits are stated where users look
        assertTrue(help.contains("\"inf\", \"+inf\", \"-inf\", \"infinity\", \"nan\""), help);
        assertTrue(help.contains("16 MiB and 1000000 array elements"), help);
    }

    @Test
    void missingFileIsAnUnusableArgument() {
        StringWriter err = new StringWriter();
        int status = Kl4j.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "eval", dir.resolve("absent.jsonl").toString());
        assertEquals(2, status);
        assertTrue(err.toString().contains("absent.jsonl"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void unknownOptionExitsTwoWithOneLineAndAHint() {
        StringWriter err = new StringWriter();
        int status = Kl4j.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "eval", "--nope");
        assertEquals(2, status);
        assertTrue(err.toString().contains("--nope"), err.toString());
    }

    @Test
    void outputLinesStayAlignedWithInputLinesAndIdsAreEchoedExactly() throws IOException {
        Run run = eval(
                "\uFEFF{\"id\":1.10,\"measure\":\"tv\",\"p\":[1,0],\"q\":[0.5,0.5]}",
                "",
                "{\"id\":[\"x\",2],\"measure\":\"renyi\",\"p\":[1,0],\"q\":[0.5,0.5],\"alpha\":1e309}",
                "{\"measure\":\"kl\",\"p\":[1e400,0],\"q\":[0.5,0.5]}");
        assertEquals(1, run.status());
        assertEquals(4, run.lines().size());
        assertEquals("1.10", run.lines().get(0).get("id").toString());
        assertEquals(0.5, run.lines().get(0).get("value").asDouble(), 0.0);
        assertTrue(run.lines().get(1).get("error").asText().contains("line 2 is empty"));
        assertEquals("[\"x\",2]", run.lines().get(2).get("id").toString());
        assertTrue(run.lines().get(2).get("error").asText().contains("alpha"), run.lines().get(2).toString());
        assertTrue(run.lines().get(3).get("error").asText().contains("p[0]"), run.lines().get(3).toString());
        assertTrue(run.lines().get(3).get("id").isNull());
    }

    @Test
    void aDirectoryIsAnUnusableArgumentNamingThePath() {
        StringWriter err = new StringWriter();
        int status = Kl4j.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "eval", dir.toString());
        assertEquals(2, status);
        assertTrue(err.toString().contains(dir.toString()) && err.toString().contains("directory"), err.toString());
    }

    @Test
    void theExampleFileFromTheReadmeIsAnsweredWithoutErrors() throws IOException {
        // examples/eval-example.jsonl, shown in examples/README.md (Surefire runs in the module directory).
        List<String> lines = Files.readAllLines(Path.of("eval-example.jsonl"));
        Run run = eval(lines.toArray(new String[0]));
        assertEquals(0, run.status(), run.lines().toString());
        assertEquals(lines.size(), run.lines().size());
        // ln 2 + (1 + 1)/(2·4) − ½ for KL(N(0,1) ‖ N(1,2²)), by hand.
        JsonNode gauss = run.lines().stream().filter(l -> l.get("id").asText().equals("gauss")).findFirst().orElseThrow();
        assertEquals(Math.log(2) + 0.25 - 0.5, gauss.get("value").asDouble(), 1e-15);
    }

    /** Runs {@code kl4j eval} on the given standard input, as the launcher does (streams, not writers). */
    private Run evalStdin(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Kl4j.execute(new ByteArrayInputStream(input), out, err, "eval");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String part : parts) {
            b.writeBytes(part.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    private static final String GOOD = "{\"id\":\"ok\",\"measure\":\"tv\",\"p\":[1,0],\"q\":[0,1]}";

    @Test
    void invalidUtf8IsAnErrorForItsLineOnlyFromAFileAndFromStandardInput() throws IOException {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(bytes(GOOD, "\n", "{\"id\":\""));
        input.write(0xff);                                    // never valid in UTF-8
        input.writeBytes(bytes("\",\"measure\":\"tv\",\"p\":[1,0],\"q\":[0,1]}\n"));
        input.writeBytes(new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xc3, '"', '}', '\r', '\n'});  // cut-off sequence
        input.writeBytes(bytes(GOOD, "\r\n", "{\"id\":\"\u00e9\",\"measure\":\"tv\",\"p\":[1,0],\"q\":[1,0]}"));
        Path file = dir.resolve("bytes.jsonl");
        Files.write(file, input.toByteArray());
        StringWriter fileOut = new StringWriter();
        int fileStatus = Kl4j.execute(new PrintWriter(fileOut), new PrintWriter(new StringWriter()), "eval", file.toString());
        List<JsonNode> fromFile = new ArrayList<>();
        for (String line : fileOut.toString().split("\n")) {
            fromFile.add(json.readTree(line));
        }
        Run fromStdin = evalStdin(input.toByteArray());
        for (List<JsonNode> lines : List.of(fromFile, fromStdin.lines())) {
            assertEquals(5, lines.size(), lines.toString());
            assertEquals(1.0, lines.get(0).get("value").asDouble());
            assertTrue(lines.get(1).get("error").asText().startsWith("line 2 is not valid UTF-8"), lines.get(1).toString());
            assertTrue(lines.get(2).get("error").asText().startsWith("line 3 is not valid UTF-8"), lines.get(2).toString());
            assertEquals(1.0, lines.get(3).get("value").asDouble(), lines.get(3).toString());
            assertEquals("\u00e9", lines.get(4).get("id").asText());   // valid two-byte UTF-8, last line without \n
            assertEquals(0.0, lines.get(4).get("value").asDouble());
        }
        assertEquals(1, fileStatus);
        assertEquals(1, fromStdin.status());
    }

    @Test
    void aLineOverTheByteLimitOrTheElementLimitIsAnErrorAndTheNextLineIsAnswered() throws IOException {
        StringBuilder manyElements = new StringBuilder("{\"measure\":\"entropy\",\"p\":[");
        for (int i = 0; i <= EvalCommand.MAX_ARRAY_ELEMENTS; i++) {
            manyElements.append(i == 0 ? "1" : ",0");
        }
        manyElements.append("]}");
        byte[] longLine = new byte[EvalCommand.MAX_LINE_BYTES + 1];
        java.util.Arrays.fill(longLine, (byte) ' ');
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(bytes(manyElements.toString(), "\n", GOOD, "\n"));
        input.writeBytes(longLine);
        input.writeBytes(bytes("\n", GOOD, "\n"));
        Run run = evalStdin(input.toByteArray());
        assertEquals(1, run.status());
        assertEquals(4, run.lines().size(), run.lines().toString());
        assertTrue(run.lines().get(0).get("error").asText().contains("more than 1000000 array elements"),
                run.lines().get(0).toString());
        assertEquals("ok", run.lines().get(1).get("id").asText());
        assertTrue(run.lines().get(2).get("error").asText().contains("line 3 is longer than the limit of 16777216 bytes"),
                run.lines().get(2).toString());
        assertEquals(1.0, run.lines().get(3).get("value").asDouble());
    }

    @Test
    void aLineAtTheElementLimitIsAnswered() throws IOException {
        StringBuilder line = new StringBuilder("{\"measure\":\"entropy\",\"q\":null,\"p\":[");
        for (int i = 0; i < EvalCommand.MAX_ARRAY_ELEMENTS; i++) {
            line.append(i == 0 ? "1" : ",0");
        }
        line.append("]}");
        Run run = evalStdin(bytes(line.toString().replace("\"q\":null,", ""), "\n"));
        assertEquals(0, run.status(), run.lines().toString());
        assertEquals(0.0, run.lines().get(0).get("value").asDouble());   // all mass on one outcome
    }

    @Test
    void quotedBadValuesAreCutToAReadableLength() throws IOException {
        String huge = "x".repeat(1_000_000);
        Run run = eval(
                "{\"measure\":\"renyi\",\"p\":[1],\"q\":[1],\"alpha\":\"" + huge + "\"}",
                "{\"measure\":\"kl\",\"p\":[1],\"q\":[\"" + huge + "\"]}",
                "{\"measure\":\"" + huge + "\",\"p\":[1]}",
                "{\"" + huge.substring(0, 40_000) + "\":1,\"measure\":\"kl\",\"p\":[1],\"q\":[1]}",
                "{\"measure\":\"kl\",\"p\":[1],\"q\":[1],\"base\":\"" + huge + "\"}",
                "{\"measure\":\"kl\",\"p\":{\"dist\":\"" + huge + "\"},\"q\":{\"dist\":\"normal\",\"loc\":0,\"scale\":1}}");
        assertEquals(6, run.lines().size());
        for (JsonNode line : run.lines()) {
            String error = line.get("error").asText();
            assertTrue(error.length() < 300 && error.contains("x".repeat(Errors.QUOTE_LIMIT - 1) + "\u2026"), error);
        }
        assertTrue(run.lines().get(0).get("error").asText().startsWith("field 'alpha'"));
        assertTrue(run.lines().get(1).get("error").asText().startsWith("field 'q[0]' is not a number"));
    }

    @Test
    void numberSpellingsOfNumpyUsersAreAcceptedInEveryNumericField() throws IOException {
        double maxDivergence = Math.log(0.5 / 0.25);   // D_inf = ln max p/q, by hand
        Run run = eval(
                "{\"id\":1,\"measure\":\"renyi\",\"p\":[0.5,0.5],\"q\":[0.25,0.75],\"alpha\":\"INF\"}",
                "{\"id\":2,\"measure\":\"renyi\",\"p\":[0.5,0.5],\"q\":[0.25,0.75],\"alpha\":\"+Inf\"}",
                "{\"id\":3,\"measure\":\"renyi\",\"p\":[0.5,0.5],\"q\":[0.25,0.75],\"alpha\":\"Infinity\"}",
                "{\"id\":4,\"measure\":\"renyi\",\"p\":[0.5,0.5],\"q\":[0.25,0.75],\"alpha\":Infinity}",
                "{\"id\":5,\"measure\":\"renyi\",\"p\":[0.5,0.5],\"q\":[0.25,0.75],\"alpha\":\"nan\"}",
                "{\"id\":6,\"measure\":\"renyi\",\"p\":[0.5,0.5],\"q\":[0.25,0.75],\"alpha\":\"-inf\"}",
                "{\"id\":7,\"measure\":\"kl\",\"p\":[0.5,\"INF\"],\"q\":[0.5,0.5]}",
                "{\"id\":8,\"measure\":\"kl\",\"p\":[0.5,0.5],\"q\":[NaN,0.5]}",
                "{\"id\":9,\"measure\":\"kl\",\"p\":{\"dist\":\"uniform\",\"low\":0,\"high\":1},"
                        + "\"q\":{\"dist\":\"uniform\",\"low\":\"-Infinity\",\"high\":1}}",
                "{\"id\":10,\"measure\":\"kl\",\"p\":{\"dist\":\"normal\",\"loc\":0,\"scale\":1},"
                        + "\"q\":{\"dist\":\"normal\",\"loc\":0,\"scale\":\"inf\"}}",
                "{\"id\":11,\"measure\":\"kl\",\"p\":[0.5,0.5],\"q\":[\"infinite\",0.5]}");
        List<JsonNode> lines = run.lines();
        for (int i = 0; i < 4; i++) {
            assertEquals(maxDivergence, lines.get(i).get("value").asDouble(), 1e-15, lines.get(i).toString());
        }
        assertTrue(lines.get(4).get("error").asText().startsWith("field 'alpha'"), lines.get(4).toString());
        assertTrue(lines.get(5).get("error").asText().contains("alpha"), lines.get(5).toString());
        // Spelled infinities reach the measure's own rules: a probability must be finite and not NaN.
        assertTrue(lines.get(6).get("error").asText().contains("p[1]"), lines.get(6).toString());
        assertTrue(lines.get(7).get("error").asText().contains("q[0]"), lines.get(7).toString());
        assertTrue(lines.get(8).has("error") && lines.get(8).get("error").asText().contains("low"), lines.get(8).toString());
        assertTrue(lines.get(9).has("error") && lines.get(9).get("error").asText().contains("scale"), lines.get(9).toString());
        assertTrue(lines.get(10).get("error").asText().startsWith("field 'q[0]' is not a number: \"infinite\""),
                lines.get(10).toString());
        for (String spelling : List.of("inf", "+inf", "INF", "Infinity", "+infinity", " inf ")) {
            assertEquals(Double.POSITIVE_INFINITY, EvalCommand.specialValue(spelling), spelling);
        }
        for (String spelling : List.of("-inf", "-INF", "-Infinity")) {
            assertEquals(Double.NEGATIVE_INFINITY, EvalCommand.specialValue(spelling), spelling);
        }
        assertTrue(Double.isNaN(EvalCommand.specialValue("NaN")));
        assertEquals(null, EvalCommand.specialValue("1e400"));
    }

    /** An output stream that fails every write with the given message, as the kernel reports an errno. */
    private static OutputStream failingWith(String message) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(message);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException(message);
            }
        };
    }

    @Test
    void aFailedWriteToStandardOutputExitsTwoWithOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Kl4j.execute(new ByteArrayInputStream(bytes(GOOD, "\n", GOOD, "\n")),
                failingWith("No space left on device"), err, "eval");
        assertEquals(2, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals("kl4j eval: cannot write to standard output: No space left on device", message.strip());
    }

    @Test
    void aReaderThatStoppedEndsTheRunQuietlyAndStopsReading() {
        byte[] input = bytes((GOOD + "\n").repeat(10_000));
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Kl4j.execute(in, failingWith("Broken pipe"), err, "eval");
        assertEquals(0, status);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertTrue(in.available() > input.length / 2, "kept reading after the pipe closed: " + in.available());
    }
}
