package dev.kl4j.examples.cli;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.ppo.env.Box;
import dev.kl4j.ppo.env.Discrete;
import dev.kl4j.ppo.env.Environment;
import dev.kl4j.ppo.env.Environments;
import dev.kl4j.ppo.env.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
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
 * and the field; the other lines are still answered. Input is read as {@code kl4j eval} reads it: strict
 * UTF-8 per line, at most 16 MiB a line, numbers as JSON numbers or the spellings {@code "inf"},
 * {@code "nan"}, {@code NaN} that {@code kl4j eval} accepts (so a NaN action reaches the environment,
 * which rejects it by name).
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
            "Output: {\"env\":..,\"obs\":[[..],..],\"rewards\":[..],\"terminated\":[..],",
            "\"truncated\":[..]}, one entry per step up to the first step that",
            "terminates or truncates (at the latest the time limit), or",
            "{\"env\":..,\"error\":\"...\"} for a line that cannot be replayed.",
            "",
            "Example:",
            "  echo '{\"env\":\"CartPole-v1\",\"init_state\":[0,0,0,0],\"actions\":[1,0]}' \\",
            "    | kl4j env-replay",
            "",
            "Exit status: 0 all lines replayed, 1 some line failed, 2 unusable arguments",
            "or standard output not writable."
        })
public final class EnvReplayCommand implements Callable<Integer> {

    private static final List<String> FIELDS = List.of("id", "env", "init_state", "actions");

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "JSON Lines file to read; '-' or absent: standard input.")
    String file;

    @Spec
    CommandSpec spec;

    /** The kl4j command whose standard input this command reads; null when run on its own. */
    @ParentCommand
    Kl4j parent;

    /** As {@code kl4j eval}: duplicate keys rejected, an echoed {@code id} kept as written, bare NaN read. */
    private final ObjectMapper json = JsonLines.mapper();

    @Override
    public Integer call() throws IOException {
        return JsonLines.answerEach(JsonLines.open(file, parent), spec.commandLine().getOut(), json, this::error,
                this::answerWithinMemory);
    }

    private ObjectNode error(String message) {
        ObjectNode answer = json.createObjectNode();
        answer.put("error", message);
        return answer;
    }

    /** Answers one non-empty line; never throws for bad content, only reports it in the answer. */
    private ObjectNode answerWithinMemory(String line, long lineNumber) {
        String where = "line " + lineNumber;
        JsonNode input;
        try {
            input = parse(line);
        } catch (JsonProcessingException e) {
            return error(where + " is not valid JSON: " + Errors.clip(e.getOriginalMessage(), 200));
        }
        if (!input.isObject()) {
            return error(where + " is not a JSON object");
        }
        ObjectNode answer = json.createObjectNode();
        if (input.has("id")) {
            answer.set("id", input.get("id"));
        }
        answer.set("env", input.has("env") ? input.get("env") : json.nullNode());
        try {
            replay(input, answer);
        } catch (EvalCommand.EvalException e) {
            answer.retain("id", "env"); // no partial trajectory
            answer.put("error", where + ": " + e.getMessage());
        } catch (RuntimeException e) {
            answer.retain("id", "env");
            answer.put("error", where + ": internal error: " + Errors.oneLine(e));
        }
        return answer;
    }

    private void replay(JsonNode input, ObjectNode answer) {
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw fieldError("unknown field '" + Errors.clip(name) + "' (expected " + String.join(", ", FIELDS) + ")");
            }
        }
        JsonNode envNode = input.get("env");
        if (envNode == null || !envNode.isTextual()) {
            throw fieldError("field 'env' is missing or not a string (one of " + String.join(", ", Environments.ids()) + ")");
        }
        Environment env;
        try {
            env = Environments.make(envNode.asText());
        } catch (InvalidArgumentException e) {
            throw fieldError("field 'env': " + Errors.clip(Errors.oneLine(e), 200));
        }
        JsonNode stateNode = input.get("init_state");
        if (stateNode == null) {
            throw fieldError("field 'init_state' is missing (the internal state after reset, "
                    + env.state().length + " numbers for " + env.id() + ")");
        }
        double[] initState = vector("init_state", stateNode);
        JsonNode actionsNode = input.get("actions");
        if (actionsNode == null || !actionsNode.isArray()) {
            throw fieldError("field 'actions' is missing or not an array");
        }
        env.reset(0);
        try {
            env.setState(initState);
        } catch (InvalidArgumentException e) {
            throw fieldError("field 'init_state': " + Errors.clip(Errors.oneLine(e), 200));
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
                throw fieldError("field '" + field + "': " + Errors.clip(Errors.oneLine(e), 200));
            }
            ArrayNode o = obs.addArray();
            for (double v : step.observation()) {
                if (!Double.isFinite(v)) {
                    throw fieldError("field 'init_state': the state left the range of doubles at step " + (t + 1));
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
            if (node.isArray() || node.isObject()) {
                throw fieldError("field '" + field + "' must be an action index 0.." + (discrete.n() - 1)
                        + " for " + env.id() + ", not " + Errors.quote(node));
            }
            return new double[] {EvalCommand.number(field, node)};
        }
        int dimension = ((Box) env.actionSpace()).dimension();
        if (!node.isArray()) {
            throw fieldError("field '" + field + "' must be a list of " + dimension
                    + " number" + (dimension == 1 ? "" : "s") + " for " + env.id() + ", not " + Errors.quote(node));
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
            throw fieldError("field '" + field + "' must be an array of numbers, not " + Errors.quote(node));
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = EvalCommand.number(field + "[" + i + "]", node.get(i));
        }
        return v;
    }

    /** A line-level error whose message names the offending field (the same exception as kl4j eval's). */
    private static EvalCommand.EvalException fieldError(String message) {
        return new EvalCommand.EvalException(message);
    }
}
