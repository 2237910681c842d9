package dev.kl4j.ppo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.kl4j.ppo.algo.ReferenceKlEstimator;
import dev.kl4j.ppo.policy.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Short seeded runs: learning beats a random policy, the same seed repeats, a resume continues exactly. */
class PpoTrainerTest {
    /** A uniformly random CartPole policy lasts about 22 steps; deterministic evaluation of one ~9. */
    static final double RANDOM_POLICY_RETURN = 22;

    static PpoConfig.Builder cartPole(Algorithm algorithm, long steps) {
        return PpoConfig.defaults("CartPole-v1", algorithm).totalSteps(steps).evalInterval(0).evalEpisodes(10).seed(3);
    }

    static List<UpdateMetrics> run(PpoConfig config, Policy reference) {
        try (PpoTrainer trainer = PpoTrainer.create(config, reference)) {
            while (!trainer.finished()) {
                trainer.trainOneUpdate();
            }
            return trainer.history();
        }
    }

    @Test
    void ppoClipOnCartPoleImprovesOnARandomPolicy() {
        try (PpoTrainer trainer = PpoTrainer.create(cartPole(Algorithm.PPO_CLIP, 12_288).build(), null)) {
            while (!trainer.finished()) {
                trainer.trainOneUpdate();
            }
            UpdateMetrics last = trainer.history().get(trainer.history().size() - 1);
            assertTrue(trainer.lastEvaluation().mean() > 4 * RANDOM_POLICY_RETURN, "eval " + trainer.lastEvaluation().mean());
            assertTrue(last.recentReturn() > 3 * RANDOM_POLICY_RETURN, "recent return " + last.recentReturn());
            for (UpdateMetrics m : trainer.history()) {
                // exact KL and k3 are >= 0; the clip fraction is a fraction
                assertTrue(m.klExact() >= 0 && m.klK3() >= 0, "update " + m.update());
                assertTrue(m.clipFraction() >= 0 && m.clipFraction() <= 1);
                assertEquals(20, m.gradientSteps());
            }
        }
    }

    @Test
    void sameSeedSameMetrics() {
        PpoConfig config = cartPole(Algorithm.PPO_CLIP, 1024).build();
        List<UpdateMetrics> a = run(config, null);
        List<UpdateMetrics> b = run(config, null);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(withoutTiming(a.get(i)), withoutTiming(b.get(i)), "update " + (i + 1));
        }
        List<UpdateMetrics> other = run(cartPole(Algorithm.PPO_CLIP, 1024).seed(4).build(), null);
        assertFalse(java.util.Arrays.equals(withoutTiming(a.get(3)), withoutTiming(other.get(3))));
    }

    @Test
    void resumeFromACheckpointContinuesExactly() {
        PpoConfig config = cartPole(Algorithm.PPO_KL, 1536).build();  // 6 updates; episodes span the checkpoint
        List<UpdateMetrics> straight = run(config, null);
        byte[] state;
        try (PpoTrainer first = PpoTrainer.create(config, null)) {
            for (int i = 0; i < 3; i++) {
                first.trainOneUpdate();
            }
            state = first.checkpoint();
        }
        try (PpoTrainer resumed = PpoTrainer.restore(config, state, null)) {
            assertEquals(3, resumed.update());
            while (!resumed.finished()) {
                resumed.trainOneUpdate();
            }
            List<UpdateMetrics> h = resumed.history();
            assertEquals(straight.size(), h.size());
            for (int i = 0; i < h.size(); i++) {
                assertArrayEquals(withoutTiming(straight.get(i)), withoutTiming(h.get(i)), "update " + (i + 1));
            }
        }
    }

    @Test
    void referencePenaltyIsMeasuredAndTheAdaptiveControllerMovesBeta() {
        try (NDManager m = NDManager.newBaseManager()) {
            // the reference: an untrained policy of another seed
            Policy reference = PpoTrainer.defaultPolicy(cartPole(Algorithm.PPO_CLIP, 1024).seed(99).build(), m);
            for (ReferenceKlEstimator estimator : ReferenceKlEstimator.values()) {
                PpoConfig config = cartPole(Algorithm.PPO_CLIP, 1024).refKlCoefficient(0.1).refKlTarget(1e-6)
                        .refKlHorizon(1000).refKlEstimator(estimator).build();
                List<UpdateMetrics> h = run(config, reference);
                for (UpdateMetrics u : h) {
                    assertTrue(Double.isFinite(u.refKl()), estimator + " update " + u.update());
                }
                if (estimator != ReferenceKlEstimator.K1) {
                    assertTrue(h.get(0).refKl() >= 0, estimator + ": KL " + h.get(0).refKl()); // k1 alone may be < 0
                }
                // β moves by the controller's rule from the KL measured on the first rollout (256 steps)
                double e = Math.max(-0.2, Math.min(0.2, h.get(0).refKl() / 1e-6 - 1));
                assertEquals(0.1, h.get(0).refKlCoefficient(), 1e-12);
                assertEquals(0.1 * (1 + e * 256 / 1000.0), h.get(1).refKlCoefficient(), 1e-12, estimator.name());
            }
        }
    }

    @Test
    void explainedVarianceByHand() {
        // y = (1, 2, 3), ŷ = (1, 2, 2): Var(y) = 2/3, y − ŷ = (0, 0, 1), Var = 2/9 -> 1 − (2/9)/(2/3) = 2/3
        assertEquals(2.0 / 3, PpoTrainer.explainedVariance(new double[] {1, 2, 3}, new double[] {1, 2, 2}), 1e-15);
        assertTrue(Double.isNaN(PpoTrainer.explainedVariance(new double[] {1, 1}, new double[] {0, 2})));
    }

    private static double[] withoutTiming(UpdateMetrics m) {
        double[] v = m.values().clone();
        v[18] = 0; // steps_per_second
        v[19] = 0; // seconds
        v[20] = 0; // rss_mib
        return v;
    }
}
