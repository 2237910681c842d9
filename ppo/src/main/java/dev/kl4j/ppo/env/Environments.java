package dev.kl4j.ppo.env;

import dev.kl4j.core.InvalidArgumentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes environments by their Gymnasium id, as {@code gymnasium.make(id)} with the registered time limit.
 */
public final class Environments {

    private static final Map<String, Supplier<Environment>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put(CartPole.ID, CartPole::new);
        FACTORIES.put(Pendulum.ID, Pendulum::new);
        FACTORIES.put(Acrobot.ID, Acrobot::new);
        FACTORIES.put(MountainCarContinuous.ID, MountainCarContinuous::new);
    }

    private Environments() {}

    /**
     * {@return a new environment (reset it before stepping)}
     *
     * @param id a Gymnasium id from {@link #ids()}, for example {@code "CartPole-v1"}
     * @throws InvalidArgumentException ({@code "env"}) for an unknown id
     */
    public static Environment make(String id) {
        Supplier<Environment> factory = id == null ? null : FACTORIES.get(id);
        if (factory == null) {
            throw new InvalidArgumentException("env", "unknown environment '" + id + "'; known: "
                    + String.join(", ", FACTORIES.keySet()));
        }
        return factory.get();
    }

    /** {@return the ids {@link #make(String)} accepts, in a fixed order} */
    public static List<String> ids() {
        return List.copyOf(FACTORIES.keySet());
    }
}
