package dev.kl4j.ppo.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlCategorical;
import dev.kl4j.core.djl.DjlDiagNormal;
import dev.kl4j.core.djl.DjlDistribution;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MlpPolicyTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray observations(int batch, int size) {
        SplittableRandom rng = new SplittableRandom(21);
        float[][] x = new float[batch][size];
        for (float[] row : x) {
            for (int j = 0; j < size; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return manager.create(x);
    }

    /** The tanh MLP evaluated on the host in double from the parameter arrays (weights [out, in]). */
    private static double[] hostForward(ParameterList parameters, int layers, float[] x) {
        double[] h = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            h[i] = x[i];
        }
        List<Parameter> values = parameters.values();
        for (int l = 0; l < layers; l++) {
            NDArray w = values.get(2 * l).getArray();
            float[] wv = w.toFloatArray();
            float[] bv = values.get(2 * l + 1).getArray().toFloatArray();
            int out = (int) w.getShape().get(0);
            int in = (int) w.getShape().get(1);
            double[] next = new double[out];
            for (int o = 0; o < out; o++) {
                double s = bv[o];
                for (int i = 0; i < in; i++) {
                    s += wv[o * in + i] * h[i];
                }
                next[o] = l == layers - 1 ? s : Math.tanh(s);
            }
            h = next;
        }
        return h;
    }

    @Test
    void categoricalForwardIsTheTanhMlpAndStartsNearUniform() {
        MlpPolicy policy = MlpPolicy.categorical(manager, 4, 2, new SplittableRandom(1));
        assertEquals(List.of("hidden0.weight", "hidden0.bias", "hidden1.weight", "hidden1.bias", "head.weight", "head.bias"),
                policy.parameters().keys());
        assertEquals(new Shape(64, 4), policy.parameters().get("hidden0.weight").getArray().getShape());
        NDArray obs = observations(5, 4);
        float[] logits = policy.forward(obs).get(0).toFloatArray();
        float[] x = obs.toFloatArray();
        for (int b = 0; b < 5; b++) {
            double[] expected = hostForward(policy.parameters(), 3, java.util.Arrays.copyOfRange(x, b * 4, b * 4 + 4));
            for (int k = 0; k < 2; k++) {
                assertEquals(expected[k], logits[b * 2 + k], 1e-5);
                assertTrue(Math.abs(logits[b * 2 + k]) < 0.1, "head gain 0.01 keeps logits small");
            }
        }
        DjlDistribution pi = policy.distribution(obs);
        assertTrue(pi instanceof DjlCategorical);
        for (float h : pi.entropy().toFloatArray()) {
            assertEquals(Math.log(2), h, 1e-2);
        }
        // biases start at zero
        for (float v : policy.parameters().get("hidden0.bias").getArray().toFloatArray()) {
            assertEquals(0f, v);
        }
    }

    @Test
    void gaussianHasAStateIndependentLogStdStartingAtZero() {
        MlpPolicy policy = MlpPolicy.gaussian(manager, 3, 2, new SplittableRandom(2));
        assertTrue(policy.isGaussian());
        assertEquals("logStd", policy.parameters().keys().get(policy.parameters().size() - 1));
        NDArray obs = observations(4, 3);
        NDList out = policy.forward(obs);
        assertEquals(new Shape(4, 2), out.get(0).getShape());
        assertEquals(new Shape(2), out.get(1).getShape());
        DjlDistribution pi = policy.distribution(obs);
        assertTrue(pi instanceof DjlDiagNormal);
        double entropyOfStandardNormal = 0.5 * Math.log(2 * Math.PI * Math.E);
        for (float h : pi.entropy().toFloatArray()) {
            assertEquals(2 * entropyOfStandardNormal, h, 1e-5);
        }
        // Closing the forward's log-std leaves the parameter usable.
        out.get(1).close();
        assertEquals(0f, policy.parameters().get("logStd").getArray().toFloatArray()[0]);
    }

    @Test
    void gradientsReachEveryParameter() {
        for (boolean gaussian : new boolean[] {false, true}) {
            MlpPolicy policy = gaussian ? MlpPolicy.gaussian(manager, 3, 2, new SplittableRandom(3))
                    : MlpPolicy.categorical(manager, 3, 4, new SplittableRandom(3));
            NDArray obs = observations(6, 3);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                DjlDistribution pi = policy.distribution(obs);
                NDArray actions = pi.sample(new SplittableRandom(4));
                gc.backward(pi.logProb(actions).sum().add(pi.entropy().sum()));
            }
            for (var pair : policy.parameters()) {
                float[] g = pair.getValue().getArray().getGradient().toFloatArray();
                double norm = 0;
                for (float v : g) {
                    norm += v * v;
                }
                assertTrue(norm > 0, (gaussian ? "gaussian " : "categorical ") + pair.getKey() + " got no gradient");
            }
        }
    }

    @Test
    void sameSeedSameNetworkAndConfigurableSizes() {
        MlpPolicy a = MlpPolicy.builder(5).hiddenSizes(16).categorical(3).build(manager, new SplittableRandom(9));
        MlpPolicy b = MlpPolicy.builder(5).hiddenSizes(16).categorical(3).build(manager, new SplittableRandom(9));
        assertEquals(4, a.parameters().size());
        NDArray obs = observations(2, 5);
        assertArrayEquals(a.forward(obs).get(0).toFloatArray(), b.forward(obs).get(0).toFloatArray());
        assertEquals("observations", assertThrows(InvalidArgumentException.class,
                () -> a.forward(observations(2, 4))).argument());
        assertEquals("actions", assertThrows(InvalidArgumentException.class,
                () -> MlpPolicy.builder(5).build(manager, new SplittableRandom(1))).argument());
    }

    @Test
    void valueFunctionIsTheTanhMlpWithOneOutput() {
        MlpValueFunction critic = MlpValueFunction.create(manager, 4, new SplittableRandom(5));
        NDArray obs = observations(3, 4);
        NDArray v = critic.value(obs);
        assertEquals(new Shape(3), v.getShape());
        float[] x = obs.toFloatArray();
        for (int b = 0; b < 3; b++) {
            double expected = hostForward(critic.parameters(), 3, java.util.Arrays.copyOfRange(x, b * 4, b * 4 + 4))[0];
            assertEquals(expected, v.toFloatArray()[b], 1e-5);
        }
        // Critic head gain 1: the head's weight row has norm 1.
        float[] head = critic.parameters().get("head.weight").getArray().toFloatArray();
        double norm = 0;
        for (float w : head) {
            norm += w * w;
        }
        assertEquals(1.0, norm, 1e-5);
    }

    @Test
    void aUsersBlockReplacesTheMlp() {
        SequentialBlock actor = new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(2).build());
        BlockPolicy policy = BlockPolicy.gaussian(manager, actor, 3, 2, -0.5);
        NDArray obs = observations(4, 3);
        DjlDiagNormal pi = (DjlDiagNormal) policy.distribution(obs);
        assertEquals(new Shape(4, 2), pi.mean().getShape());
        assertArrayEquals(new float[] {-0.5f, -0.5f}, pi.logStd().toFloatArray());
        assertEquals("logStd", policy.parameters().keys().get(policy.parameters().size() - 1));
        assertEquals(actor.getParameters().size() + 1, policy.parameters().size());
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            DjlDistribution d = policy.distribution(obs);
            gc.backward(d.logProb(d.sample(new SplittableRandom(1))).sum());
        }
        for (var pair : policy.parameters()) {
            assertTrue(pair.getValue().getArray().getGradient().abs().sum().getFloat() > 0, pair.getKey());
        }

        SequentialBlock critic = new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(1).build());
        BlockValueFunction value = BlockValueFunction.of(manager, critic, 3);
        assertEquals(new Shape(4), value.value(obs).getShape());

        SequentialBlock logits = new SequentialBlock().add(Linear.builder().setUnits(5).build());
        logits.setInitializer(OrthogonalInitializer.of(0.01, new SplittableRandom(2)), Parameter.Type.WEIGHT);
        BlockPolicy discrete = BlockPolicy.categorical(manager, logits, 3);
        assertEquals(new Shape(4, 5), ((DjlCategorical) discrete.distribution(obs)).logits().getShape());
        assertEquals(DataType.FLOAT32, discrete.forward(obs).get(0).getDataType());
    }
}
