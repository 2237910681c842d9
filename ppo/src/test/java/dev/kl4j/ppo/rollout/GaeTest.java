package dev.kl4j.ppo.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kl4j.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/**
 * GAE against values worked out by hand from eq. 16 of Schulman et al. (2016), on a five-step episode
 * stream that is truncated after step 1 and terminates at step 3 (γ = 0.9, λ = 0.8, γλ = 0.72):
 * <pre>
 *   t   r   V(s_t)  V(s'_t)            δ_t                      Â_t
 *   0   1   0.5     0.4 (next)         1 + 0.9·0.4 − 0.5 = 0.86  0.86 + 0.72·2.4 = 2.588
 *   1   1   0.4     2.0 (final, trunc) 1 + 0.9·2.0 − 0.4 = 2.4   2.4 (episode ends)
 *   2   1   0.3     0.2 (next)         1 + 0.9·0.2 − 0.3 = 0.88  0.88 + 0.72·0.8 = 1.456
 *   3   1   0.2     — (terminated)     1 + 0 − 0.2 = 0.8         0.8 (episode ends)
 *   4   1   0.1     0.6 (last value)   1 + 0.9·0.6 − 0.1 = 1.44  1.44
 * </pre>
 */
class GaeTest {
    private static final double[] REWARDS = {1, 1, 1, 1, 1};
    private static final double[] VALUES = {0.5, 0.4, 0.3, 0.2, 0.1};
    private static final double[] EXPECTED_ADVANTAGES = {2.588, 2.4, 1.456, 0.8, 1.44};
    private static final double[] EXPECTED_RETURNS = {3.088, 2.8, 1.756, 1.0, 1.54};

    @Test
    void handComputedEpisodeWithTruncationAndTermination() {
        double[] next = {0.4, 2.0, 0.2, 123.0 /* ignored: terminated */, 0.6};
        boolean[] terminated = {false, false, false, true, false};
        boolean[] truncated = {false, true, false, false, false};
        Gae.Result r = Gae.compute(REWARDS, VALUES, next, terminated, truncated, 1, 0.9, 0.8);
        assertArrayEquals(EXPECTED_ADVANTAGES, r.advantages(), 1e-12);
        assertArrayEquals(EXPECTED_RETURNS, r.returns(), 1e-12);
    }

    @Test
    void bufferBootstrapsTruncationWithFinalObservationValueAndInterleavesEnvironments() {
        // environment 0 is the hand-computed stream; environment 1 never ends, with λ = 1 its advantage is
        // the discounted return to the end of the rollout plus γ^(T−t)·V(s_T), minus V(s_t)
        RolloutBuffer buffer = RolloutBuffer.create(5, 2, 1, 1);
        double[] values1 = {1.0, 2.0, 3.0, 4.0, 5.0};
        double[] rewards1 = {0.5, 0.0, -1.0, 2.0, 1.0};
        for (int t = 0; t < 5; t++) {
            buffer.record(t, new double[][] {{t}, {10 + t}}, new float[] {0, 1}, new float[] {0, 0},
                    new float[] {(float) VALUES[t], (float) values1[t]}, new double[] {REWARDS[t], rewards1[t]},
                    new boolean[] {t == 3, false}, new boolean[] {t == 1, false},
                    t == 1 ? new double[] {2.0, Double.NaN} : null);
        }
        // float32 storage of values: compare within float rounding
        Gae.Result r = buffer.finish(new float[] {0.6f, 6.0f}, 0.9, 0.8);
        for (int t = 0; t < 5; t++) {
            assertEquals(EXPECTED_ADVANTAGES[t], r.advantages()[2 * t], 1e-6, "env 0, t = " + t);
            assertEquals(EXPECTED_RETURNS[t], r.returns()[2 * t], 1e-6, "env 0, t = " + t);
        }
        Gae.Result mc = Gae.compute(buffer.rewards(), buffer.values(), buffer.nextValues(), buffer.terminated(),
                buffer.truncated(), 2, 0.9, 1.0);
        for (int t = 0; t < 5; t++) {
            double discounted = 0;
            for (int u = t; u < 5; u++) {
                discounted += Math.pow(0.9, u - t) * rewards1[u];
            }
            assertEquals(discounted + Math.pow(0.9, 5 - t) * 6.0 - values1[t], mc.advantages()[2 * t + 1], 1e-9,
                    "env 1, t = " + t);
        }
    }

    @Test
    void terminatedAndTruncatedTogetherCountsAsTerminated() {
        // Gymnasium sets both when the last allowed step is also terminal: no bootstrap
        Gae.Result r = Gae.compute(new double[] {1}, new double[] {0.25}, new double[] {9},
                new boolean[] {true}, new boolean[] {true}, 1, 0.99, 0.95);
        assertEquals(0.75, r.advantages()[0], 1e-15);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(InvalidArgumentException.class, () -> Gae.compute(new double[4], new double[4], new double[4],
                new boolean[4], new boolean[4], 3, 0.9, 0.9));
        assertThrows(InvalidArgumentException.class, () -> Gae.compute(new double[2], new double[2], new double[2],
                new boolean[2], new boolean[2], 1, 1.5, 0.9));
        RolloutBuffer buffer = RolloutBuffer.create(2, 1, 1, 1);
        assertThrows(InvalidArgumentException.class, () -> buffer.record(1, new double[][] {{0}}, new float[1],
                new float[1], new float[1], new double[1], new boolean[1], new boolean[1], null));
        assertThrows(IllegalStateException.class, buffer::advantages);
    }
}
