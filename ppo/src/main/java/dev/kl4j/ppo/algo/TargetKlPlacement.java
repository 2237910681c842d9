package dev.kl4j.ppo.algo;

/**
 * Where PPO-clip's {@code targetKl} early stop looks at the KL estimate k3 = mean((r − 1) − ln r).
 */
public enum TargetKlPlacement {
    /**
     * Stable-Baselines3: before each minibatch's optimiser step; when k3 &gt; 1.5·targetKl the step is
     * skipped and the update stops (all remaining epochs).
     */
    MINIBATCH,
    /**
     * CleanRL's ppo.py: after each epoch; when the last minibatch's k3 (measured before its step) &gt;
     * targetKl, the remaining epochs are skipped.
     */
    EPOCH
}
