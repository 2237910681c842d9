package dev.kl4j.core.distribution;

import dev.kl4j.core.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a distribution from a family name and a parameter map, for the command line and config files.
 *
 * <table>
 *   <caption>Names and parameters</caption>
 *   <tr><th>name</th><th>parameters</th></tr>
 *   <tr><td>normal</td><td>loc, scale</td></tr>
 *   <tr><td>diag_normal</td><td>loc[], scale[]</td></tr>
 *   <tr><td>mvn</td><td>loc[], covariance[][]</td></tr>
 *   <tr><td>categorical</td><td>probs[] or logits[]</td></tr>
 *   <tr><td>bernoulli</td><td>probs or logits</td></tr>
 *   <tr><td>poisson</td><td>rate</td></tr>
 *   <tr><td>exponential</td><td>rate</td></tr>
 *   <tr><td>gamma</td><td>concentration, rate</td></tr>
 *   <tr><td>beta</td><td>concentration1, concentration0</td></tr>
 *   <tr><td>dirichlet</td><td>concentration[]</td></tr>
 *   <tr><td>laplace</td><td>loc, scale</td></tr>
 *   <tr><td>uniform</td><td>low, high</td></tr>
 * </table>
 *
 * <p>Scalars may be any {@link Number}; vectors {@code double[]} or a {@code List} of numbers; matrices
 * {@code double[][]} or a {@code List} of such lists (as a JSON parser produces). An unknown name, a
 * missing, extra or wrongly typed parameter throws {@link InvalidArgumentException} naming it.
 */
public final class Distributions {
    /** The family names accepted by {@link #create}, in the order of the table above. */
    public static final List<String> NAMES = List.of("normal", "diag_normal", "mvn", "categorical", "bernoulli",
            "poisson", "exponential", "gamma", "beta", "dirichlet", "laplace", "uniform");

    private Distributions() {
    }

    /**
     * @param name   a family name from {@link #NAMES}
     * @param params parameter name → value
     * @return the validated distribution
     */
    public static Distribution create(String name, Map<String, Object> params) {
        if (params == null) {
            params = Map.of();
        }
        Params p = new Params(params);
        if (name == null) {
            throw new InvalidArgumentException("name", "distribution name is missing; expected one of " + NAMES);
        }
        Distribution d = switch (name) {
            case "normal" -> new Normal(p.scalar("loc"), p.scalar("scale"));
            case "diag_normal" -> new DiagNormal(p.vector("loc"), p.vector("scale"));
            case "mvn" -> new MultivariateNormal(p.vector("loc"), p.matrix("covariance"));
            case "categorical" -> p.oneOf("probs", "logits").equals("probs")
                    ? Categorical.ofProbs(p.vector("probs")) : Categorical.ofLogits(p.vector("logits"));
            case "bernoulli" -> p.oneOf("probs", "logits").equals("probs")
                    ? Bernoulli.ofProbs(p.scalar("probs")) : Bernoulli.ofLogits(p.scalar("logits"));
            case "poisson" -> new Poisson(p.scalar("rate"));
            case "exponential" -> new Exponential(p.scalar("rate"));
            case "gamma" -> new Gamma(p.scalar("concentration"), p.scalar("rate"));
            case "beta" -> new Beta(p.scalar("concentration1"), p.scalar("concentration0"));
            case "dirichlet" -> new Dirichlet(p.vector("concentration"));
            case "laplace" -> new Laplace(p.scalar("loc"), p.scalar("scale"));
            case "uniform" -> new Uniform(p.scalar("low"), p.scalar("high"));
            default -> throw new InvalidArgumentException("name", "unknown distribution name '" + name
                    + "'; expected one of " + NAMES);
        };
        p.rejectUnused(name);
        return d;
    }

    /** Typed access to the parameter map that remembers which names were read. */
    private static final class Params {
        private final Map<String, Object> values;
        private final Set<String> used = new TreeSet<>();

        Params(Map<String, Object> values) {
            this.values = values;
        }

        private Object get(String key) {
            used.add(key);
            Object v = values.get(key);
            if (v == null) {
                throw new InvalidArgumentException(key, "missing parameter '" + key + "'");
            }
            return v;
        }

        String oneOf(String a, String b) {
            boolean hasA = values.get(a) != null;
            boolean hasB = values.get(b) != null;
            if (hasA == hasB) {
                throw new InvalidArgumentException(hasA ? b : a, hasA ? "give either '" + a + "' or '" + b + "', not both"
                        : "missing parameter: give '" + a + "' or '" + b + "'");
            }
            return hasA ? a : b;
        }

        double scalar(String key) {
            Object v = get(key);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw wrongType(key, v, "a number");
        }

        double[] vector(String key) {
            Object v = get(key);
            double[] out = toVector(v);
            if (out == null) {
                throw wrongType(key, v, "an array of numbers");
            }
            return out;
        }

        double[][] matrix(String key) {
            Object v = get(key);
            if (v instanceof double[][] m) {
                return m;
            }
            if (v instanceof List<?> rows) {
                double[][] m = new double[rows.size()][];
                for (int i = 0; i < m.length; i++) {
                    m[i] = toVector(rows.get(i));
                    if (m[i] == null) {
                        throw wrongType(key, v, "a matrix of numbers");
                    }
                }
                return m;
            }
            throw wrongType(key, v, "a matrix of numbers");
        }

        private static double[] toVector(Object v) {
            if (v instanceof double[] a) {
                return a;
            }
            if (v instanceof List<?> list) {
                double[] a = new double[list.size()];
                for (int i = 0; i < a.length; i++) {
                    if (!(list.get(i) instanceof Number n)) {
                        return null;
                    }
                    a[i] = n.doubleValue();
                }
                return a;
            }
            return null;
        }

        private static InvalidArgumentException wrongType(String key, Object v, String expected) {
            return new InvalidArgumentException(key, "parameter '" + key + "' must be " + expected + ", got "
                    + describe(v));
        }

        /** What a parameter value is, in the words of the JSON a user wrote, not Java type names. */
        static String describe(Object v) {
            if (v instanceof Number n) {
                return "the number " + n;
            }
            if (v instanceof double[] a) {
                return "an array of " + count(a.length, "number");
            }
            if (v instanceof double[][] m) {
                return "a matrix of " + count(m.length, "row");
            }
            if (v instanceof List<?> list) {
                if (!list.isEmpty() && list.stream().allMatch(e -> e instanceof List<?>)) {
                    return "a matrix of " + count(list.size(), "row");
                }
                if (list.stream().allMatch(e -> e instanceof Number)) {
                    return "an array of " + count(list.size(), "number");
                }
                return "an array of " + count(list.size(), "entry") + " that are not all numbers";
            }
            if (v instanceof CharSequence text) {
                return "the text \"" + text + "\"";
            }
            if (v instanceof Boolean b) {
                return "the boolean " + b;
            }
            if (v instanceof Map<?, ?>) {
                return "an object";
            }
            return "a value that is not a number, an array or a matrix";
        }

        private static String count(int n, String noun) {
            if (n == 1) {
                return "1 " + noun;
            }
            return n + " " + (noun.equals("entry") ? "entries" : noun + "s");
        }

        void rejectUnused(String name) {
            for (String key : new TreeSet<>(values.keySet())) {
                if (!used.contains(key)) {
                    throw new InvalidArgumentException(key, "unknown parameter '" + key + "' for " + name);
                }
            }
        }
    }
}
