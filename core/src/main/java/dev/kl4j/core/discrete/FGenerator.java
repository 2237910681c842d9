package dev.kl4j.core.discrete;

import java.util.function.DoubleUnaryOperator;

/**
 * The convex generator f of an f-divergence D_f(P‖Q) = Σ_i q_i f(p_i / q_i), with f(1) = 0.
 *
 * <p>Terms where q_i = 0 need a convention. For p_i = q_i = 0 the term is 0. For p_i &gt; 0 = q_i the
 * term is the limit q f(p/q) as q → 0, which is p · f'(∞) with f'(∞) = lim_{t→∞} f(t)/t: that is
 * {@link #slopeAtInfinity()} (Liese &amp; Vajda's convention; +∞ makes the divergence infinite). Where
 * p_i = 0 &lt; q_i the term is q_i f(0), so {@link #f(double)} must return its limit at t = 0.
 *
 * <p>The constants reproduce the named measures of {@link DiscreteDivergences}:
 * <table>
 *   <caption>Generators</caption>
 *   <tr><th>constant</th><th>f(t)</th><th>f'(∞)</th><th>D_f equals</th></tr>
 *   <tr><td>{@link #KL}</td><td>t ln t</td><td>+∞</td><td>kl(p, q)</td></tr>
 *   <tr><td>{@link #REVERSE_KL}</td><td>−ln t</td><td>0</td><td>kl(q, p)</td></tr>
 *   <tr><td>{@link #TOTAL_VARIATION}</td><td>½|t − 1|</td><td>½</td><td>tv(p, q)</td></tr>
 *   <tr><td>{@link #PEARSON_CHI2}</td><td>(t − 1)²</td><td>+∞</td><td>chi2(p, q)</td></tr>
 *   <tr><td>{@link #SQUARED_HELLINGER}</td><td>(√t − 1)²</td><td>1</td>
 *       <td>Σ(√p − √q)² = 2 · hellinger(p, q)²</td></tr>
 *   <tr><td>{@link #JENSEN_SHANNON}</td><td>½[t ln t − (1 + t) ln((1 + t)/2)]</td><td>½ ln 2</td>
 *       <td>js(p, q) in nats</td></tr>
 * </table>
 */
public interface FGenerator {

    /**
     * {@return f(t); at t = 0 the limit f(0+) (which may be +∞)}
     *
     * @param t the likelihood ratio p/q, in [0, ∞)
     */
    double f(double t);

    /** {@return f'(∞) = lim_{t→∞} f(t)/t, possibly +∞} */
    double slopeAtInfinity();

    /** f(t) = t ln t: the Kullback–Leibler divergence KL(P‖Q). */
    FGenerator KL = of("KL", t -> t == 0.0 ? 0.0 : t * Math.log(t), Double.POSITIVE_INFINITY);

    /** f(t) = −ln t: the reverse divergence KL(Q‖P). */
    FGenerator REVERSE_KL = of("REVERSE_KL", t -> -Math.log(t), 0.0);

    /** f(t) = ½|t − 1|: total variation distance. */
    FGenerator TOTAL_VARIATION = of("TOTAL_VARIATION", t -> 0.5 * Math.abs(t - 1.0), 0.5);

    /** f(t) = (t − 1)²: Pearson's χ². */
    FGenerator PEARSON_CHI2 = of("PEARSON_CHI2", t -> (t - 1.0) * (t - 1.0), Double.POSITIVE_INFINITY);

    /** f(t) = (√t − 1)²: the squared Hellinger distance without the ½, Σ(√p − √q)². */
    FGenerator SQUARED_HELLINGER = of("SQUARED_HELLINGER", t -> {
        double d = Math.sqrt(t) - 1.0;
        return d * d;
    }, 1.0);

    /** f(t) = ½[t ln t − (1 + t) ln((1 + t)/2)]: the Jensen–Shannon divergence in nats. */
    FGenerator JENSEN_SHANNON = of("JENSEN_SHANNON", t -> {
        double tLnT = t == 0.0 ? 0.0 : t * Math.log(t);
        return 0.5 * (tLnT - (1.0 + t) * Math.log((1.0 + t) / 2.0));
    }, 0.5 * Math.log(2.0));

    /**
     * A generator from a function and its slope at infinity.
     *
     * @param name            shown by {@code toString()}
     * @param f               f(t) for t ≥ 0, returning the limit at t = 0
     * @param slopeAtInfinity lim_{t→∞} f(t)/t (may be +∞)
     * @return the generator
     */
    static FGenerator of(String name, DoubleUnaryOperator f, double slopeAtInfinity) {
        return new NamedGenerator(name, f, slopeAtInfinity);
    }
}
