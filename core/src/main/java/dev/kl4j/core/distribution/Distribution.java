package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * A probability distribution over vectors of fixed length {@link #eventSize()} (1 for the univariate
 * families). Scalars are passed and returned as arrays of length one, so that all families share one
 * interface and one KL registry.
 *
 * <p>Implementations are immutable and validate their parameters on construction.
 */
public interface Distribution {

    /** {@return the family name as {@link Distributions#create} spells it, e.g. {@code "normal"}} */
    String name();

    /** {@return the length of one outcome vector: 1 for univariate families, the dimension otherwise} */
    int eventSize();

    /**
     * The log-density (continuous families) or log-mass (discrete families) at {@code x}.
     *
     * @param x one outcome of length {@link #eventSize()}
     * @return ln p(x); −∞ when {@code x} lies outside the support
     * @throws dev.kl4j.core.InvalidArgumentException naming {@code "x"} when its length is wrong or it
     *         contains NaN
     */
    double logProb(double[] x);

    /**
     * Draws one outcome.
     *
     * @param rng the only source of randomness
     * @return a fresh array of length {@link #eventSize()}
     */
    double[] sample(RandomGenerator rng);

    /** {@return the (differential) entropy −E[ln p(X)] in nats} */
    double entropy();

    /** {@return E[X], one entry per event coordinate} */
    double[] mean();

    /** {@return Var[X] per coordinate (the diagonal of the covariance for multivariate families)} */
    double[] variance();
}
