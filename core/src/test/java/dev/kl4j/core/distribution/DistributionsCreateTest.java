package dev.kl4j.core.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributionsCreateTest {

    @Test
    void everyFamilyByName() {
        Map<String, Map<String, Object>> params = Map.ofEntries(
                Map.entry("normal", Map.of("loc", 1.0, "scale", 2.0)),
                Map.entry("diag_normal", Map.of("loc", new double[] {0, 1}, "scale", new double[] {1, 2})),
                Map.entry("mvn", Map.of("loc", new double[] {0, 1}, "covariance", new double[][] {{2, 1}, {1, 2}})),
                Map.entry("categorical", Map.of("probs", new double[] {0.25, 0.75})),
                Map.entry("bernoulli", Map.of("logits", 0.0)),
                Map.entry("poisson", Map.of("rate", 3)),
                Map.entry("exponential", Map.of("rate", 2.0)),
                Map.entry("gamma", Map.of("concentration", 2.0, "rate", 3.0)),
                Map.entry("beta", Map.of("concentration1", 2.0, "concentration0", 5.0)),
                Map.entry("dirichlet", Map.of("concentration", List.of(1, 2, 3))),
                Map.entry("laplace", Map.of("loc", 0.0, "scale", 1.0)),
                Map.entry("uniform", Map.of("low", -1.0, "high", 1.0)),
                Map.entry("binomial", Map.of("total_count", 10, "probs", 0.3)),
                Map.entry("geometric", Map.of("logits", 0.5)),
                Map.entry("one_hot_categorical", Map.of("probs", List.of(0.5, 0.5))),
                Map.entry("half_normal", Map.of("scale", 2.0)),
                Map.entry("log_normal", Map.of("loc", 0.0, "scale", 1.0)),
                Map.entry("gumbel", Map.of("loc", 0.0, "scale", 1.0)),
                Map.entry("pareto", Map.of("scale", 1.0, "alpha", 3.0)),
                Map.entry("continuous_bernoulli", Map.of("probs", 0.3)),
                Map.entry("low_rank_mvn", Map.of("loc", List.of(0, 0), "cov_factor", List.of(List.of(1), List.of(2)),
                        "cov_diag", List.of(1, 1))),
                Map.entry("independent", Map.of("base_dist", "bernoulli", "probs", List.of(0.2, 0.7))),
                Map.entry("cauchy", Map.of("loc", 0.0, "scale", 1.0)),
                Map.entry("weibull", Map.of("scale", 1.0, "concentration", 2.0)),
                Map.entry("inverse_gamma", Map.of("concentration", 3.0, "rate", 2.0)),
                Map.entry("von_mises", Map.of("loc", 0.5, "concentration", 2.0)));
        assertEquals(Distributions.NAMES.size(), params.size());
        for (String name : Distributions.NAMES) {
            Distribution d = Distributions.create(name, params.get(name));
            assertEquals(name, d.name());
        }
        assertEquals(2.0 / 7, Distributions.create("beta", params.get("beta")).mean()[0], 1e-15);
        assertArrayEquals(new double[] {1.0 / 6, 2.0 / 6, 3.0 / 6},
                Distributions.create("dirichlet", params.get("dirichlet")).mean(), 1e-15);
        assertEquals(0.5, ((Bernoulli) Distributions.create("bernoulli", params.get("bernoulli"))).probs(), 0);
    }

    @Test
    void matrixFromNestedLists() {
        Distribution d = Distributions.create("mvn", Map.of("loc", List.of(0.0, 0.0),
                "covariance", List.of(List.of(1.0, 0.0), List.of(0.0, 4.0))));
        assertArrayEquals(new double[] {1, 4}, d.variance(), 0);
    }

    private static InvalidArgumentException fails(String argument, String name, Map<String, Object> params) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Distributions.create(name, params));
        assertEquals(argument, e.argument());
        assertTrue(e.getMessage().contains(argument), e.getMessage());
        return e;
    }

    @Test
    void errorsNameTheParameter() {
        fails("name", "student_t", Map.of());
        fails("scale", "normal", Map.of("loc", 0.0));
        fails("sigma", "normal", Map.of("loc", 0.0, "scale", 1.0, "sigma", 1.0));
        fails("scale", "normal", Map.of("loc", 0.0, "scale", "one"));
        fails("loc", "diag_normal", Map.of("loc", 1.0, "scale", new double[] {1}));
        fails("covariance", "mvn", Map.of("loc", new double[] {0}, "covariance", new double[] {1}));
        fails("logits", "categorical", Map.of("probs", new double[] {1}, "logits", new double[] {0}));
        fails("probs", "bernoulli", Map.of());
        fails("scale", "laplace", Map.of("loc", 0.0, "scale", -1.0));
    }

    @Test
    void wrongKindsAreDescribedInPlainWordsNotJavaTypes() {
        assertEquals("parameter 'loc' must be a number, got an array of 3 numbers",
                fails("loc", "normal", Map.of("loc", new double[] {1, 2, 3}, "scale", 1.0)).getMessage());
        assertEquals("parameter 'loc' must be a number, got an array of 2 numbers",
                fails("loc", "normal", Map.of("loc", List.of(1.0, 2.0), "scale", 1.0)).getMessage());
        assertEquals("parameter 'loc' must be an array of numbers, got a matrix of 2 rows",
                fails("loc", "diag_normal", Map.of("loc", new double[][] {{0}, {1}}, "scale", new double[] {1}))
                        .getMessage());
        assertEquals("parameter 'loc' must be an array of numbers, got a matrix of 1 row",
                fails("loc", "diag_normal", Map.of("loc", List.of(List.of(0.0)), "scale", new double[] {1}))
                        .getMessage());
        assertEquals("parameter 'scale' must be a number, got the text \"one\"",
                fails("scale", "normal", Map.of("loc", 0.0, "scale", "one")).getMessage());
        assertEquals("parameter 'covariance' must be a matrix of numbers, got the number 1.0",
                fails("covariance", "mvn", Map.of("loc", new double[] {0}, "covariance", 1.0)).getMessage());
        assertEquals("parameter 'scale' must be a number, got the boolean true",
                fails("scale", "normal", Map.of("loc", 0.0, "scale", true)).getMessage());
    }
}
