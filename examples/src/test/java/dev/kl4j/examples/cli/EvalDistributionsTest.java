package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * {@code kl4j eval} with the families added by the open registry, with PyTorch's parameter names, and
 * with a user-defined family and pair found through ServiceLoader (core's test jar lists them).
 */
class EvalDistributionsTest {
    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private record Run(int status, List<JsonNode> lines) {
    }

    private Run eval(String... inputLines) throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.write(input, List.of(inputLines));
        StringWriter out = new StringWriter();
        int status = Kl4j.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "eval", input.toString());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return new Run(status, lines);
    }

    private static String kl(String p, String q) {
        return "{\"measure\":\"kl\",\"p\":" + p + ",\"q\":" + q + "}";
    }

    @Test
    void everyNewFamilyIsAnsweredWithPyTorchsParameterNames() throws IOException {
        Run run = eval(
                kl("{\"dist\":\"binomial\",\"total_count\":10,\"probs\":0.3}", "{\"dist\":\"binomial\",\"total_count\":10,\"logits\":0}"),
                kl("{\"dist\":\"geometric\",\"probs\":0.3}", "{\"dist\":\"geometric\",\"logits\":0.5}"),
                kl("{\"dist\":\"one_hot_categorical\",\"probs\":[0.2,0.8]}", "{\"dist\":\"one_hot_categorical\",\"logits\":[0,0]}"),
                kl("{\"dist\":\"half_normal\",\"scale\":1}", "{\"dist\":\"half_normal\",\"scale\":2}"),
                kl("{\"dist\":\"log_normal\",\"loc\":0,\"scale\":1}", "{\"dist\":\"log_normal\",\"loc\":1,\"scale\":1}"),
                kl("{\"dist\":\"gumbel\",\"loc\":0,\"scale\":1}", "{\"dist\":\"gumbel\",\"loc\":0.5,\"scale\":2}"),
                kl("{\"dist\":\"pareto\",\"scale\":2,\"alpha\":3}", "{\"dist\":\"pareto\",\"scale\":1,\"alpha\":2}"),
                kl("{\"dist\":\"continuous_bernoulli\",\"probs\":0.3}", "{\"dist\":\"continuous_bernoulli\",\"logits\":1}"),
                kl("{\"dist\":\"low_rank_mvn\",\"loc\":[0,0],\"cov_factor\":[[1],[0.5]],\"cov_diag\":[1,1]}",
                        "{\"dist\":\"mvn\",\"loc\":[0,1],\"covariance\":[[2,0],[0,2]]}"),
                kl("{\"dist\":\"independent\",\"base_dist\":\"gamma\",\"concentration\":[1,2],\"rate\":[1,1]}",
                        "{\"dist\":\"independent\",\"base_dist\":\"exponential\",\"rate\":[1,0.5]}"),
                kl("{\"dist\":\"cauchy\",\"loc\":0,\"scale\":1}", "{\"dist\":\"cauchy\",\"loc\":1,\"scale\":1}"),
                kl("{\"dist\":\"weibull\",\"scale\":1,\"concentration\":2}", "{\"dist\":\"weibull\",\"scale\":2,\"concentration\":1.5}"),
                kl("{\"dist\":\"von_mises\",\"loc\":0,\"concentration\":2}", "{\"dist\":\"von_mises\",\"loc\":1,\"concentration\":1}"),
                kl("{\"dist\":\"inverse_gamma\",\"concentration\":3,\"rate\":2}", "{\"dist\":\"gamma\",\"concentration\":2,\"rate\":1}"));
        assertEquals(0, run.status(), run.lines().toString());
        for (JsonNode line : run.lines()) {
            assertTrue(line.get("value").isNumber() && line.get("value").asDouble() > 0, line.toString());
        }
        // Spot values computed here by hand: KL(N(0,1) ‖ N(1,1)) of the logs = 1/2; Cauchy(0,1) ‖ Cauchy(1,1) = ln(5/4).
        assertEquals(0.5, run.lines().get(4).get("value").asDouble(), 1e-15);
        assertEquals(Math.log(1.25), run.lines().get(10).get("value").asDouble(), 1e-15);
        // Independent: KL(Gamma(1,1) ‖ Exp(1)) = 0 plus KL(Gamma(2,1) ‖ Exp(0.5)) = −H + ln 2 + ... > 0
        assertTrue(run.lines().get(9).get("value").asDouble() > 0);
    }

    @Test
    void aBadParameterNamesTheFieldAndOtherLinesAreStillAnswered() throws IOException {
        Run run = eval(
                kl("{\"dist\":\"pareto\",\"scale\":2,\"alpha\":-3}", "{\"dist\":\"pareto\",\"scale\":1,\"alpha\":2}"),
                kl("{\"dist\":\"gumbel\",\"loc\":0,\"scale\":1}", "{\"dist\":\"gumbel\",\"loc\":0.5,\"scale\":2}"),
                kl("{\"dist\":\"binomial\",\"total_count\":2.5,\"probs\":0.3}", "{\"dist\":\"binomial\",\"total_count\":3,\"probs\":0.3}"),
                kl("{\"dist\":\"independent\",\"base_dist\":\"normal\",\"loc\":[0,1],\"scale\":[1,-1]}",
                        "{\"dist\":\"independent\",\"base_dist\":\"normal\",\"loc\":[0,1],\"scale\":[1,1]}"),
                kl("{\"dist\":\"independent\",\"base_dist\":\"mvn\",\"loc\":[0,1]}", "{\"dist\":\"normal\",\"loc\":0,\"scale\":1}"),
                kl("{\"dist\":\"continuous_bernoulli\",\"probs\":1}", "{\"dist\":\"continuous_bernoulli\",\"probs\":0.5}"),
                kl("{\"dist\":\"low_rank_mvn\",\"loc\":[0,0],\"cov_factor\":[[1],[0.5]],\"cov_diag\":[1,0]}",
                        "{\"dist\":\"mvn\",\"loc\":[0,1],\"covariance\":[[2,0],[0,2]]}"),
                kl("{\"dist\":\"half_normal\",\"scale\":1,\"loc\":0}", "{\"dist\":\"half_normal\",\"scale\":2}"));
        assertEquals(1, run.status());
        assertTrue(run.lines().get(0).get("error").asText().contains("alpha"), run.lines().get(0).toString());
        assertTrue(run.lines().get(1).get("value").isNumber());
        assertTrue(run.lines().get(2).get("error").asText().contains("total_count"), run.lines().get(2).toString());
        assertTrue(run.lines().get(3).get("error").asText().contains("scale[1]"), run.lines().get(3).toString());
        assertTrue(run.lines().get(4).get("error").asText().contains("base_dist"), run.lines().get(4).toString());
        assertTrue(run.lines().get(5).get("error").asText().contains("probs"), run.lines().get(5).toString());
        assertTrue(run.lines().get(6).get("error").asText().contains("cov_diag"), run.lines().get(6).toString());
        assertTrue(run.lines().get(7).get("error").asText().contains("'loc'"), run.lines().get(7).toString());
    }

    /** The "Extend it" example of the core README, answered in-process. */
    @Test
    void aUserDefinedFamilyFromTheClassPathIsAnswered() throws IOException {
        Run run = eval(kl("{\"dist\":\"shifted_exponential\",\"shift\":1,\"rate\":2}",
                        "{\"dist\":\"shifted_exponential\",\"shift\":0.5,\"rate\":1.5}"),
                kl("{\"dist\":\"shifted_exponential\",\"shift\":0.5,\"rate\":1.5}",
                        "{\"dist\":\"shifted_exponential\",\"shift\":1,\"rate\":2}"),
                kl("{\"dist\":\"shifted_exponential\",\"shift\":1,\"rate\":0}",
                        "{\"dist\":\"shifted_exponential\",\"shift\":1,\"rate\":2}"));
        assertEquals(1, run.status());
        assertEquals(Math.log(2 / 1.5) - 1 + 1.5, run.lines().get(0).get("value").asDouble(), 1e-15);
        assertEquals("inf", run.lines().get(1).get("value").asText());
        assertTrue(run.lines().get(2).get("error").asText().contains("rate"), run.lines().get(2).toString());
    }
}
