package dev.kl4j.ppo.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlDistribution;
import dev.kl4j.ppo.policy.MlpPolicy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrpoTest {
    private static final int BATCH = 256;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray observations(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[BATCH][size];
        for (float[] row : x) {
            for (int j = 0; j < size; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return manager.create(x);
    }

    /**
     * A Gaussian policy and advantages that reward actions near the mean (|ε| below its median) and
     * punish the others: the surrogate wants a smaller σ, and KL(σ_old ‖ σ_new) grows much faster than
     * its quadratic model when σ shrinks (it is −x + (e^{2x} − 1)/2 for ln σ_new = ln σ_old − x), so the
     * full step of a generous trust region overshoots δ.
     */
    private record ShrinkProblem(MlpPolicy policy, NDArray observations, NDArray actions, NDArray advantages) {
    }

    private ShrinkProblem shrinkProblem() {
        MlpPolicy policy = MlpPolicy.builder(2).hiddenSizes(8).gaussian(1).build(manager, new SplittableRandom(1));
        NDArray obs = observations(2, 2);
        float[] mean = policy.distribution(obs).mode().toFloatArray();
        SplittableRandom rng = new SplittableRandom(3);
        float[] actions = new float[BATCH];
        float[] advantages = new float[BATCH];
        for (int b = 0; b < BATCH; b++) {
            double epsilon = rng.nextGaussian();
            actions[b] = (float) (mean[b] + epsilon);   // σ = 1 initially
            advantages[b] = Math.abs(epsilon) < 0.6745 ? 1f : -1f;
        }
        return new ShrinkProblem(policy, obs, manager.create(actions).reshape(BATCH, 1), manager.create(advantages));
    }

    @Test
    void theLineSearchNeverAcceptsAStepBeyondTheTrustRegion() {
        ShrinkProblem problem = shrinkProblem();
        DjlDistribution old = problem.policy().distribution(problem.observations());
        Trpo.Config config = Trpo.Config.defaults().withMaxKl(0.5).withDamping(1e-3);
        Trpo.Diagnostics d = Trpo.update(problem.policy(), problem.observations(), problem.actions(),
                problem.advantages(), old, config);
        assertTrue(d.fullStepKl() > config.maxKl(), "the full step must violate the constraint: " + d);
        assertTrue(d.accepted(), d.toString());
        assertTrue(d.stepsTried() > 1, d.toString());
        assertTrue(d.kl() <= config.maxKl(), d.toString());
        assertEquals(Math.pow(0.8, d.stepsTried() - 1), d.stepFraction(), 1e-12);
        // The reported KL and improvement are those of the parameters now in the policy.
        DjlDistribution now = problem.policy().distribution(problem.observations());
        assertEquals(d.kl(), old.kl(now).mean().getFloat(), 1e-6);
        assertTrue(d.surrogateImprovement() > 0);
        assertTrue(DjlDistributionsForTest.meanLogStd(now) < 0, "σ shrank");
    }

    @Test
    void theOldParametersStayWhenNoStepIsAccepted() {
        ShrinkProblem problem = shrinkProblem();
        ParameterVector parameters = ParameterVector.of(problem.policy().parameters());
        double[] before = parameters.values();
        // Only the full step is tried, and it violates the constraint.
        Trpo.Diagnostics d = Trpo.update(problem.policy(), problem.observations(), problem.actions(),
                problem.advantages(), Trpo.Config.defaults().withMaxKl(0.5).withDamping(1e-3).withMaxBacktracks(1));
        assertFalse(d.accepted());
        assertTrue(d.fullStepKl() > 0.5);
        assertEquals(0, d.kl());
        assertArrayEquals(before, parameters.values());
        // Zero advantages: no direction improves the surrogate, nothing changes.
        Trpo.Diagnostics none = Trpo.update(problem.policy(), problem.observations(), problem.actions(),
                manager.zeros(problem.advantages().getShape()), Trpo.Config.defaults());
        assertFalse(none.accepted());
        assertArrayEquals(before, parameters.values());
    }

    @Test
    void aDefaultStepOnACategoricalPolicyImprovesTheSurrogateInsideTheTrustRegion() {
        MlpPolicy policy = MlpPolicy.categorical(manager, 4, 3, new SplittableRandom(5));
        NDArray obs = observations(4, 6);
        DjlDistribution old = policy.distribution(obs);
        NDArray actions = old.sample(new SplittableRandom(7));
        // Reward action 0 in states whose first feature is positive, action 2 elsewhere.
        float[] x = obs.toFloatArray();
        long[] a = actions.toLongArray();
        float[] advantages = new float[BATCH];
        for (int b = 0; b < BATCH; b++) {
            long good = x[b * 4] > 0 ? 0 : 2;
            advantages[b] = a[b] == good ? 1f : -0.5f;
        }
        Trpo.Diagnostics d = Trpo.update(policy, obs, actions, manager.create(advantages), old, Trpo.Config.defaults());
        assertTrue(d.accepted(), d.toString());
        assertTrue(d.kl() > 0 && d.kl() <= 0.01, d.toString());
        assertTrue(d.surrogateImprovement() > 0);
        // For a step this small the linear model predicts the improvement to within a few tens of percent.
        assertEquals(d.expectedImprovement() * d.stepFraction(), d.surrogateImprovement(),
                0.3 * d.expectedImprovement() * d.stepFraction(), d.toString());
        assertTrue(d.cgIterations() >= 1 && d.cgIterations() <= 10);
    }

    @Test
    void anUpdateLeavesNoArraysBehind() {
        ShrinkProblem problem = shrinkProblem();
        int before = manager.getManagedArrays().size();
        for (int i = 0; i < 3; i++) {
            Trpo.update(problem.policy(), problem.observations(), problem.actions(), problem.advantages(),
                    Trpo.Config.defaults());
        }
        assertEquals(before, manager.getManagedArrays().size());
    }

    @Test
    void badSettingsAreRejectedByName() {
        assertEquals("maxKl", assertThrows(InvalidArgumentException.class,
                () -> Trpo.Config.defaults().withMaxKl(0)).argument());
        assertEquals("backtrackFactor", assertThrows(InvalidArgumentException.class,
                () -> Trpo.Config.defaults().withBacktrackFactor(1)).argument());
        assertEquals("damping", assertThrows(InvalidArgumentException.class,
                () -> Trpo.Config.defaults().withDamping(-1)).argument());
        ShrinkProblem problem = shrinkProblem();
        NDArray nan = manager.create(new float[BATCH]);
        nan.set(new ai.djl.ndarray.index.NDIndex("3"), Float.NaN);
        assertEquals("advantages", assertThrows(InvalidArgumentException.class, () -> Trpo.update(problem.policy(),
                problem.observations(), problem.actions(), nan, Trpo.Config.defaults())).argument());
        assertEquals("advantages", assertThrows(InvalidArgumentException.class, () -> Trpo.update(problem.policy(),
                problem.observations(), problem.actions(), manager.zeros(new ai.djl.ndarray.types.Shape(3)),
                Trpo.Config.defaults())).argument());
        Trpo.Config defaults = Trpo.Config.defaults();
        assertEquals(0.01, defaults.maxKl());
        assertEquals(0.1, defaults.damping());
        assertEquals(10, defaults.cgIterations());
        assertEquals(0.8, defaults.backtrackFactor());
        assertEquals(10, defaults.maxBacktracks());
    }
}
