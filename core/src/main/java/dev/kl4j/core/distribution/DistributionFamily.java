package dev.kl4j.core.distribution;

/**
 * A family that {@link Distributions#create} builds by name, added from outside kl4j through
 * {@link java.util.ServiceLoader}: list the implementing class (public, with a public no-argument
 * constructor) in {@code META-INF/services/dev.kl4j.core.distribution.DistributionFamily} of your jar and
 * put the jar on the class path (for {@code ./kl4j}: the {@code KL4J_CLASSPATH} environment variable).
 * Then {@code Distributions.create("your_name", params)} and {@code kl4j eval}'s
 * {@code {"dist": "your_name", ...}} build it.
 *
 * <p>A name that a built-in family or another provider already uses is an error naming both, raised when
 * that name is asked for; names of other families keep working.
 */
public interface DistributionFamily {
    /** {@return the name {@link Distributions#create} accepts, e.g. {@code "shifted_exponential"}} */
    String name();

    /**
     * Builds one distribution; read each parameter from {@code params} (which names any missing or
     * wrongly typed one) and validate it in the constructor. {@link Distributions#create} rejects
     * parameters that this method did not read.
     *
     * @param params the parameters given
     * @return the validated distribution
     */
    Distribution create(Parameters params);
}
