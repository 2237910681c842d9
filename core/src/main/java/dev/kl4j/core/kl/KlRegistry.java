package dev.kl4j.core.kl;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.Distribution;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
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
 * (Base, Derived) and (Derived, Base)), or two providers registered the same pair, the call throws
 * {@link IllegalStateException} naming the candidates, and the fix is to register the more specific pair,
 * as PyTorch's warning suggests. Resolutions are memoised per pair of runtime classes and the memo is
 * cleared on every registration.
 *
 * <p><b>Registering.</b> {@link #registerAnnotated(MethodHandles.Lookup)} adds every static method of a
 * class marked {@link KlPair} (the formula and its registration in one place, as PyTorch's
 * {@code @register_kl}); {@link #register(Class, Class, ToDoubleBiFunction)} adds one function.
 *
 * <p><b>Registries.</b> {@link #standard()} is a shared, read-only registry with the built-in pairs (the
 * {@link KlPair} methods of the classes listed in {@code StandardPairs}) plus the pairs of every
 * {@link KlPairProvider} found by {@link ServiceLoader} on the class path. {@link #withStandardPairs()}
 * returns a private copy of the built-in pairs you may extend (and {@link #loadProviders(ClassLoader)}
 * into), {@link #empty()} an empty one. Registries are thread-safe.
 */
public final class KlRegistry {
    private static volatile KlRegistry standard;

    private final Map<TypePair, Registration> table = new LinkedHashMap<>();
    /** Pairs registered more than once by providers: the sources, which {@link #kl} reports. */
    private final Map<TypePair, List<String>> conflicts = new LinkedHashMap<>();
    private final Map<TypePair, Optional<TypePair>> memo = new ConcurrentHashMap<>();
    private boolean frozen;
    /** While a provider registers: its class name; duplicates are then conflicts, not replacements. */
    private String loadingProvider;

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

        /** {@return whether this pair is at least as specific as {@code other} on both sides} */
        boolean refines(TypePair other) {
            return other.p.isAssignableFrom(p) && other.q.isAssignableFrom(q);
        }
    }

    /**
     * One registered closed form.
     *
     * @param pair   the types it is registered for
     * @param source where the formula lives: {@code Class.method} for {@link KlPair} methods, else the
     *               registering provider or {@code "KlRegistry.register"}
     * @param kl     the function
     */
    public record Registration(TypePair pair, String source, ToDoubleBiFunction<Distribution, Distribution> kl) {
        @Override
        public String toString() {
            return pair + " " + source;
        }
    }

    private KlRegistry() {
    }

    /**
     * The shared read-only registry: the built-in pairs and those of every {@link KlPairProvider} on the
     * class path (the context class loader's, else kl4j's), loaded on first use.
     *
     * @return the standard registry
     * @throws IllegalStateException when a provider cannot be loaded or fails while registering
     */
    public static KlRegistry standard() {
        KlRegistry s = standard;
        if (s == null) {
            synchronized (KlRegistry.class) {
                s = standard;
                if (s == null) {
                    s = withStandardPairs();
                    ClassLoader loader = Thread.currentThread().getContextClassLoader();
                    s.loadProviders(loader != null ? loader : KlRegistry.class.getClassLoader());
                    s.frozen = true;
                    standard = s;
                }
            }
        }
        return s;
    }

    /** {@return a new registry holding the built-in pairs, which the caller may extend or override} */
    public static KlRegistry withStandardPairs() {
        KlRegistry r = new KlRegistry();
        StandardPairs.registerAll(r);
        return r;
    }

    /** {@return a new registry with no pairs} */
    public static KlRegistry empty() {
        return new KlRegistry();
    }

    /**
     * Adds the pairs of every {@link KlPairProvider} that {@link ServiceLoader} finds through
     * {@code loader}. A pair that is already registered is not replaced: it becomes ambiguous, and
     * {@link #kl} names the candidates.
     *
     * @param loader where to look for {@code META-INF/services/dev.kl4j.core.kl.KlPairProvider}
     * @return the providers' class names, in loading order
     * @throws IllegalStateException when a provider cannot be instantiated or fails
     */
    public synchronized List<String> loadProviders(ClassLoader loader) {
        requireWritable();
        List<String> loaded = new ArrayList<>();
        try {
            for (KlPairProvider provider : ServiceLoader.load(KlPairProvider.class, loader)) {
                String name = provider.getClass().getName();
                loadingProvider = name;
                try {
                    provider.registerPairs(this);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("KL pair provider " + name + " failed: " + e.getMessage(), e);
                } finally {
                    loadingProvider = null;
                }
                loaded.add(name);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load a KL pair provider: " + e.getMessage(), e);
        }
        return loaded;
    }

    /**
     * Registers (or, outside provider loading, replaces) the closed form for p of type {@code pType} and
     * q of type {@code qType}.
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
        add(new TypePair(pType, qType), loadingProvider != null ? loadingProvider : "KlRegistry.register",
                (p, q) -> kl.applyAsDouble(pType.cast(p), qType.cast(q)));
    }

    /**
     * Registers every static method of {@code lookup.lookupClass()} marked {@link KlPair}. Pass
     * {@code MethodHandles.lookup()} from the class that holds the formulas, so that they may stay
     * private or package-private.
     *
     * @param lookup a lookup with access to the annotated methods
     * @return the number of pairs registered
     * @throws IllegalArgumentException when a marked method is not {@code static double f(P, Q)} with
     *         distribution parameter types, or its annotation names types its parameters cannot take
     */
    public synchronized int registerAnnotated(MethodHandles.Lookup lookup) {
        requireWritable();
        Class<?> holder = lookup.lookupClass();
        Method[] methods = holder.getDeclaredMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName)); // reflection order is unspecified
        int count = 0;
        for (Method m : methods) {
            KlPair[] marks = m.getAnnotationsByType(KlPair.class);
            if (marks.length == 0) {
                continue;
            }
            ToDoubleBiFunction<Distribution, Distribution> f = asFunction(lookup, m);
            String source = loadingProvider != null && !holder.getName().startsWith("dev.kl4j.core.")
                    ? holder.getName() + "." + m.getName() : holder.getSimpleName() + "." + m.getName();
            for (KlPair mark : marks) {
                Class<?> p = mark.p() == void.class ? m.getParameterTypes()[0] : mark.p();
                Class<?> q = mark.q() == void.class ? m.getParameterTypes()[1] : mark.q();
                requireAccepts(m, 0, p);
                requireAccepts(m, 1, q);
                add(new TypePair(p, q), source, f);
                count++;
            }
        }
        return count;
    }

    private ToDoubleBiFunction<Distribution, Distribution> asFunction(MethodHandles.Lookup lookup, Method m) {
        Class<?>[] params = m.getParameterTypes();
        boolean takesRegistry = params.length == 3 && params[2] == KlRegistry.class;
        if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != double.class
                || (params.length != 2 && !takesRegistry)
                || !Distribution.class.isAssignableFrom(params[0]) || !Distribution.class.isAssignableFrom(params[1])) {
            throw new IllegalArgumentException("@KlPair method " + m.getDeclaringClass().getSimpleName() + "."
                    + m.getName() + " must be 'static double " + m.getName() + "(P p, Q q)' (optionally with a third "
                    + "parameter KlRegistry) with distribution types P, Q");
        }
        MethodHandle handle;
        try {
            handle = lookup.unreflect(m);
            if (takesRegistry) { // pairs that recurse (Independent, Transformed) use the registry that dispatched
                handle = MethodHandles.insertArguments(handle, 2, this);
            }
            handle = handle.asType(MethodType.methodType(double.class, Distribution.class, Distribution.class));
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("@KlPair method " + m + " is not accessible through the given lookup", e);
        }
        MethodHandle h = handle;
        return (p, q) -> {
            try {
                return (double) h.invokeExact(p, q);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static void requireAccepts(Method m, int index, Class<?> type) {
        Class<?> param = m.getParameterTypes()[index];
        if (!param.isAssignableFrom(type) || !Distribution.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("@KlPair on " + m.getDeclaringClass().getSimpleName() + "." + m.getName()
                    + " names " + type.getSimpleName() + " for " + (index == 0 ? "p" : "q")
                    + ", which its parameter of type " + param.getSimpleName() + " cannot take");
        }
    }

    private void add(TypePair pair, String source, ToDoubleBiFunction<Distribution, Distribution> f) {
        requireWritable();
        Registration existing = table.get(pair);
        if (existing != null && loadingProvider != null) {
            conflicts.computeIfAbsent(pair, k -> new ArrayList<>(List.of(existing.source()))).add(source);
        } else {
            table.put(pair, new Registration(pair, source, f));
        }
        memo.clear();
    }

    private void requireWritable() {
        if (frozen) {
            throw new UnsupportedOperationException("the standard registry is read-only; add pairs through a "
                    + "KlPairProvider, or extend a copy from KlRegistry.withStandardPairs()");
        }
    }

    /**
     * KL(p ‖ q) = E_p[ln p(X) − ln q(X)] by the closed form of the most specific registered pair (the
     * dispatch rule of the class comment; PyTorch's {@code kl_divergence}). The formula is that pair's
     * method, whose Javadoc gives it with its PyTorch {@code _kl_*} source.
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
            f = table.get(match).kl();
        }
        return f.applyAsDouble(p, q);
    }

    /**
     * {@return whether {@link #kl} finds a registered pair (it may still report an ambiguity)}
     *
     * @param p the first distribution
     * @param q the second distribution
     */
    public boolean hasClosedForm(Distribution p, Distribution q) {
        requireNonNull(p, q);
        return !matches(p.getClass(), q.getClass()).isEmpty();
    }

    /**
     * {@return the registered pair that {@link #kl} would use, or empty when none matches}
     *
     * @param pType runtime class of p
     * @param qType runtime class of q
     * @throws IllegalStateException when the match is ambiguous
     */
    public Optional<TypePair> resolve(Class<?> pType, Class<?> qType) {
        TypePair key = new TypePair(pType, qType);
        Optional<TypePair> known = memo.get(key);
        if (known == null) {
            synchronized (this) { // no registration between the dispatch and the memo entry
                known = memo.get(key);
                if (known == null) {
                    known = dispatch(key);
                    memo.put(key, known);
                }
            }
        }
        return known;
    }

    /** {@return the registered pairs in registration order} */
    public synchronized List<TypePair> registeredPairs() {
        return List.copyOf(table.keySet());
    }

    /** {@return the registrations (pair, where its formula lives) in registration order} */
    public synchronized List<Registration> registrations() {
        return List.copyOf(table.values());
    }

    private static void requireNonNull(Distribution p, Distribution q) {
        if (p == null || q == null) {
            String name = p == null ? "p" : "q";
            throw new InvalidArgumentException(name, name + " is null");
        }
    }

    private synchronized Optional<TypePair> dispatch(TypePair actual) {
        List<TypePair> candidates = matches(actual.p(), actual.q());
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String call = "ambiguous KL(" + actual.p().getSimpleName() + " \u2016 " + actual.q().getSimpleName() + "): ";
        for (TypePair c : candidates) {
            if (candidates.stream().allMatch(c::refines)) {
                List<String> sources = conflicts.get(c);
                if (sources != null) {
                    throw new IllegalStateException(call + "the pair " + c + " is registered by " + sources
                            + "; remove one of them from the class path");
                }
                return Optional.of(c);
            }
        }
        List<TypePair> minimal = candidates.stream()
                .filter(c -> candidates.stream().noneMatch(o -> o != c && o.refines(c)))
                .collect(Collectors.toList());
        String named = minimal.stream().map(c -> c + " " + table.get(c).source()).collect(Collectors.joining(", "));
        throw new IllegalStateException(call + "candidates " + named + " are equally specific; register ("
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
