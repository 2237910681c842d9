package dev.kl4j.ppo.train;

import static dev.kl4j.ppo.train.PpoTrainerTest.RANDOM_POLICY_RETURN;
import static dev.kl4j.ppo.train.PpoTrainerTest.cartPole;
import static dev.kl4j.ppo.train.PpoTrainerTest.run;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PPO with the adaptive KL penalty and TRPO on short seeded CartPole runs. */
class KlConstrainedAlgorithmsTest {
    @Test
    void ppoKlAndTrpoImproveOnARandomPolicy() {
        List<UpdateMetrics> kl = run(cartPole(Algorithm.PPO_KL, 8192).build(), null);
        assertTrue(kl.get(kl.size() - 1).recentReturn() > 2 * RANDOM_POLICY_RETURN, "ppo-kl " + kl.get(kl.size() - 1));
        assertTrue(kl.stream().anyMatch(m -> m.beta() != 1.0), "beta never adapted");
        List<UpdateMetrics> trpo = run(cartPole(Algorithm.TRPO, 8192).build(), null);
        assertTrue(trpo.get(trpo.size() - 1).recentReturn() > 2 * RANDOM_POLICY_RETURN, "trpo " + trpo.get(trpo.size() - 1));
        for (UpdateMetrics m : trpo) {
            // an accepted TRPO step keeps the exact mean KL within δ = 0.01 (float32 rounding aside)
            assertTrue(m.stoppedEarly() || m.klExact() <= 0.01 + 1e-6, "update " + m.update() + " KL " + m.klExact());
        }
    }

}
