package dev.kl4j.core.distribution;

import dev.kl4j.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

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
 *   <tr><td>binomial</td><td>total_count, probs or logits</td></tr>
 *   <tr><td>geometric</td><td>probs or logits</td></tr>
 *   <tr><td>one_hot_categorical</td><td>probs[] or logits[]</td></tr>
 *   <tr><td>half_normal</td><td>scale</td></tr>
 *   <tr><td>log_normal</td><td>loc, scale (of ln X)</td></tr>
 *   <tr><td>gumbel</td><td>loc, scale</td></tr>
 *   <tr><td>pareto</td><td>scale, alpha</td></tr>
 *   <tr><td>continuous_bernoulli</td><td>probs or logits</td></tr>
 *   <tr><td>low_rank_mvn</td><td>loc[], cov_factor[][] (n × r), cov_diag[]</td></tr>
 *   <tr><td>independent</td><td>base_dist (a univariate name), then that family's parameters as
 *       arrays, one entry per coordinate</td></tr>
 *   <tr><td>cauchy</td><td>loc, scale</td></tr>
 *   <tr><td>weibull</td><td>scale, concentration</td></tr>
 *   <tr><td>inverse_gamma</td><td>concentration, rate</td></tr>
 *   <tr><td>von_mises</td><td>loc, concentration</td></tr>
 * </table>
 *
 * <p>Scalars may be any {@link Number}; vectors {@code double[]} or a {@code List} of numbers; matrices
 * {@code double[][]} or a {@code List} of such lists (as a JSON parser produces). An unknown name, a
 * missing, extra or wrongly typed parameter throws {@link InvalidArgumentException} naming it. Other
 * names come from {@link DistributionFamily} services on the class path.
 */
public final class Distributions {
    /** The family names accepted by {@link #create}, in the order of the table above. */
    public static final List<String> NAMES = List.of("normal", "diag_normal", "mvn", "categorical", "bernoulli",
            "poisson", "exponential", "gamma", "beta", "dirichlet", "laplace", "uniform", "binomial", "geometric",
            "one_hot_categorical", "half_normal", "log_normal", "gumbel", "pareto", "continuous_bernoulli",
            "low_rank_mvn", "independent", "cauchy", "weibull", "inverse_gamma", "von_mises");

    /** Families found through {@link ServiceLoader}, by name; loaded on first use. */
    private static volatile Map<String, List<DistributionFamily>> extensions;

    private Distributions() {
    }

    /** {@return the built-in {@link #NAMES} followed by the names of the {@link DistributionFamily} services} */
    public static List<String> names() {
        List<String> all = new ArrayList<>(NAMES);
        for (String n : extensions().keySet()) {
            if (!all.contains(n)) {
                all.add(n);
            }
        }
        return List.copyOf(all);
    }

    private static Optional<DistributionFamily> extension(String name) {
        List<DistributionFamily> found = extensions().get(name);
        if (found == null) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            throw new IllegalStateException("distribution name '" + name + "' is provided by "
                    + found.stream().map(f -> f.getClass().getName()).collect(Collectors.toList())
                    + "; remove one of them from the class path");
        }
        return Optional.of(found.get(0));
    }

    private static Map<String, List<DistributionFamily>> extensions() {
        Map<String, List<DistributionFamily>> e = extensions;
        if (e == null) {
            synchronized (Distributions.class) {
                e = extensions;
                if (e == null) {
                    e = new LinkedHashMap<>();
                    ClassLoader loader = Thread.currentThread().getContextClassLoader();
                    try {
                        for (DistributionFamily f : ServiceLoader.load(DistributionFamily.class,
                                loader != null ? loader : Distributions.class.getClassLoader())) {
                            e.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
                        }
                    } catch (ServiceConfigurationError err) {
                        throw new IllegalStateException("cannot load a distribution family: " + err.getMessage(), err);
                    }
                    extensions = e;
                }
            }
        }
        return e;
    }

    /**
     * {@return the validated distribution}
     *
     * @param name   a family name from {@link #names()}
     * @param params parameter name → value
     */
    public static Distribution create(String name, Map<String, Object> params) {
        if (params == null) {
            params = Map.of();
        }
        Parameters p = new Parameters(params);
        if (name == null) {
            throw new InvalidArgumentException("name", "distribution name is missing; expected one of " + names());
        }
        if (NAMES.contains(name) && extensions().containsKey(name)) {
            throw new IllegalStateException("distribution name '" + name + "' is built in and also provided by "
                    + extensions().get(name).stream().map(f -> f.getClass().getName()).collect(Collectors.toList()));
        }
        Distribution d = switch (name) {
            case "binomial" -> p.oneOf("probs", "logits").equals("probs")
                    ? Binomial.ofProbs(p.scalar("total_count"), p.scalar("probs"))
                    : Binomial.ofLogits(p.scalar("total_count"), p.scalar("logits"));
            case "geometric" -> p.oneOf("probs", "logits").equals("probs")
                    ? Geometric.ofProbs(p.scalar("probs")) : Geometric.ofLogits(p.scalar("logits"));
            case "one_hot_categorical" -> p.oneOf("probs", "logits").equals("probs")
                    ? OneHotCategorical.ofProbs(p.vector("probs")) : OneHotCategorical.ofLogits(p.vector("logits"));
            case "half_normal" -> new HalfNormal(p.scalar("scale"));
            case "log_normal" -> new LogNormal(p.scalar("loc"), p.scalar("scale"));
            case "gumbel" -> new Gumbel(p.scalar("loc"), p.scalar("scale"));
            case "pareto" -> new Pareto(p.scalar("scale"), p.scalar("alpha"));
            case "continuous_bernoulli" -> p.oneOf("probs", "logits").equals("probs")
                    ? ContinuousBernoulli.ofProbs(p.scalar("probs")) : ContinuousBernoulli.ofLogits(p.scalar("logits"));
            case "low_rank_mvn" -> new LowRankMultivariateNormal(p.vector("loc"), p.matrix("cov_factor"),
                    p.vector("cov_diag"));
            case "independent" -> Independent.fromParameters(p);
            case "cauchy" -> new Cauchy(p.scalar("loc"), p.scalar("scale"));
            case "weibull" -> new Weibull(p.scalar("scale"), p.scalar("concentration"));
            case "inverse_gamma" -> new InverseGamma(p.scalar("concentration"), p.scalar("rate"));
            case "von_mises" -> new VonMises(p.scalar("loc"), p.scalar("concentration"));
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
            default -> extension(name).orElseThrow(() -> new InvalidArgumentException("name",
                    "unknown distribution name '" + name + "'; expected one of " + names())).create(p);
        };
        p.rejectUnused(name);
        return d;
    }
}
