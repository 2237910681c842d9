package dev.kl4j.core.distribution;

import java.util.random.RandomGenerator;

/**
 * A probability distribution over vectors of fixed length {@link #eventSize()} (1 for the univariate
 * families). Scalars are passed and returned as arrays of length one, so that all families share one
 * interface and one KL registry.
 *
 * <p>Implementations are immutable and validate their parameters on construction. Each family's class
 * Javadoc gives its log-density, entropy, moments and sampling method as formulas, and names its
 * counterpart in PyTorch's {@code torch.distributions}, whose parameter names and support conventions
 * kl4j follows (see the {@linkplain dev.kl4j.core.distribution package} description).
 */
public interface Distribution {

    /** {@return the family name as {@link Distributions#create} spells it, e.g. {@code "normal"}} */
    String name();

    /** {@return the length of one outcome vector: 1 for univariate families, the dimension otherwise} */
    int eventSize();

    /**
     * The log-density (continuous families) or log-mass (discrete families) at {@code x}, in nats, as
     * PyTorch's {@code log_prob}; the formula is in the implementing family's class Javadoc.
     *
     * @param x one outcome of length {@link #eventSize()}
     * @return ln p(x); −∞ when {@code x} lies outside the support
     * @throws dev.kl4j.core.InvalidArgumentException naming {@code "x"} when its length is wrong or it
     *         contains NaN
     */
    double logProb(double[] x);

    /**
     * Draws one outcome, by the method the implementing family's class Javadoc names (same rng state, same
     * outcome).
     *
     * @param rng the only source of randomness
     * @return a fresh array of length {@link #eventSize()}
     */
    double[] sample(RandomGenerator rng);

    /**
     * {@return the (differential) entropy −E[ln p(X)] in nats, with 0 ln 0 = 0; the closed form (or the
     * summation, for families without one) is in the implementing family's class Javadoc}
     */
    double entropy();

    /**
     * {@return E[X], one entry per event coordinate (+∞ or NaN where the family's class Javadoc says the
     * mean is infinite or undefined)}
     */
    double[] mean();

    /** {@return Var[X] per coordinate (the diagonal of the covariance for multivariate families)} */
    double[] variance();
}
