package dev.kl4j.core.distribution;

import dev.kl4j.core.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to a parameter map (as a JSON parser or a config file produces) that remembers which
 * names were read, so that {@link #rejectUnused} can name a parameter nobody asked for. Scalars may be any
 * {@link Number}; vectors {@code double[]} or a {@code List} of numbers; matrices {@code double[][]} or a
 * {@code List} of such lists. Every failure is an {@link InvalidArgumentException} naming the parameter and
 * describing the value in the words of the JSON a user wrote.
 */
public final class Parameters {
    private final Map<String, Object> values;
    private final Set<String> used = new TreeSet<>();

    /**
     * Wraps a parameter map (null reads as empty); nothing is checked until a value is asked for.
     *
     * @param values parameter name → value (numbers, arrays, lists, matrices, text)
     */
    public Parameters(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    private Object get(String key) {
        used.add(key);
        Object v = values.get(key);
        if (v == null) {
            throw new InvalidArgumentException(key, "missing parameter '" + key + "'");
        }
        return v;
    }

    /**
     * {@return whichever of the two is given}
     *
     * @param a one parameter name
     * @param b the alternative
     * @throws InvalidArgumentException when both or neither are given
     */
    public String oneOf(String a, String b) {
        boolean hasA = values.get(a) != null;
        boolean hasB = values.get(b) != null;
        if (hasA == hasB) {
            throw new InvalidArgumentException(hasA ? b : a, hasA ? "give either '" + a + "' or '" + b + "', not both"
                    : "missing parameter: give '" + a + "' or '" + b + "'");
        }
        return hasA ? a : b;
    }

    /**
     * {@return the text given for it (e.g. a family name)}
     *
     * @param key the parameter name
     * @throws InvalidArgumentException naming {@code key} when it is missing or not text
     */
    public String text(String key) {
        Object v = get(key);
        if (v instanceof CharSequence t) {
            return t.toString();
        }
        throw wrongType(key, v, "a text");
    }

    /**
     * {@return whether a value is given for it (without marking it as read)}
     *
     * @param key the parameter name
     */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** {@return the parameter names given, in their order} */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * {@return the number given for it}
     *
     * @param key the parameter name
     * @throws InvalidArgumentException naming {@code key} when it is missing or not a number
     */
    public double scalar(String key) {
        Object v = get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(key, v, "a number");
    }

    /**
     * {@return the array of numbers given for it}
     *
     * @param key the parameter name
     * @throws InvalidArgumentException naming {@code key} when it is missing or not an array of numbers
     */
    public double[] vector(String key) {
        Object v = get(key);
        double[] out = toVector(v);
        if (out == null) {
            throw wrongType(key, v, "an array of numbers");
        }
        return out;
    }

    /**
     * {@return the matrix given for it (rows of numbers)}
     *
     * @param key the parameter name
     * @throws InvalidArgumentException naming {@code key} when it is missing or not a matrix
     */
    public double[][] matrix(String key) {
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

    /**
     * Refuses parameters that were given but never read by the family (a misspelt or foreign name).
     *
     * @param name the family name, for the message
     * @throws InvalidArgumentException naming the first parameter that no accessor read
     */
    public void rejectUnused(String name) {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!used.contains(key)) {
                throw new InvalidArgumentException(key, "unknown parameter '" + key + "' for " + name);
            }
        }
    }
}
