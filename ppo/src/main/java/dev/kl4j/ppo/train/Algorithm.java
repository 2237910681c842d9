package dev.kl4j.ppo.train;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Locale;

/** The policy update a run uses. */
public enum Algorithm {
    /** PPO with the clipped surrogate (Schulman et al. 2017, eq. 7): {@link dev.kl4j.ppo.algo.PpoClip}. */
    PPO_CLIP("ppo-clip"),
    /** PPO with the adaptive KL penalty (Schulman et al. 2017, §4): {@link dev.kl4j.ppo.algo.PpoKlPenalty}. */
    PPO_KL("ppo-kl"),
    /** Trust-region policy optimisation (Schulman et al. 2015): {@link dev.kl4j.ppo.algo.Trpo}. */
    TRPO("trpo");

    private final String cliName;

    Algorithm(String cliName) {
        this.cliName = cliName;
    }

    /** @return the lower-case name used on command lines and in files: ppo-clip, ppo-kl, trpo */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name ppo-clip, ppo-kl or trpo (case-insensitive)
     * @return the algorithm
     */
    public static Algorithm parse(String name) {
        for (Algorithm a : values()) {
            if (a.cliName.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new InvalidArgumentException("algo", "unknown algorithm '" + name + "'; known: ppo-clip, ppo-kl, trpo");
    }
}
