package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kl4j env-replay} on hand-made trajectories whose values are worked out here from the equations. */
class EnvReplayCommandTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private record Run(int status, List<JsonNode> lines, String err) {}

    private Run replay(String... inputLines) throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.write(input, List.of(inputLines));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Kl4j.execute(new PrintWriter(out), new PrintWriter(err), "env-replay", input.toString());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return new Run(status, lines, err.toString());
    }

    @Test
    void cartPoleFromRestByHand() throws IOException {
        Run run = replay("{\"id\":\"c\",\"env\":\"CartPole-v1\",\"init_state\":[0,0,0,0],\"actions\":[1,0]}");
        assertEquals(0, run.status(), run.err());
        JsonNode a = run.lines().get(0);
        assertEquals("c", a.get("id").asText());
        assertEquals("CartPole-v1", a.get("env").asText());
        // Step 1 from rest, push right (F = 10): temp = 10/1.1, θ̈ = −temp / (0.5 (4/3 − 0.1/1.1)),
        // ẍ = temp − 0.05 θ̈ / 1.1; Euler leaves x, θ at 0.
        double temp = 10 / 1.1;
        double thetaAcc = -temp / (0.5 * (4.0 / 3.0 - 0.1 / 1.1));
        double xAcc = temp - 0.05 * thetaAcc / 1.1;
        double[] s1 = {0, 0.02 * xAcc, 0, 0.02 * thetaAcc};
        assertVector(s1, a.get("obs").get(0), 1e-15);
        // Step 2, push left (F = −10), θ still 0 so sin θ = 0: the accelerations are the negatives.
        double[] s2 = {0.02 * s1[1], s1[1] - 0.02 * xAcc, 0.02 * s1[3], s1[3] - 0.02 * thetaAcc};
        assertVector(s2, a.get("obs").get(1), 1e-15);
        assertEquals("[1.0,1.0]", a.get("rewards").toString());
        assertEquals("[false,false]", a.get("terminated").toString());
        assertEquals("[false,false]", a.get("truncated").toString());
    }

    @Test
    void stopsAfterTheTerminatingStep() throws IOException {
        // MountainCarContinuous at x = 0.44, v = 0.02: x' = 0.44 + 0.02 + a·0.0015 − 0.0025 cos(1.32) > 0.45.
        Run run = replay("{\"env\":\"MountainCarContinuous-v0\",\"init_state\":[0.44,0.02],"
                + "\"actions\":[[0.5],[0.5],[0.5]]}");
        assertEquals(0, run.status(), run.err());
        JsonNode a = run.lines().get(0);
        assertEquals(1, a.get("obs").size(), "later actions are not used");
        assertTrue(a.get("terminated").get(0).asBoolean());
        assertFalse(a.get("truncated").get(0).asBoolean());
        assertEquals(100 - 0.1 * 0.25, a.get("rewards").get(0).asDouble(), 1e-12);
        double v = 0.02 + 0.5 * 0.0015 - 0.0025 * Math.cos(3 * 0.44);
        assertEquals((float) (0.44 + v), a.get("obs").get(0).get(0).asDouble(), 0.0);
        assertEquals((float) v, a.get("obs").get(0).get(1).asDouble(), 0.0);
    }

    @Test
    void stopsAtTheTimeLimitCountedFromTheReset() throws IOException {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            actions.append(i == 0 ? "" : ",").append("[0]");
        }
        Run run = replay("{\"env\":\"Pendulum-v1\",\"init_state\":[3.0,0],\"actions\":[" + actions + "]}");
        assertEquals(0, run.status(), run.err());
        JsonNode a = run.lines().get(0);
        assertEquals(200, a.get("obs").size());
        assertTrue(a.get("truncated").get(199).asBoolean());
        assertFalse(a.get("truncated").get(198).asBoolean());
        assertFalse(a.get("terminated").get(199).asBoolean());
        // The first reward is the cost of the initial state: θ² with θ = 3 (already in [−π, π)).
        assertEquals(-9.0, a.get("rewards").get(0).asDouble(), 1e-15);
        // And the first step: θ̇' = (15 sin 3)·0.05, θ' = 3 + θ̇'·0.05.
        double thetaDot = 15 * Math.sin(3.0) * 0.05;
        double theta = 3.0 + thetaDot * 0.05;
        assertVector(new double[] {Math.cos(theta), Math.sin(theta), thetaDot}, a.get("obs").get(0), 1e-15);
    }

    @Test
    void badLinesNameTheFieldAndTheOthersAreStillAnswered() throws IOException {
        Run run = replay(
                "{\"env\":\"CartPole-v2\",\"init_state\":[0,0,0,0],\"actions\":[1]}",
                "{\"env\":\"CartPole-v1\",\"init_state\":[0,0,0],\"actions\":[1]}",
                "{\"id\":3,\"env\":\"CartPole-v1\",\"init_state\":[0,0,0,0],\"actions\":[1,2]}",
                "{\"env\":\"Pendulum-v1\",\"init_state\":[0,0],\"actions\":[0.5]}",
                "{\"env\":\"Acrobot-v1\",\"init_state\":[0,0,0,0],\"actions\":[1],\"seed\":3}",
                "not json",
                "",
                "{\"env\":\"Acrobot-v1\",\"init_state\":[0,0,0,0],\"actions\":[1]}",
                "{\"env\":\"CartPole-v1\",\"actions\":[1]}",
                "{\"env\":\"CartPole-v1\",\"init_state\":[0,0,0,0],\"actions\":[1.5]}");
        assertEquals(1, run.status());
        List<JsonNode> a = run.lines();
        assertEquals(10, a.size(), "one answer per input line");
        assertError(a.get(0), "line 1", "'env'", "CartPole-v2");
        assertError(a.get(1), "line 2", "'init_state'", "4 values");
        assertError(a.get(2), "line 3", "'actions[1]'", "CartPole-v1", "[2.0]");
        assertEquals(3, a.get(2).get("id").asInt());
        assertFalse(a.get(2).has("obs"), "no partial trajectory");
        assertError(a.get(3), "line 4", "'actions[0]'", "list");
        assertError(a.get(4), "line 5", "'seed'");
        assertError(a.get(5), "line 6", "not valid JSON");
        assertError(a.get(6), "line 7", "empty");
        assertFalse(a.get(7).has("error"), a.get(7).toString());
        assertEquals(-1.0, a.get(7).get("rewards").get(0).asDouble());
        assertError(a.get(8), "line 9", "'init_state'", "missing");
        assertError(a.get(9), "line 10", "'actions[0]'", "[1.5]");
    }

    @Test
    void readsStandardInputStrictlyPerLineAndRejectsNanActionsByName() throws IOException {
        byte[] badUtf8 = {'{', '"', 'e', 'n', 'v', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'};
        java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
        input.write("{\"env\":\"Pendulum-v1\",\"init_state\":[0,0],\"actions\":[[NaN]]}\n".getBytes(StandardCharsets.UTF_8));
        input.write(badUtf8);
        input.write("{\"env\":\"Pendulum-v1\",\"init_state\":[0,\"inf\"],\"actions\":[[0]]}\n".getBytes(StandardCharsets.UTF_8));
        input.write("{\"env\":\"Pendulum-v1\",\"init_state\":[0,0],\"actions\":[[0]]}".getBytes(StandardCharsets.UTF_8));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = Kl4j.execute(new java.io.ByteArrayInputStream(input.toByteArray()), out, err, "env-replay");
        assertEquals(1, status, err.toString(StandardCharsets.UTF_8));
        List<JsonNode> a = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            a.add(json.readTree(line));
        }
        assertEquals(4, a.size());
        assertError(a.get(0), "line 1", "'actions[0]'", "Pendulum-v1", "NaN", "finite");
        assertError(a.get(1), "line 2", "UTF-8");
        assertError(a.get(2), "line 3", "'init_state'", "finite");
        assertEquals(-0.0, a.get(3).get("rewards").get(0).asDouble(), "−cost at rest is −0.0, as Gymnasium's -costs");
    }

    @Test
    void unusableArgumentsExitTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Kl4j.execute(new PrintWriter(out), new PrintWriter(err), "env-replay",
                dir.resolve("missing.jsonl").toString());
        assertEquals(2, status);
        assertTrue(err.toString().contains("not found"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), "one line");
    }

    private static void assertError(JsonNode answer, String... parts) {
        assertTrue(answer.has("error"), answer.toString());
        String error = answer.get("error").asText();
        for (String part : parts) {
            assertTrue(error.contains(part), "'" + part + "' in: " + error);
        }
    }

    private static void assertVector(double[] expected, JsonNode actual, double tolerance) {
        assertEquals(expected.length, actual.size(), actual.toString());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.get(i).asDouble(), tolerance, "index " + i + " of " + actual);
        }
    }
}
