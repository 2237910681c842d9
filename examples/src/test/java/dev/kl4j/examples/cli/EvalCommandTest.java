package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
}
