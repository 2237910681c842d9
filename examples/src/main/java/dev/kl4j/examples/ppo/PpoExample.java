package dev.kl4j.examples.ppo;

import dev.kl4j.ppo.train.Algorithm;
import dev.kl4j.ppo.train.EvalResult;
import dev.kl4j.ppo.train.PpoConfig;
import dev.kl4j.ppo.train.PpoTrainer;
import dev.kl4j.ppo.train.UpdateMetrics;
import java.io.PrintStream;

/**
 * PPO-clip on CartPole-v1 in a dozen library calls, for reading: the per-environment defaults (rl-zoo's
 * tuned settings), one update at a time with the KL between the old and the new policy three ways, and a
 * deterministic evaluation at the end. {@code kl4j ppo} is the same loop with run folders, checkpoints,
 * files and pictures around it.
 */
public final class PpoExample {
    private PpoExample() {
    }

    /**
     * Trains and evaluates.
     *
     * @param steps    environment steps to train for
     * @param seed     the one seed of the run
     * @param episodes deterministic evaluation episodes at the end
     * @param out      where the progress lines go
     * @return the final evaluation
     */
    public static EvalResult run(long steps, long seed, int episodes, PrintStream out) {
        PpoConfig config = PpoConfig.defaults("CartPole-v1", Algorithm.PPO_CLIP).totalSteps(steps).seed(seed).build();
        try (PpoTrainer trainer = PpoTrainer.create(config, null)) {
            for (int u = 0; u < config.updates(); u++) {
                UpdateMetrics m = trainer.trainOneUpdate();
                out.printf(java.util.Locale.ROOT, "update %d, %d steps: return %.1f, KL exact %.2e, k1 %+.2e, k3 %.2e%n",
                        m.update(), m.steps(), m.recentReturn(), m.klExact(), m.klK1(), m.klK3());
            }
            EvalResult eval = trainer.evaluate(episodes);
            out.printf(java.util.Locale.ROOT, "evaluation: %.1f +- %.1f over %d episodes%n", eval.mean(), eval.std(),
                    eval.episodes());
            return eval;
        }
    }

    /**
     * 100k steps, seed 1, 100 evaluation episodes.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(100_000, 1, 100, System.out);
    }
}
