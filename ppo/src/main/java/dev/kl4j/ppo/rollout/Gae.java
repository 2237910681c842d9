package dev.kl4j.ppo.rollout;

import dev.kl4j.core.InvalidArgumentException;

/**
 * Generalised advantage estimation, GAE(γ, λ) (Schulman et al. 2016, "High-Dimensional Continuous
 * Control Using Generalized Advantage Estimation", eq. 16), on a rollout of {@code T} steps of {@code N}
 * environments stored time-major ({@code index = t·N + i}):
 * <pre>
 *   δ_t = r_t + γ · (1 − terminated_t) · V(s'_t) − V(s_t)
 *   Â_t = δ_t + γ λ · (1 − done_t) · Â_{t+1},        done_t = terminated_t ∨ truncated_t,  Â_T = 0
 *   R_t = Â_t + V(s_t)                                (the value target, "returns")
 * </pre>
 * where s'_t is the state the step led to: the next observation of the rollout when the episode goes on,
 * the <em>final</em> observation of the episode when it was truncated by the time limit (the vector
 * environment has already reset that copy, so its next observation belongs to a new episode), and
 * irrelevant when it terminated. So a time limit is bootstrapped with the value of the state it cut the
 * episode at, while a terminal state contributes no future value: truncation is not termination.
 * Stable-Baselines3 does the same by adding γ·V(final observation) to the reward of a truncated step
 * (its "timeout bootstrap", PR #633); CleanRL's ppo.py treats both as terminal.
 *
 * <p>The recursion runs backwards in double precision; λ = 1 gives the Monte Carlo return minus the
 * baseline, λ = 0 the one-step TD error.
 */
public final class Gae {
    private Gae() {
    }

    /** Advantages and value targets of one rollout, time-major like the inputs. */
    public record Result(double[] advantages, double[] returns) {
    }

    /**
     * {@return Â_t by the backward recursion of the class comment (Schulman et al. 2016, eq. 16; bootstrap
     * on truncation, none on termination) and R_t = Â_t + V(s_t)}
     *
     * @param rewards    r_t, [T·N]
     * @param values     V(s_t), [T·N]
     * @param nextValues V(s'_t), [T·N]: V of the next observation, or of the final observation where the
     *                   step truncated; ignored where it terminated
     * @param terminated whether step t reached a terminal state, [T·N]
     * @param truncated  whether step t hit the time limit (and did not terminate), [T·N]
     * @param envs       N, the number of environments (the stride between time steps)
     * @param gamma      discount γ in [0, 1]
     * @param lambda     GAE λ in [0, 1]
     */
    public static Result compute(double[] rewards, double[] values, double[] nextValues, boolean[] terminated,
            boolean[] truncated, int envs, double gamma, double lambda) {
        int n = rewards.length;
        if (envs < 1 || n % envs != 0) {
            throw new InvalidArgumentException("envs", "envs = " + envs + " must be >= 1 and divide the "
                    + n + " steps of the rollout");
        }
        requireLength("values", values, n);
        requireLength("nextValues", nextValues, n);
        if (terminated.length != n || truncated.length != n) {
            throw new InvalidArgumentException("terminated", "terminated and truncated must hold " + n
                    + " flags, got " + terminated.length + " and " + truncated.length);
        }
        requireUnit("gamma", gamma);
        requireUnit("lambda", lambda);
        double[] advantages = new double[n];
        double[] returns = new double[n];
        int steps = n / envs;
        for (int i = 0; i < envs; i++) {
            double next = 0; // Â_{t+1}; Â_T = 0
            for (int t = steps - 1; t >= 0; t--) {
                int k = t * envs + i;
                double bootstrap = terminated[k] ? 0 : gamma * nextValues[k];
                double delta = rewards[k] + bootstrap - values[k];                   // eq. 16's δ
                boolean done = terminated[k] || truncated[k];
                next = delta + (done ? 0 : gamma * lambda * next);                  // eq. 16, recursively
                advantages[k] = next;
                returns[k] = next + values[k];
            }
        }
        return new Result(advantages, returns);
    }

    private static void requireLength(String name, double[] a, int n) {
        if (a.length != n) {
            throw new InvalidArgumentException(name, name + " must hold " + n + " values, got " + a.length);
        }
    }

    private static void requireUnit(String name, double x) {
        if (!(x >= 0 && x <= 1)) {
            throw new InvalidArgumentException(name, name + " = " + x + " must be in [0, 1]");
        }
    }
}
