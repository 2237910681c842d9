package dev.kl4j.core.distribution;

import dev.kl4j.core.InvalidArgumentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The product of independent univariate distributions, one per coordinate (PyTorch's
 * {@code Independent(base_dist, 1)} over a batch of univariate distributions; the coordinates may even
 * belong to different families).
 * <pre>
 *   ln p(x) = Σ_i ln p_i(x_i)        H = Σ_i H_i        mean, variance: those of the coordinates
 * </pre>
 * KL between two of equal length is the sum of the coordinates' KLs (the registry's
 * {@code (Independent, Independent)} rule). {@code diag_normal} remains its own family for the Gaussian
 * case. {@link #fromParameters} builds it from {@code base_dist} and one array per parameter.
 */
public final class Independent implements Distribution {
    /** Built-in families whose outcomes are vectors, which cannot be coordinates. */
    private static final Set<String> MULTIVARIATE = Set.of("diag_normal", "mvn", "dirichlet", "one_hot_categorical",
            "low_rank_mvn", "independent");

    private final List<Distribution> components;

    private Independent(List<Distribution> components) {
        this.components = components;
    }

    /**
     * Returns their product.
     *
     * @param components the coordinates' distributions, each univariate (event size 1), at least one
     * @return their product
     */
    public static Independent of(List<? extends Distribution> components) {
        if (components == null || components.isEmpty()) {
            throw new InvalidArgumentException("components", "components must hold at least one distribution");
        }
        for (int i = 0; i < components.size(); i++) {
            Distribution d = components.get(i);
            if (d == null || d.eventSize() != 1) {
                throw new InvalidArgumentException("components", "components[" + i + "] must be a univariate distribution, got "
                        + (d == null ? "null" : d.name() + " of event size " + d.eventSize()));
            }
        }
        return new Independent(List.copyOf(components));
    }

    /**
     * Returns the product of the given univariate distributions.
     *
     * @param components the coordinates' distributions, each univariate (event size 1), at least one
     * @return the product of the given univariate distributions
     */
    public static Independent of(Distribution... components) {
        return of(List.of(components));
    }

    /**
     * Builds {@code {"base_dist": "gamma", "concentration": [..], "rate": [..]}}: coordinate i has the
     * i-th entry of every array as its parameter. An error in coordinate i names the parameter with its
     * index, e.g. {@code rate[1]}.
     *
     * @param params base_dist (a univariate family name of {@link Distributions#names()}) and one array
     *               of equal length per parameter of that family
     * @return the product distribution
     */
    public static Independent fromParameters(Parameters params) {
        String base = params.text("base_dist");
        if (MULTIVARIATE.contains(base)) {
            throw new InvalidArgumentException("base_dist", "base_dist '" + base + "' is not a univariate family");
        }
        List<String> names = params.names().stream().filter(n -> !n.equals("base_dist")).toList();
        if (names.isEmpty()) {
            throw new InvalidArgumentException("base_dist", "independent needs the parameters of '" + base
                    + "' as arrays, one entry per coordinate");
        }
        Map<String, double[]> arrays = new LinkedHashMap<>();
        int length = -1;
        String first = null;
        for (String n : names) {
            double[] v = params.vector(n);
            if (length >= 0 && v.length != length) {
                throw new InvalidArgumentException(n, n + " has length " + v.length + " but " + first + " has length " + length);
            }
            if (v.length == 0) {
                throw new InvalidArgumentException(n, n + " must be a non-empty array");
            }
            length = v.length;
            first = first == null ? n : first;
            arrays.put(n, v);
        }
        Distribution[] components = new Distribution[length];
        for (int i = 0; i < length; i++) {
            Map<String, Object> one = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : arrays.entrySet()) {
                one.put(e.getKey(), e.getValue()[i]);
            }
            try {
                components[i] = Distributions.create(base, one);
            } catch (InvalidArgumentException e) {
                if (e.argument().equals("name")) {
                    throw new InvalidArgumentException("base_dist", "base_dist: " + e.getMessage());
                }
                String indexed = e.argument() + "[" + i + "]";
                String message = e.getMessage().startsWith(e.argument() + " ")
                        ? indexed + e.getMessage().substring(e.argument().length()) : indexed + ": " + e.getMessage();
                throw new InvalidArgumentException(indexed, message);
            }
            if (components[i].eventSize() != 1) {
                throw new InvalidArgumentException("base_dist", "base_dist '" + base + "' is not univariate");
            }
        }
        return of(components);
    }

    /** {@return the coordinates' distributions (unmodifiable)} */
    public List<Distribution> components() {
        return components;
    }

    @Override
    public String name() {
        return "independent";
    }

    @Override
    public int eventSize() {
        return components.size();
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, components.size());
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += components.get(i).logProb(new double[] {x[i]});
        }
        return s;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        double[] x = new double[components.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = components.get(i).sample(rng)[0];
        }
        return x;
    }

    @Override
    public double entropy() {
        double h = 0;
        for (Distribution d : components) {
            h += d.entropy();
        }
        return h;
    }

    @Override
    public double[] mean() {
        return components.stream().mapToDouble(d -> d.mean()[0]).toArray();
    }

    @Override
    public double[] variance() {
        return components.stream().mapToDouble(d -> d.variance()[0]).toArray();
    }

    @Override
    public String toString() {
        return "Independent(" + components + ")";
    }
}
