package dev.kl4j.ppo.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.kl4j.ppo.policy.BlockPolicy;
import dev.kl4j.ppo.policy.BlockValueFunction;
import dev.kl4j.ppo.policy.OrthogonalInitializer;
import dev.kl4j.ppo.policy.Policy;
import dev.kl4j.ppo.policy.ValueFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The README's "Extend it" example: a user's own DJL blocks as actor and critic, trained by PPO-clip. The
 * code between the markers is the README's, verbatim ({@code ReadmeJavaSnippetsTest} in module
 * {@code examples} compares them).
 */
class OwnBlockPolicyTest {
    /**
     * A linear layer with orthogonal weights of the given gain: a nearly uniform initial policy (head gain
     * 0.01) matters, DJL's default Xavier initialisation starts PPO from an almost deterministic one.
     */
    private static Linear layer(int units, double gain, SplittableRandom rng) {
        Linear linear = Linear.builder().setUnits(units).build();
        linear.setInitializer(OrthogonalInitializer.of(gain, rng), Parameter.Type.WEIGHT);
        return linear;
    }

    @Test
    void ownBlocksLearnCartPole() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // README snippet begin
            SplittableRandom rng = new SplittableRandom(5);
            Block actor = new SequentialBlock()
                    .add(layer(64, OrthogonalInitializer.HIDDEN_GAIN, rng)).add(Activation::tanh)
                    .add(layer(2, OrthogonalInitializer.ACTOR_HEAD_GAIN, rng));        // CartPole: 2 logits
            Block critic = new SequentialBlock()
                    .add(layer(64, OrthogonalInitializer.HIDDEN_GAIN, rng)).add(Activation::tanh)
                    .add(layer(1, 1.0, rng));
            Policy policy = BlockPolicy.categorical(manager, actor, 4);              // 4 observation features
            ValueFunction value = BlockValueFunction.of(manager, critic, 4);
            PpoConfig config = PpoConfig.defaults("CartPole-v1", Algorithm.PPO_CLIP).totalSteps(12_288)
                    .evalInterval(0).seed(3).build();                               // no evaluations during training
            List<UpdateMetrics> history = new ArrayList<>();
            try (PpoTrainer trainer = PpoTrainer.create(config, manager, policy, value, null)) {
                while (!trainer.finished()) {
                    history.add(trainer.trainOneUpdate());     // a plain record: KLs, losses, returns, timing
                }
            }
            // README snippet end
            double recent = history.get(history.size() - 1).recentReturn();
            assertTrue(recent > 44, "recent return " + recent + " (a random policy: about 22)");
        }
    }
}
