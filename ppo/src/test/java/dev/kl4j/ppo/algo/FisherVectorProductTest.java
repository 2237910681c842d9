package dev.kl4j.ppo.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.djl.DjlDistribution;
import dev.kl4j.ppo.policy.MlpPolicy;
import dev.kl4j.ppo.policy.Policy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * F v from the Gauss–Newton form against an independent reference: the Hessian of the mean KL
 * θ ↦ (1/B) Σ KL(π_θold ‖ π_θ) at θ = θ_old, applied to v by a central difference of its exact gradients
 * (DJL autograd, float64).
 */
class FisherVectorProductTest {
    private static final int OBSERVATIONS = 3;
    private static final int BATCH = 7;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private MlpPolicy tinyPolicy(boolean gaussian, DataType type, long seed) {
        MlpPolicy.Builder builder = MlpPolicy.builder(OBSERVATIONS).hiddenSizes(5, 4).dataType(type).initialLogStd(-0.3);
        builder = gaussian ? builder.gaussian(2) : builder.categorical(3);
        MlpPolicy policy = builder.build(manager, new SplittableRandom(seed));
        // Heads with gain 0.01 make a nearly constant policy; perturb every parameter so J is generic.
        ParameterVector parameters = ParameterVector.of(policy.parameters());
        double[] theta = parameters.values();
        SplittableRandom rng = new SplittableRandom(seed + 1);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.5 * rng.nextGaussian();
        }
        parameters.set(theta);
        return policy;
    }

    private NDArray observations(DataType type) {
        SplittableRandom rng = new SplittableRandom(9);
        double[][] x = new double[BATCH][OBSERVATIONS];
        for (double[] row : x) {
            for (int j = 0; j < OBSERVATIONS; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return manager.create(x).toType(type, false);
    }

    private static double[] direction(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    /** ∇_θ (1/B) Σ KL(old ‖ π_θ) by autograd at the policy's current parameters. */
    private static double[] klGradient(Policy policy, DjlDistribution old, NDArray observations) {
        ParameterVector parameters = ParameterVector.of(policy.parameters());
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(old.kl(policy.distribution(observations)).mean());
        }
        double[] g = parameters.gradient();
        parameters.zeroGradients();
        return g;
    }

    /** H v ≈ (∇KL(θ + εv) − ∇KL(θ − εv)) / 2ε in float64. */
    private static double[] referenceHessianProduct(Policy policy, NDArray observations, double[] v) {
        ParameterVector parameters = ParameterVector.of(policy.parameters());
        double[] theta = parameters.values();
        DjlDistribution old = policy.distribution(observations);
        double epsilon = 1e-5;
        double[] plus = new double[theta.length];
        double[] minus = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            plus[i] = theta[i] + epsilon * v[i];
            minus[i] = theta[i] - epsilon * v[i];
        }
        parameters.set(plus);
        double[] gPlus = klGradient(policy, old, observations);
        parameters.set(minus);
        double[] gMinus = klGradient(policy, old, observations);
        parameters.set(theta);
        double[] hv = new double[theta.length];
        for (int i = 0; i < hv.length; i++) {
            hv[i] = (gPlus[i] - gMinus[i]) / (2 * epsilon);
        }
        return hv;
    }

    private static double relativeError(double[] expected, double[] actual) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += (expected[i] - actual[i]) * (expected[i] - actual[i]);
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(diff / norm);
    }

    @Test
    void matchesTheFiniteDifferenceHessianOfTheMeanKl() {
        for (boolean gaussian : new boolean[] {false, true}) {
            MlpPolicy reference = tinyPolicy(gaussian, DataType.FLOAT64, 4);
            MlpPolicy single = tinyPolicy(gaussian, DataType.FLOAT32, 4);
            // Same parameters in both precisions: the float32 values, widened.
            ParameterVector.of(reference.parameters()).set(ParameterVector.of(single.parameters()).values());
            NDArray obs64 = observations(DataType.FLOAT64);
            NDArray obs32 = observations(DataType.FLOAT32);
            for (long seed = 20; seed < 23; seed++) {
                double[] v = direction(ParameterVector.of(reference.parameters()).size(), seed);
                double[] expected = referenceHessianProduct(reference, obs64, v);
                double[] exact64 = FisherVectorProduct.of(reference, obs64, 0).apply(v);
                double[] approx32 = FisherVectorProduct.of(single, obs32, 0).apply(v);
                double error64 = relativeError(expected, exact64);
                double error32 = relativeError(expected, approx32);
                assertTrue(error64 < 1e-7, (gaussian ? "gaussian" : "categorical") + " float64 relative error " + error64);
                assertTrue(error32 < 5e-4, (gaussian ? "gaussian" : "categorical") + " float32 relative error " + error32);
            }
        }
    }

    @Test
    void addsDampingAndRestoresTheParametersBitForBit() {
        MlpPolicy policy = tinyPolicy(true, DataType.FLOAT32, 8);
        NDArray obs = observations(DataType.FLOAT32);
        ParameterVector parameters = ParameterVector.of(policy.parameters());
        double[] before = parameters.values();
        double[] v = direction(parameters.size(), 3);
        double[] undamped = FisherVectorProduct.of(policy, obs, 0).apply(v);
        double[] damped = FisherVectorProduct.of(policy, obs, 0.1).apply(v);
        assertArrayEquals(before, parameters.values());
        for (int i = 0; i < v.length; i++) {
            assertEquals(undamped[i] + 0.1 * v[i], damped[i], 1e-6 * (1 + Math.abs(damped[i])));
        }
        // F is positive semi-definite: vᵀ F v ≥ 0.
        assertTrue(ConjugateGradient.dot(v, undamped) > 0);
    }
}
