package dev.kl4j.ppo.env;

import dev.kl4j.core.InvalidArgumentException;

/**
 * The actions {@code 0, 1, ..., n-1}, as Gymnasium's {@code spaces.Discrete(n)}. An action of a
 * discrete environment is passed to {@link Environment#step(double[])} as {@code {index}}.
 *
 * @param n the number of actions, at least 1
 */
public record Discrete(int n) implements Space {

    /**
     * Checks that there is at least one action.
     *
     * @param n the number of actions, at least 1
     */
    public Discrete {
        if (n < 1) {
            throw new InvalidArgumentException("n", "n must be at least 1, got " + n);
        }
    }

    /**
     * Returns whether {@code 0 <= index < n}.
     *
     * @param index a candidate action
     * @return whether {@code 0 <= index < n}
     */
    public boolean contains(int index) {
        return index >= 0 && index < n;
    }
}
