package dev.kl4j.examples.cli;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.discrete.DiscreteMeasure;
import dev.kl4j.core.discrete.DiscreteOptions;
import dev.kl4j.core.discrete.LogBase;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Distributions;
import dev.kl4j.core.kl.Kl;
import dev.kl4j.core.kl.NoClosedFormException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kl4j eval}: evaluates divergences given as JSON Lines, one answer per line, in order.
 *
 * <p>An input line is an object with {@code measure} and {@code p} (and {@code q} for two-argument
 * measures). Arrays are probability vectors for the discrete measures of
 * {@link DiscreteMeasure}; objects {@code {"dist": NAME, ...}} are parametric distributions for
 * closed-form KL ({@code "measure": "kl"}). Optional: {@code id} (echoed), {@code base} (e, 2, 10),
 * {@code alpha} (number or "inf", for renyi), {@code normalize} (boolean).
 *
 * <p>Every numeric field (the entries of {@code p} and {@code q}, distribution parameters, {@code alpha})
 * takes a JSON number or one of the spellings NumPy and SciPy users write for the IEEE special values:
 * the strings {@code "inf"}, {@code "+inf"}, {@code "-inf"}, {@code "infinity"} (any sign) and
 * {@code "nan"}, in any case, and the bare tokens {@code NaN}, {@code Infinity} and {@code -Infinity}
 * that Python's {@code json.dumps} writes. Whether the value is allowed is then the measure's rule (an
 * infinite probability is an error, {@code "alpha": "inf"} is the max-divergence).
 *
 * <p>Each line is read and decoded on its own (strict UTF-8): invalid bytes, a line longer than
 * {@link #MAX_LINE_BYTES} or one with more than {@link #MAX_ARRAY_ELEMENTS} array elements are an error
 * for that line only. Values quoted in errors are cut to {@link Errors#QUOTE_LIMIT} characters.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate divergences from JSON Lines: one JSON answer per input line, in order.",
            "",
            "Input line fields:",
            "  measure    kl, reverse_kl, entropy, cross_entropy, js, js_distance, renyi, tv,",
            "             hellinger, chi2, bhattacharyya, wasserstein1",
            "  p, q       probability arrays, or for closed-form KL (kl, reverse_kl)",
            "             distribution objects such as",
            "             {\"dist\":\"normal\",\"loc\":0,\"scale\":1}",
            "             (normal, diag_normal, mvn, categorical,",
            "             bernoulli, poisson, exponential, gamma, beta,",
            "             dirichlet, laplace, uniform, binomial, geometric,",
            "             one_hot_categorical, half_normal, log_normal,",
            "             gumbel, pareto, continuous_bernoulli, low_rank_mvn,",
            "             independent, cauchy, weibull, inverse_gamma, von_mises,",
            "             and",
            "             families of jars on",
            "             KL4J_CLASSPATH); parameter names as in PyTorch, e.g.",
            "             {\"dist\":\"independent\",\"base_dist\":\"gamma\",",
            "              \"concentration\":[1,2],\"rate\":[1,1]}",
            "  id         any value, echoed back",
            "  base       e (default), 2 or 10",
            "  alpha      Renyi order: a number >= 0 or \"inf\"",
            "  normalize  true to rescale p and q to sum 1 (as scipy.stats.entropy does)",
            "",
            "Numbers: a JSON number, or \"inf\", \"+inf\", \"-inf\", \"infinity\", \"nan\"",
            "(any case), or Python's bare NaN, Infinity, -Infinity, in every numeric field.",
            "Limits: a line holds at most 16 MiB and 1000000 array elements;",
            "invalid UTF-8 or a longer line is an error for that line only.",
            "",
            "Output: {\"id\":..,\"measure\":..,\"value\":x} with x a number or \"inf\"/\"-inf\",",
            "or {\"id\":..,\"measure\":..,\"error\":\"...\"} for a line that cannot be answered.",
            "",
            "Example:",
            "  echo '{\"id\":\"a\",\"measure\":\"kl\",\"p\":[0.1,0.7,0.2],\"q\":[0.2,0.6,0.2]}' \\",
            "    | kl4j eval",
            "",
            "Exit status: 0 all lines answered, 1 some line failed, 2 unusable arguments",
            "or standard output not writable. A reader that stops early (| head -1)",
            "ends the run quietly."
        })
public final class EvalCommand implements Callable<Integer> {

    private static final Set<String> FIELDS = Set.of("id", "measure", "p", "q", "base", "alpha", "normalize");

    /** The most bytes one input line may hold (16 MiB), its line end excluded. */
    static final int MAX_LINE_BYTES = JsonLines.MAX_LINE_BYTES;
    /**
     * The most array elements one input line may hold, all arrays together: enough for a vocabulary-sized
     * distribution, and bounding the memory one line needs (its parsed tree, about 200 bytes per element
     * with exact decimals) to about 200 MB. A line the heap cannot hold is an error for that line.
     */
    static final int MAX_ARRAY_ELEMENTS = 1_000_000;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "JSON Lines file to read; '-' or absent: standard input.")
    String file;

    @Spec
    CommandSpec spec;

    /** The kl4j command whose standard input this command reads; null when run on its own. */
    @ParentCommand
    Kl4j parent;

    /**
     * Rejects duplicate keys ({@code "q":[..],"q":[..]} must not silently keep the last one) and keeps
     * numbers exact, so an {@code id} such as {@code 1.10} is echoed as written.
     */
    private final ObjectMapper json = JsonLines.mapper();

    @Override
    public Integer call() throws IOException {
        return JsonLines.answerEach(JsonLines.open(file, parent), spec.commandLine().getOut(), json, this::error,
                this::answerWithinMemory);
    }

    private ObjectNode error(String message) {
        ObjectNode answer = json.createObjectNode();
        answer.putNull("id");
        answer.putNull("measure");
        answer.put("error", message);
        return answer;
    }

    /** Answers one non-empty line; never throws for bad content, only reports it in the answer. */
    private ObjectNode answerWithinMemory(String line, long lineNumber) {
        JsonNode input;
        try {
            // Each element takes at least one character, so only a line that long can be over the limit.
            if (line.length() > MAX_ARRAY_ELEMENTS && countArrayElements(line) > MAX_ARRAY_ELEMENTS) {
                return error("line " + lineNumber + " holds more than " + MAX_ARRAY_ELEMENTS
                        + " array elements, the limit per line; it was skipped");
            }
            input = parse(line);
        } catch (JsonProcessingException e) {
            return error("line " + lineNumber + " is not valid JSON: " + Errors.clip(e.getOriginalMessage(), 200));
        }
        if (!input.isObject()) {
            return error("line " + lineNumber + " is not a JSON object");
        }
        ObjectNode answer = json.createObjectNode();
        answer.set("id", input.has("id") ? input.get("id") : json.nullNode());
        answer.set("measure", input.has("measure") ? input.get("measure") : json.nullNode());
        try {
            double value = evaluate(input);
            putValue(answer, value);
        } catch (InvalidArgumentException | EvalException e) {
            answer.put("error", Errors.oneLine(e));
        } catch (RuntimeException e) {
            answer.put("error", "internal error: " + Errors.oneLine(e));
        }
        return answer;
    }

    /**
     * Counts the elements of every array in the line with the streaming parser (no tree is built), and
     * stops counting once past the limit.
     */
    private long countArrayElements(String line) throws JsonProcessingException {
        try (JsonParser parser = json.createParser(line)) {
            long elements = 0;
            int depth = 0;
            // bit k is set when nesting level k is an array
            java.util.BitSet arrays = new java.util.BitSet();
            JsonToken token;
            while ((token = parser.nextToken()) != null && elements <= MAX_ARRAY_ELEMENTS) {
                if (arrays.get(depth) && token != JsonToken.END_ARRAY) {
                    elements++;   // a value (scalar, object or array) directly inside an array
                }
                if (token.isStructStart()) {
                    depth++;
                    arrays.set(depth, token == JsonToken.START_ARRAY);
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
            return elements;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source does not fail to read
        }
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

    private static void putValue(ObjectNode answer, double value) {
        if (value == Double.POSITIVE_INFINITY) {
            answer.put("value", "inf");
        } else if (value == Double.NEGATIVE_INFINITY) {
            answer.put("value", "-inf");
        } else if (Double.isNaN(value)) {
            throw new EvalException("the result is NaN");
        } else {
            answer.put("value", value);
        }
    }

    private double evaluate(JsonNode input) {
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new EvalException("unknown field '" + Errors.clip(name) + "' (expected " + String.join(", ",
                        "id", "measure", "p", "q", "base", "alpha", "normalize") + ")");
            }
        }
        JsonNode measureNode = input.get("measure");
        if (measureNode == null || !measureNode.isTextual()) {
            throw new EvalException("field 'measure' is missing or not a string");
        }
        DiscreteMeasure measure;
        try {
            measure = DiscreteMeasure.fromName(measureNode.asText());
        } catch (IllegalArgumentException e) {
            throw new EvalException("field 'measure': unknown measure " + Errors.quote(measureNode) + "; choose one of "
                    + String.join(", ", java.util.Arrays.stream(DiscreteMeasure.values()).map(DiscreteMeasure::cliName)
                            .toList()));
        }
        LogBase base = parseBase(input.get("base"));
        boolean normalize = parseNormalize(input.get("normalize"));
        double alpha = parseAlpha(input.get("alpha"), measure);

        JsonNode p = input.get("p");
        JsonNode q = input.get("q");
        if (p == null) {
            throw new EvalException("field 'p' is missing");
        }
        if (p.isObject()) {
            return closedForm(measure, p, q, base, normalize);
        }
        if (measure.needsQ() && q == null) {
            throw new EvalException("field 'q' is missing (measure '" + measure.cliName() + "' compares p with q)");
        }
        if (!measure.needsQ() && q != null) {
            throw new EvalException("field 'q' is not used by measure '" + measure.cliName() + "'");
        }
        double[] pv = vector("p", p);
        double[] qv = q == null ? null : vector("q", q);
        DiscreteOptions options = DiscreteOptions.DEFAULT.withBase(base).withNormalize(normalize);
        return measure.evaluate(pv, qv, alpha, options);
    }

    private double closedForm(DiscreteMeasure measure, JsonNode p, JsonNode q, LogBase base, boolean normalize) {
        if (measure != DiscreteMeasure.KL && measure != DiscreteMeasure.REVERSE_KL) {
            throw new EvalException("field 'measure': distribution objects support only 'kl' and 'reverse_kl', not '"
                    + measure.cliName() + "'");
        }
        if (normalize) {
            throw new EvalException("field 'normalize' applies to probability arrays, not distribution objects");
        }
        if (q == null || !q.isObject()) {
            throw new EvalException("field 'q' must be a distribution object like p");
        }
        Distribution pd = distribution("p", p);
        Distribution qd = distribution("q", q);
        if (measure == DiscreteMeasure.REVERSE_KL) { // KL(Q‖P), as for probability arrays
            Distribution swap = pd;
            pd = qd;
            qd = swap;
        }
        try {
            return base.fromNats(Kl.kl(pd, qd));
        } catch (NoClosedFormException e) {
            throw new EvalException("fields 'p' and 'q': kl4j has no closed-form KL(" + pd.name() + " \u2016 "
                    + qd.name() + ")");
        } catch (IllegalStateException e) { // two registered pairs match equally well: name them
            throw new EvalException("fields 'p' and 'q': " + Errors.oneLine(e));
        }
    }

    private Distribution distribution(String field, JsonNode node) {
        JsonNode name = node.get("dist");
        if (name == null || !name.isTextual()) {
            throw new EvalException("field '" + field + "' needs a string 'dist' (e.g. \"normal\")");
        }
        if (!Distributions.names().contains(name.textValue())) { // built-in and KL4J_CLASSPATH families
            throw new EvalException("field '" + field + ".dist': unknown distribution " + Errors.quote(name)
                    + "; 'kl4j eval --help' lists the names (e.g. normal, gamma, beta, categorical)");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("dist")) {
                params.put(e.getKey(), parameter(field + "." + Errors.clip(e.getKey()), e.getValue()));
            }
        }
        try {
            return Distributions.create(name.asText(), params);
        } catch (InvalidArgumentException e) {
            throw new EvalException("field '" + field + "': " + Errors.oneLine(e));
        }
    }

    private static Object parameter(String field, JsonNode value) {
        if (value.isTextual() && specialValue(value.textValue()) == null) {
            return value.asText(); // a family name, e.g. independent's base_dist; create() checks where it may be
        }
        if (value.isNumber() || value.isTextual()) {
            return number(field, value);
        }
        if (value.isArray() && value.size() > 0 && value.get(0).isArray()) {
            double[][] matrix = new double[value.size()][];
            for (int i = 0; i < matrix.length; i++) {
                matrix[i] = vector(field + "[" + i + "]", value.get(i));
            }
            return matrix;
        }
        if (value.isArray()) {
            return vector(field, value);
        }
        throw new EvalException("field '" + field + "' must be a number, text, an array of numbers or a matrix");
    }

    private static double[] vector(String field, JsonNode node) {
        if (!node.isArray()) {
            throw new EvalException("field '" + field + "' must be an array of numbers");
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(field + "[" + i + "]", node.get(i));
        }
        return v;
    }

    /**
     * A numeric field's value: a JSON number, a special-value spelling ("inf", "+inf", "-inf",
     * "infinity" with any sign, "nan", in any case), or one of the bare tokens NaN, Infinity, -Infinity.
     * A number literal beyond the range of a double (1e400) is an error, not a silent infinity.
     */
    static double number(String field, JsonNode x) {
        if (x.isTextual()) {
            Double special = specialValue(x.textValue());
            if (special == null) {
                throw new EvalException("field '" + field + "' is not a number: " + Errors.quote(x)
                        + " (numbers are JSON numbers or \"inf\", \"-inf\", \"nan\")");
            }
            return special;
        }
        if (!x.isNumber()) {
            throw new EvalException("field '" + field + "' is not a number: " + Errors.quote(x));
        }
        double v = x.doubleValue();
        // Finite decimals are parsed exactly (DecimalNode); only the bare tokens NaN and Infinity give a
        // DoubleNode, so an infinite value of any other node is an overflowing literal.
        if (Double.isInfinite(v) && !x.isDouble()) {
            throw new EvalException("field '" + field + "' = " + Errors.quote(x) + " is beyond the range of a double");
        }
        return v;
    }

    /** {@return the value of a special-value spelling, or null when {@code text} is not one} */
    static Double specialValue(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> null;
        };
    }

    private static LogBase parseBase(JsonNode node) {
        if (node == null || node.isNull()) {
            return LogBase.E;
        }
        String text = node.isNumber() ? stripZeros(node.decimalValue().toPlainString()) : node.asText();
        try {
            return LogBase.parse(text);
        } catch (IllegalArgumentException e) {
            throw new EvalException("field 'base' must be e, 2 or 10, not " + Errors.quote(node));
        }
    }

    private static String stripZeros(String number) {
        return number.contains(".") ? number.replaceAll("\\.?0+$", "") : number;
    }

    private static boolean parseNormalize(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new EvalException("field 'normalize' must be true or false, not " + Errors.quote(node));
        }
        return node.booleanValue();
    }

    private static double parseAlpha(JsonNode node, DiscreteMeasure measure) {
        if (!measure.needsAlpha()) {
            if (node != null && !node.isNull()) {
                throw new EvalException("field 'alpha' is only used by measure 'renyi'");
            }
            return Double.NaN;
        }
        if (node == null || node.isNull()) {
            throw new EvalException("field 'alpha' is missing (renyi needs an order alpha >= 0 or \"inf\")");
        }
        double alpha = node.isNumber() || node.isTextual() ? number("alpha", node) : Double.NaN;
        if (Double.isNaN(alpha) || alpha < 0) {
            throw new EvalException("field 'alpha' must be a number >= 0 or \"inf\", not " + Errors.quote(node));
        }
        return alpha;
    }

    /** A line-level error whose message names the offending field. */
    static final class EvalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvalException(String message) {
            super(message);
        }
    }
}
