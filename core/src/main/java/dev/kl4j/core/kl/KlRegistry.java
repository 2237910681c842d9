package dev.kl4j.core.kl;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.Distribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.Collectors;

/**
 * A table of closed-form KL divergences keyed by (type of p, type of q), with PyTorch's dispatch rule
 * ({@code torch.distributions.kl._dispatch_kl}).
 *
 * <p><b>Dispatch.</b> A registered pair (A, B) matches (p, q) when p is an A and q is a B (classes or
 * interfaces, e.g. {@code Distribution} itself). Among the matches kl4j picks the one that is at least as
 * specific as every other match on both sides: A' ⊑ A and B' ⊑ B for every other match (A, B). With single
 * inheritance this is exactly the case where PyTorch's left- and right-lexicographic choices agree. If no
 * match exists the call throws {@link NoClosedFormException}; if several matches are minimal (say
 * (Base, Derived) and (Derived, Base)) the call throws {@link IllegalStateException} naming them, and the
 * fix is to register the more specific pair, as PyTorch's warning suggests. Resolutions are memoised per
 * pair of runtime classes and the memo is cleared on every {@link #register}.
 *
 * <p>{@link #standard()} is a shared, read-only registry with the 48 pairs of {@code StandardPairs};
 * {@link #withStandardPairs()} returns a private copy you may extend, {@link #empty()} an empty one.
 * Registries are thread-safe.
 */
public final class KlRegistry {
    private static final KlRegistry STANDARD = withStandardPairs().freeze();

    private final Map<TypePair, ToDoubleBiFunction<Distribution, Distribution>> table = new LinkedHashMap<>();
    private final Map<TypePair, Optional<TypePair>> memo = new ConcurrentHashMap<>();
    private boolean frozen;

    /**
     * A pair of distribution types.
     *
     * @param p the type of the first argument
     * @param q the type of the second argument
     */
    public record TypePair(Class<?> p, Class<?> q) {
        @Override
        public String toString() {
            return "(" + p.getSimpleName() + ", " + q.getSimpleName() + ")";
        }

        /** @return whether this pair is at least as specific as {@code other} on both sides */
        boolean refines(TypePair other) {
            return other.p.isAssignableFrom(p) && other.q.isAssignableFrom(q);
        }
    }

    private KlRegistry() {
    }

    /** @return the shared read-only registry of standard closed forms */
    public static KlRegistry standard() {
        return STANDARD;
    }

    /** @return a new registry holding the standard pairs, which the caller may extend or override */
    public static KlRegistry withStandardPairs() {
        KlRegistry r = new KlRegistry();
        StandardPairs.registerAll(r);
        return r;
    }

    /** @return a new registry with no pairs */
    public static KlRegistry empty() {
        return new KlRegistry();
    }

    private KlRegistry freeze() {
        frozen = true;
        return this;
    }

    /**
     * Registers (or replaces) the closed form for p of type {@code pType} and q of type {@code qType}.
     *
     * @param pType the type of p; may be an interface or superclass
     * @param qType the type of q
     * @param kl    KL(p ‖ q)
     * @param <P>   type of p
     * @param <Q>   type of q
     * @throws UnsupportedOperationException on the shared {@link #standard()} registry
     */
    public synchronized <P extends Distribution, Q extends Distribution> void register(
            Class<P> pType, Class<Q> qType, ToDoubleBiFunction<P, Q> kl) {
        if (frozen) {
            throw new UnsupportedOperationException(
                    "the standard registry is read-only; use KlRegistry.withStandardPairs() to extend it");
        }
        table.put(new TypePair(pType, qType),
                (p, q) -> kl.applyAsDouble(pType.cast(p), qType.cast(q)));
        memo.clear();
    }

    /**
     * KL(p ‖ q) by the closed form of the most specific registered pair.
     *
     * @param p the first distribution
     * @param q the second distribution
     * @return KL(p ‖ q) in nats, possibly +∞
     * @throws NoClosedFormException when no registered pair matches
     * @throws IllegalStateException when the match is ambiguous
     */
    public double kl(Distribution p, Distribution q) {
        requireNonNull(p, q);
        TypePair match = resolve(p.getClass(), q.getClass())
                .orElseThrow(() -> new NoClosedFormException(p.getClass(), q.getClass()));
        ToDoubleBiFunction<Distribution, Distribution> f;
        synchronized (this) {
            f = table.get(match);
        }
        return f.applyAsDouble(p, q);
    }

    /**
     * @param p the first distribution
     * @param q the second distribution
     * @return whether {@link #kl} finds a registered pair (it may still report an ambiguity)
     */
    public boolean hasClosedForm(Distribution p, Distribution q) {
        requireNonNull(p, q);
        return !matches(p.getClass(), q.getClass()).isEmpty();
    }

    /**
     * @param pType runtime class of p
     * @param qType runtime class of q
     * @return the registered pair that {@link #kl} would use, or empty when none matches
     * @throws IllegalStateException when the match is ambiguous
     */
    public Optional<TypePair> resolve(Class<?> pType, Class<?> qType) {
        TypePair key = new TypePair(pType, qType);
        Optional<TypePair> known = memo.get(key);
        if (known == null) {
            synchronized (this) { // no register() between the dispatch and the memo entry
                known = memo.get(key);
                if (known == null) {
                    known = dispatch(key);
                    memo.put(key, known);
                }
            }
        }
        return known;
    }

    /** @return the registered pairs in registration order */
    public synchronized List<TypePair> registeredPairs() {
        return List.copyOf(table.keySet());
    }

    private static void requireNonNull(Distribution p, Distribution q) {
        if (p == null || q == null) {
            String name = p == null ? "p" : "q";
            throw new InvalidArgumentException(name, name + " is null");
        }
    }

    private Optional<TypePair> dispatch(TypePair actual) {
        List<TypePair> candidates = matches(actual.p(), actual.q());
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        for (TypePair c : candidates) {
            if (candidates.stream().allMatch(c::refines)) {
                return Optional.of(c);
            }
        }
        List<TypePair> minimal = candidates.stream()
                .filter(c -> candidates.stream().noneMatch(o -> o != c && o.refines(c)))
                .collect(Collectors.toList());
        throw new IllegalStateException("ambiguous KL(" + actual.p().getSimpleName() + " \u2016 "
                + actual.q().getSimpleName() + "): candidates " + minimal + " are equally specific; register ("
                + actual.p().getSimpleName() + ", " + actual.q().getSimpleName() + ") to break the tie");
    }

    private synchronized List<TypePair> matches(Class<?> pType, Class<?> qType) {
        List<TypePair> out = new ArrayList<>();
        for (TypePair t : table.keySet()) {
            if (t.p().isAssignableFrom(pType) && t.q().isAssignableFrom(qType)) {
                out.add(t);
            }
        }
        return out;
    }
}
