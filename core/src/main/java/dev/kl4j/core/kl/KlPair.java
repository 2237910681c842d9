package dev.kl4j.core.kl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method {@code double f(P p, Q q)} as the closed form of KL(p ‖ q) for the pair of types
 * (P, Q), the way PyTorch's {@code @register_kl(P, Q)} decorator sits above each function in
 * {@code torch/distributions/kl.py}: the formula and its registration are read, and added, in one place.
 * {@link KlRegistry#registerAnnotated(java.lang.invoke.MethodHandles.Lookup)} collects the marked methods
 * of a class.
 *
 * <p>A method that needs KL between parts of p and q (an {@code Independent}'s coordinates, a
 * {@code Transformed}'s bases) may take a third parameter {@code KlRegistry}: it receives the registry that
 * dispatched the call, so the parts are looked up in the same table.
 *
 * <p>Without arguments the pair is the method's parameter types. With {@code p} and/or {@code q} the
 * method is registered for those (sub)types instead; the annotation repeats, so one method can serve
 * several pairs, e.g. the +∞ pairs whose p has mass outside q's support:
 * <pre>{@code
 *   @KlPair
 *   static double gumbelGumbel(Gumbel p, Gumbel q) { ... }
 *
 *   @KlPair(p = Normal.class, q = Pareto.class)
 *   @KlPair(p = Laplace.class, q = Pareto.class)
 *   static double infinite(Distribution p, Distribution q) { return Double.POSITIVE_INFINITY; }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(KlPair.List.class)
public @interface KlPair {
    /** {@return the type of p; {@code void.class} (the default) means the method's first parameter type} */
    Class<?> p() default void.class;

    /** {@return the type of q; {@code void.class} (the default) means the method's second parameter type} */
    Class<?> q() default void.class;

    /** The container of repeated {@link KlPair} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        /** {@return the repeated annotations} */
        KlPair[] value();
    }
}
