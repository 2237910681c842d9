package dev.kl4j.ppo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Short seeded runs: learning beats a random policy, the same seed repeats, a resume continues exactly. */
class PpoTrainerTest {

    private static PpoConfig cartPole(Algorithm algorithm, long steps) {
        return PpoConfig.defaults("CartPole-v1", algorithm).totalSteps(steps).evalInterval(0).evalEpisodes(10)
                .seed(3).build();
    }

    @Test
    void ppoClipOnCartPoleImprovesOnARandomPolicy() {
        // a uniformly random CartPole policy averages about 22 steps per episode
        PpoConfig config = cartPole(Algorithm.PPO_CLIP, 16_384);
        try (PpoTrainer trainer = PpoTrainer.create(config, null)) {
            long start = System.nanoTime();
            while (!trainer.finished()) {
                UpdateMetrics m = trainer.trainOneUpdate();
                if (m.update() % 8 == 0) {
                    System.out.printf("update %d steps %d recent %.1f klExact %.5f k1 %.5f k3 %.5f clip %.3f ent %.3f ev %.3f sps %.0f rss %.0f%n",
                            m.update(), m.steps(), m.recentReturn(), m.klExact(), m.klK1(), m.klK3(), m.clipFraction(),
                            m.entropy(), m.explainedVariance(), m.stepsPerSecond(), m.rssMib());
                }
            }
            System.out.printf("%.1f s, eval %.1f%n", (System.nanoTime() - start) / 1e9, trainer.lastEvaluation().mean());
            assertTrue(trainer.lastEvaluation().mean() > 100, "eval " + trainer.lastEvaluation().mean());
        }
    }
}
