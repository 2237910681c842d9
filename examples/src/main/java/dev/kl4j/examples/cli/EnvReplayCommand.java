package dev.kl4j.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.ppo.env.Box;
import dev.kl4j.ppo.env.Discrete;
import dev.kl4j.ppo.env.Environment;
import dev.kl4j.ppo.env.Environments;
import dev.kl4j.ppo.env.StepResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kl4j env-replay}: replays recorded episodes through kl4j's environments, one answer per input
 * line, so that a trajectory recorded with Gymnasium can be compared value by value.
 *
 * <p>An input line {@code {"env": ID, "init_state": [...], "actions": [...]}} names an environment of
 * {@link Environments#ids()}, the internal state to write after {@code reset} (Gymnasium's
 * {@code env.unwrapped.state}) and the actions in order: an index for a discrete action space, a list for
 * a continuous one. The answer {@code {"env": ID, "obs": [[...], ...], "rewards": [...], "terminated":
 * [...], "truncated": [...]}} has one entry per step, through the time limit counted from the reset,
 * and stops after the first step that terminates or truncates (later actions are not used). An optional
 * {@code id} is echoed first. A line that cannot be replayed gets {@code {"error": ...}} naming the line
 * and the field; the other lines are still answered.
 *
 * <p>To record a matching trajectory in Python: {@code env = gymnasium.make(ID); env.reset(seed=0);
 * env.unwrapped.state = np.array(init_state)}, then {@code env.step(a)} for each action (floats in
 * float64; Gymnasium returns float32 observations, kl4j float64).
 */
@Command(
        name = "env-replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replay episodes from JSON Lines through kl4j's environments: one JSON answer per input line.",
            "",
            "Input line fields:",
            "  env         CartPole-v1, Pendulum-v1, Acrobot-v1 or MountainCarContinuous-v0",
            "  init_state  the internal state written after reset (env.unwrapped.state)",
            "  actions     the actions in order: an index (discrete) or a list (continuous)",
            "  id          any value, echoed back",
            "",
            "Output: {\"env\":..,\"obs\":[[..],..],\"rewards\":[..],\"terminated\":[..],\"truncated\":[..]},",
            "one entry per step up to the first step that terminates or truncates, or",
            "{\"env\":..,\"error\":\"...\"} for a line that cannot be replayed.",
            "",
            "Example:",
            "  echo '{\"env\":\"CartPole-v1\",\"init_state\":[0,0,0,0],\"actions\":[1,0]}' \\",
            "    | kl4j env-replay",
            "",
            "Exit status: 0 all lines replayed, 1 some line failed, 2 unusable arguments."
        })
public final class EnvReplayCommand implements Callable<Integer> {

    private static final List<String> FIELDS = List.of("id", "env", "init_state", "actions");

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "JSON Lines file to read; '-' or absent: standard input.")
    String file;

    @Spec
    CommandSpec spec;

    /** Rejects duplicate keys; keeps an echoed {@code id} exactly as written. */
    private final ObjectMapper json = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        BufferedReader in;
        if (file == null || file.equals("-")) {
            in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        } else {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new InvalidArgumentException("FILE", "input " + file + " is a directory, not a JSON Lines file");
            }
            try {
                in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new InvalidArgumentException("FILE", "input file not found: " + file);
            } catch (IOException e) {
                throw new InvalidArgumentException("FILE", "cannot read input file " + file + ": " + Errors.oneLine(e));
            }
        }
        int failed = 0;
        try (in) {
            String line;
            long lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a UTF-8 byte-order mark is not part of the JSON
                }
                ObjectNode answer = answer(line, lineNumber);
                if (answer.has("error")) {
                    failed++;
                }
                out.println(json.writeValueAsString(answer));
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** Answers one input line; never throws for bad content, only reports it in the answer. */
    ObjectNode answer(String line, long lineNumber) {
        ObjectNode answer = json.createObjectNode();
        String where = "line " + lineNumber;
        if (line.isBlank()) {
            answer.put("error", where + " is empty");
            return answer;
        }
        JsonNode input;
        try {
            input = parse(line);
        } catch (JsonProcessingException e) {
            answer.put("error", where + " is not valid JSON: " + e.getOriginalMessage());
            return answer;
        }
        if (!input.isObject()) {
            answer.put("error", where + " is not a JSON object");
            return answer;
        }
        if (input.has("id")) {
            answer.set("id", input.get("id"));
        }
        answer.set("env", input.has("env") ? input.get("env") : json.nullNode());
        try {
            replay(input, answer);
        } catch (ReplayException e) {
            keepOnly(answer);
            answer.put("error", where + ": " + e.getMessage());
        } catch (RuntimeException e) {
            keepOnly(answer);
            answer.put("error", where + ": internal error: " + Errors.oneLine(e));
        }
        return answer;
    }

    /** Drops partial results, keeping the echoed id and env. */
    private static void keepOnly(ObjectNode answer) {
        answer.retain("id", "env");
    }

    private void replay(JsonNode input, ObjectNode answer) {
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ReplayException("unknown field '" + name + "' (expected " + String.join(", ", FIELDS) + ")");
            }
        }
        JsonNode envNode = input.get("env");
        if (envNode == null || !envNode.isTextual()) {
            throw new ReplayException("field 'env' is missing or not a string (one of "
                    + String.join(", ", Environments.ids()) + ")");
        }
        Environment env;
        try {
            env = Environments.make(envNode.asText());
        } catch (InvalidArgumentException e) {
            throw new ReplayException("field 'env': " + Errors.oneLine(e));
        }
        JsonNode stateNode = input.get("init_state");
        if (stateNode == null) {
            throw new ReplayException("field 'init_state' is missing (the internal state after reset, "
                    + env.state().length + " numbers for " + env.id() + ")");
        }
        double[] initState = vector("init_state", stateNode);
        JsonNode actionsNode = input.get("actions");
        if (actionsNode == null || !actionsNode.isArray()) {
            throw new ReplayException("field 'actions' is missing or not an array");
        }
        env.reset(0);
        try {
            env.setState(initState);
        } catch (InvalidArgumentException e) {
            throw new ReplayException("field 'init_state': " + Errors.oneLine(e));
        }
        ArrayNode obs = answer.putArray("obs");
        ArrayNode rewards = answer.putArray("rewards");
        ArrayNode terminated = answer.putArray("terminated");
        ArrayNode truncated = answer.putArray("truncated");
        for (int t = 0; t < actionsNode.size(); t++) {
            String field = "actions[" + t + "]";
            double[] action = action(env, field, actionsNode.get(t));
            StepResult step;
            try {
                step = env.step(action);
            } catch (InvalidArgumentException e) {
                throw new ReplayException("field '" + field + "': " + Errors.oneLine(e));
            }
            ArrayNode o = obs.addArray();
            for (double v : step.observation()) {
                if (!Double.isFinite(v)) {
                    throw new ReplayException("field 'init_state': the state left the range of doubles at step "
                            + (t + 1));
                }
                o.add(v);
            }
            rewards.add(step.reward());
            terminated.add(step.terminated());
            truncated.add(step.truncated());
            if (step.done()) {
                break;
            }
        }
    }

    private static double[] action(Environment env, String field, JsonNode node) {
        if (env.actionSpace() instanceof Discrete discrete) {
            if (!node.isNumber()) {
                throw new ReplayException("field '" + field + "' must be an action index 0.." + (discrete.n() - 1)
                        + " for " + env.id() + ", not " + node);
            }
            return new double[] {number(field, node)};
        }
        int dimension = ((Box) env.actionSpace()).dimension();
        if (!node.isArray()) {
            throw new ReplayException("field '" + field + "' must be a list of " + dimension
                    + " number" + (dimension == 1 ? "" : "s") + " for " + env.id() + ", not " + node);
        }
        return vector(field, node);
    }

    /** One JSON value and nothing after it (readTree alone would ignore trailing content). */
    private JsonNode parse(String line) throws JsonProcessingException {
        try (JsonParser parser = json.createParser(line)) {
            JsonNode node = json.readTree(parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "extra content after the first JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source does not fail to read
        }
    }

    private static double[] vector(String field, JsonNode node) {
        if (!node.isArray()) {
            throw new ReplayException("field '" + field + "' must be an array of numbers");
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber()) {
                throw new ReplayException("field '" + field + "[" + i + "]' is not a number: " + x);
            }
            v[i] = number(field + "[" + i + "]", x);
        }
        return v;
    }

    /** A JSON number as a double; numbers beyond double range are an error, not a silent infinity. */
    private static double number(String field, JsonNode x) {
        double v = x.doubleValue();
        if (Double.isInfinite(v)) {
            throw new ReplayException("field '" + field + "' = " + x + " is beyond the range of a double");
        }
        return v;
    }

    /** A line-level error whose message names the offending field. */
    static final class ReplayException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReplayException(String message) {
            super(message);
        }
    }
}
