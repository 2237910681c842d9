package dev.kl4j.ppo.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlCategorical;
import org.junit.jupiter.api.Test;

/** PPO-clip, PPO-KL, the value loss and the β rules on numbers worked out by hand. */
class PpoObjectivesTest {

    @Test
    void clippedSurrogateAndClipFractionOnHandMadeNumbers() {
        // ε = 0.2; rows (r, Â): (1.5, +1) clipped to 1.2 -> min(1.5, 1.2) = 1.2;
        // (0.5, +1) -> min(0.5, 0.8) = 0.5 (pessimistic: the unclipped value);
        // (1.5, −2) -> min(−3, −2.4) = −3; (0.5, −2) -> min(−1, −1.6) = −1.6; (1.1, 3) -> 3.3
        // mean = (1.2 + 0.5 − 3 − 1.6 + 3.3) / 5 = 0.08, loss = −0.08; outside [0.8, 1.2]: 4 of 5
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray r = m.create(new float[] {1.5f, 0.5f, 1.5f, 0.5f, 1.1f});
            NDArray a = m.create(new float[] {1, 1, -2, -2, 3});
            assertEquals(-0.08, PpoClip.clippedSurrogateLoss(r, a, 0.2).getFloat(), 1e-6);
            assertEquals(0.8, PpoClip.clipFraction(r, 0.2), 1e-7);
        }
    }

    @Test
    void clippedSurrogateGradientVanishesWhereClipped() {
        // d/dr of −mean(min(r Â, clip(r) Â)): −Â/B where the unclipped term is the minimum, 0 where clipped
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray r = m.create(new float[] {1.5f, 0.5f, 1.5f, 0.5f, 1.1f});
            r.setRequiresGradient(true);
            NDArray a = m.create(new float[] {1, 1, -2, -2, 3});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(PpoClip.clippedSurrogateLoss(r, a, 0.2));
            }
            assertArrayEquals(new float[] {0, -0.2f, 0.4f, 0, -0.6f}, r.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void valueLossPlainAndClipped() {
        // V = (1, 3), R = (2, 2), V_old = (0.5, 2.5), ε_V = 0.2:
        // plain: ((1−2)² + (3−2)²)/2 = 1
        // clipped values: 0.5 + clip(0.5, ±0.2) = 0.7, 2.5 + clip(0.5) = 2.7
        // max((1−2)², (0.7−2)²) = 1.69, max(1, 0.49) = 1 -> mean 1.345
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray v = m.create(new float[] {1, 3});
            NDArray ret = m.create(new float[] {2, 2});
            NDArray old = m.create(new float[] {0.5f, 2.5f});
            assertEquals(1.0, PpoUpdate.valueLoss(v, ret, old, Double.NaN).getFloat(), 1e-6);
            assertEquals(1.345, PpoUpdate.valueLoss(v, ret, old, 0.2).getFloat(), 1e-6);
        }
    }

    @Test
    void klPenaltyLossUsesTheExactKlFromTheOldPolicy() {
        // old π = (0.5, 0.5), new π = (0.8, 0.2) on one state; action 0 taken, Â = 2, β = 3:
        // r = 0.8/0.5 = 1.6; KL(old ‖ new) = 0.5 ln(0.5/0.8) + 0.5 ln(0.5/0.2) = 0.5 ln(0.625·2.5)
        // loss = −(1.6·2 − 3·KL)
        double kl = 0.5 * Math.log(0.625 * 2.5);
        try (NDManager m = NDManager.newBaseManager()) {
            DjlCategorical old = DjlCategorical.fromLogits(m.create(new float[] {0, 0}, new Shape(1, 2)));
            DjlCategorical now = DjlCategorical.fromLogits(
                    m.create(new float[] {(float) Math.log(0.8), (float) Math.log(0.2)}, new Shape(1, 2)));
            RolloutTensors.Minibatch mb = new RolloutTensors.Minibatch(null, null, null, m.create(new float[] {2}),
                    null, null, old, 1);
            NDArray ratio = m.create(new float[] {1.6f});
            PpoKlPenalty objective = PpoKlPenalty.of(0.01, 3);
            assertEquals(-(1.6 * 2 - 3 * kl), objective.loss(mb, now, ratio).getFloat(), 1e-6);
        }
    }

    @Test
    void adaptiveBetaRuleOfThePpoPaper() {
        // d_targ = 0.01: below 0.01/1.5 halves, above 0.015 doubles, in between keeps
        assertEquals(0.5, PpoKlPenalty.nextBeta(1, 0.006, 0.01));
        assertEquals(1.0, PpoKlPenalty.nextBeta(1, 0.0067, 0.01));   // 0.0067 > 0.00667
        assertEquals(1.0, PpoKlPenalty.nextBeta(1, 0.01, 0.01));
        assertEquals(1.0, PpoKlPenalty.nextBeta(1, 0.015, 0.01));   // not strictly above 1.5 d_targ
        assertEquals(2.0, PpoKlPenalty.nextBeta(1, 0.0151, 0.01));
        PpoKlPenalty p = PpoKlPenalty.of(0.01, 1);
        p.adapt(0.1);
        p.adapt(0.1);
        assertEquals(4.0, p.beta());
        p.adapt(0);
        assertEquals(2.0, p.beta());
        assertThrows(InvalidArgumentException.class, () -> PpoKlPenalty.nextBeta(1, Double.NaN, 0.01));
    }

    @Test
    void referenceKlControllerOfZieglerEtAl() {
        // target 6, horizon 10000, n = 1000 steps: KL 9 -> e = clip(0.5, ±0.2) = 0.2, β ← β(1 + 0.2·0.1) = 1.02β
        AdaptiveKlController c = AdaptiveKlController.adaptive(0.1, 6, 10_000);
        assertEquals(0.102, c.update(9, 1000), 1e-15);
        // KL 5.4 -> e = −0.1 -> β ← β(1 − 0.01)
        assertEquals(0.102 * 0.99, c.update(5.4, 1000), 1e-15);
        // KL 0 -> e = −0.2 (clipped from −1)
        assertEquals(0.102 * 0.99 * 0.98, c.update(0, 1000), 1e-15);
        AdaptiveKlController fixed = AdaptiveKlController.fixed(0.3);
        assertEquals(0.3, fixed.update(100, 1000));
        assertThrows(InvalidArgumentException.class, () -> AdaptiveKlController.adaptive(0.1, 0, 10_000));
    }
}
