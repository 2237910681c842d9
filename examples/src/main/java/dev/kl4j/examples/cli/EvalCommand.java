package dev.kl4j.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.discrete.DiscreteMeasure;
import dev.kl4j.core.discrete.DiscreteOptions;
import dev.kl4j.core.discrete.LogBase;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Distributions;
import dev.kl4j.core.kl.Kl;
import dev.kl4j.core.kl.NoClosedFormException;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
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
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate divergences from JSON Lines: one JSON answer per input line, in order.",
            "",
            "Input line fields:",
            "  measure    kl, entropy, cross_entropy, js, js_distance, renyi, tv, hellinger,",
            "             chi2, bhattacharyya, wasserstein1",
            "  p, q       probability arrays, or for closed-form KL",
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
            "Output: {\"id\":..,\"measure\":..,\"value\":x} with x a number or \"inf\"/\"-inf\",",
            "or {\"id\":..,\"measure\":..,\"error\":\"...\"} for a line that cannot be answered.",
            "",
            "Example:",
            "  echo '{\"id\":\"a\",\"measure\":\"kl\",\"p\":[0.1,0.7,0.2],\"q\":[0.2,0.6,0.2]}' \\",
            "    | kl4j eval",
            "",
            "Exit status: 0 all lines answered, 1 some line failed, 2 unusable arguments."
        })
public final class EvalCommand implements Callable<Integer> {

    private static final Set<String> FIELDS = Set.of("id", "measure", "p", "q", "base", "alpha", "normalize");

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "JSON Lines file to read; '-' or absent: standard input.")
    String file;

    @Spec
    CommandSpec spec;

    /**
     * Rejects duplicate keys ({@code "q":[..],"q":[..]} must not silently keep the last one) and keeps
     * numbers exact, so an {@code id} such as {@code 1.10} is echoed as written.
     */
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
        if (line.isBlank()) {
            // Answered, not skipped, so that output line N always answers input line N.
            answer.putNull("id");
            answer.putNull("measure");
            answer.put("error", "line " + lineNumber + " is empty");
            return answer;
        }
        JsonNode input;
        try {
            input = parse(line);
        } catch (JsonProcessingException e) {
            answer.putNull("id");
            answer.putNull("measure");
            answer.put("error", "line " + lineNumber + " is not valid JSON: " + e.getOriginalMessage());
            return answer;
        }
        if (!input.isObject()) {
            answer.putNull("id");
            answer.putNull("measure");
            answer.put("error", "line " + lineNumber + " is not a JSON object");
            return answer;
        }
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
                throw new EvalException("unknown field '" + name + "' (expected " + String.join(", ",
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
            throw new EvalException("field 'measure': " + Errors.oneLine(e));
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
        if (measure != DiscreteMeasure.KL) {
            throw new EvalException("field 'measure': distribution objects support only 'kl', not '"
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
        Map<String, Object> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("dist")) {
                params.put(e.getKey(), parameter(field + "." + e.getKey(), e.getValue()));
            }
        }
        try {
            return Distributions.create(name.asText(), params);
        } catch (InvalidArgumentException e) {
            throw new EvalException("field '" + field + "': " + Errors.oneLine(e));
        }
    }

    private static Object parameter(String field, JsonNode value) {
        if (value.isNumber()) {
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
        if (value.isTextual()) {
            return value.asText(); // a family name, e.g. independent's base_dist; create() checks where it may be
        }
        throw new EvalException("field '" + field + "' must be a number, text, an array of numbers or a matrix");
    }

    private static double[] vector(String field, JsonNode node) {
        if (!node.isArray()) {
            throw new EvalException("field '" + field + "' must be an array of numbers");
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber()) {
                throw new EvalException("field '" + field + "[" + i + "]' is not a number: " + x);
            }
            v[i] = number(field + "[" + i + "]", x);
        }
        return v;
    }

    /** A JSON number as a double; numbers beyond double range are an error, not a silent infinity. */
    private static double number(String field, JsonNode x) {
        double v = x.doubleValue();
        if (Double.isInfinite(v)) {
            throw new EvalException("field '" + field + "' = " + x + " is beyond the range of a double");
        }
        return v;
    }

    private static LogBase parseBase(JsonNode node) {
        if (node == null || node.isNull()) {
            return LogBase.E;
        }
        String text = node.isNumber() ? stripZeros(node.decimalValue().toPlainString()) : node.asText();
        try {
            return LogBase.parse(text);
        } catch (IllegalArgumentException e) {
            throw new EvalException("field 'base' must be e, 2 or 10, not " + node);
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
            throw new EvalException("field 'normalize' must be true or false, not " + node);
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
        if (node.isNumber()) {
            return number("alpha", node);
        }
        if (node.isTextual() && (node.asText().equals("inf") || node.asText().equals("Infinity"))) {
            return Double.POSITIVE_INFINITY;
        }
        throw new EvalException("field 'alpha' must be a number >= 0 or \"inf\", not " + node);
    }

    /** A line-level error whose message names the offending field. */
    static final class EvalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvalException(String message) {
            super(message);
        }
    }
}
