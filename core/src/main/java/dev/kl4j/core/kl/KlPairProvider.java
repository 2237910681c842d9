package dev.kl4j.core.kl;

/**
 * A service that adds closed-form pairs to the {@linkplain KlRegistry#standard() standard registry}, found
 * through {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/dev.kl4j.core.kl.KlPairProvider} of your jar, put the jar on the class path
 * (for {@code ./kl4j}: the {@code KL4J_CLASSPATH} environment variable), and {@link Kl#kl} and
 * {@code kl4j eval} use your pairs.
 *
 * <p>A typical provider keeps its formulas next to their {@link KlPair} annotations and registers them in
 * one line:
 * <pre>{@code
 *   public final class MyPairs implements KlPairProvider {
 *       public void registerPairs(KlRegistry registry) {
 *           registry.registerAnnotated(MethodHandles.lookup());
 *       }
 *       @KlPair
 *       static double shiftedShifted(ShiftedExponential p, ShiftedExponential q) { ... }
 *   }
 * }</pre>
 * A provider may add pairs for new types and pairs that refine the standard ones (a more specific
 * subtype). Registering a pair of types that the standard pairs or another provider already registered
 * does not replace it: the pair then has two candidates and {@link KlRegistry#kl} throws an
 * {@link IllegalStateException} naming both, so a jar on the class path never silently changes an
 * answer.
 */
public interface KlPairProvider {
    /**
     * Adds this provider's pairs.
     *
     * @param registry the registry being assembled; call its {@code register...} methods
     */
    void registerPairs(KlRegistry registry);
}
