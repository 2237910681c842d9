package dev.kl4j.ppo.algo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlCategorical;
import dev.kl4j.core.djl.DjlDiagNormal;
import dev.kl4j.core.djl.DjlDistribution;
import dev.kl4j.core.djl.DjlScopes;
import dev.kl4j.core.djl.DjlKlEstimators;
import dev.kl4j.ppo.policy.Policy;
import dev.kl4j.ppo.rollout.RolloutBuffer;

/**
 * One finished rollout as DJL arrays, owned by its own manager for the duration of one update, plus
 * the old policy π_old: its distribution parameters on every row, computed once by a forward pass before
 * the update changes anything (outside a gradient collector, so they are constants).
 *
 * <p>The log-probabilities log π_old(a_t|s_t) are taken from that same pass rather than from the rollout
 * (CleanRL and SB3 keep the rollout's): both are the old policy's, but a batched forward may differ from
 * the single-step ones in the last float32 bit, and taking them from one pass makes the first
 * minibatch's ratio exactly 1 and KL(π_old ‖ π) exactly 0 before the first step.
 */
public final class RolloutTensors implements AutoCloseable {
    private final NDManager manager;
    private final NDArray observations;
    private final NDArray actions;
    private final NDArray oldLogProbs;
    private final NDList oldParameters;
    private final float[] advantages;
    private final float[] returns;
    private final float[] oldValues;
    private final int rows;

    private RolloutTensors(NDManager manager, NDArray observations, NDArray actions, NDArray oldLogProbs,
            NDList oldParameters, float[] advantages, float[] returns, float[] oldValues) {
        this.manager = manager;
        this.observations = observations;
        this.actions = actions;
        this.oldLogProbs = oldLogProbs;
        this.oldParameters = oldParameters;
        this.advantages = advantages;
        this.returns = returns;
        this.oldValues = oldValues;
        this.rows = advantages.length;
    }

    /**
     * @param buffer   a finished rollout (GAE computed)
     * @param discrete whether actions are indices (int64 {@code [B]}) or vectors (float32 {@code [B, A]})
     * @param policy   the policy before the update (π_old)
     * @param parent   manager the arrays' own sub-manager hangs from
     * @return the tensors; close them after the update (call outside any {@code NDScope})
     */
    public static RolloutTensors of(RolloutBuffer buffer, boolean discrete, Policy policy, NDManager parent) {
        NDManager manager = parent.newSubManager();
        int b = buffer.size();
        NDArray observations = floats(manager, buffer.observations(), new Shape(b, buffer.observationSize()));
        NDArray actions;
        if (discrete) {
            float[] a = buffer.actions();
            long[] index = new long[b];
            for (int i = 0; i < b; i++) {
                index[i] = (long) a[i];
            }
            actions = manager.create(index, new Shape(b));
        } else {
            actions = floats(manager, buffer.actions(), new Shape(b, buffer.actionSize()));
        }
        // no gradient collector is open here, so the outputs are constants of the old parameters
        NDList oldParameters = DjlScopes.withIntermediatesClosedList(() -> policy.forward(observations));
        oldParameters.forEach(p -> p.attach(manager));
        DjlDistribution old = distributionOf(oldParameters);
        NDArray oldLogProbs = old.logProb(actions);
        oldLogProbs.attach(manager);
        float[] advantages = toFloats(buffer.advantages());
        float[] returns = toFloats(buffer.returns());
        float[] oldValues = toFloats(buffer.values());
        return new RolloutTensors(manager, observations, actions, oldLogProbs, oldParameters, advantages, returns,
                oldValues);
    }

    /**
     * The distribution a policy's raw outputs describe ({@link Policy#forward}): {@code [logits]} is a
     * categorical, {@code [mean, logStd]} a diagonal Gaussian.
     *
     * @param parameters raw outputs
     * @return the distribution over them
     */
    public static DjlDistribution distributionOf(NDList parameters) {
        if (parameters.size() == 1) {
            return DjlCategorical.fromLogits(parameters.get(0));
        }
        if (parameters.size() == 2) {
            return DjlDiagNormal.fromLogStd(parameters.get(0), parameters.get(1));
        }
        throw new InvalidArgumentException("parameters", "a policy's outputs must be [logits] or [mean, logStd], got "
                + parameters.size() + " arrays");
    }

    /** A minibatch: the rows picked, as arrays owned by the caller's scope. */
    public record Minibatch(NDArray observations, NDArray actions, NDArray oldLogProbs, NDArray advantages,
            NDArray returns, NDArray oldValues, DjlDistribution oldDistribution, int size) {
    }

    /**
     * Gathers rows into a minibatch. Advantages are normalised over the minibatch when asked (CleanRL's
     * {@code norm_adv}: (Â − mean) / (std + 1e-8), std with Bessel's correction as {@code torch.std}).
     *
     * @param index     row indices
     * @param normalize normalise the advantages
     * @return the minibatch (create it inside the step's {@code NDScope})
     */
    public Minibatch minibatch(int[] index, boolean normalize) {
        int n = index.length;
        long[] rowsIndex = new long[n];
        float[] adv = new float[n];
        float[] ret = new float[n];
        float[] val = new float[n];
        for (int i = 0; i < n; i++) {
            rowsIndex[i] = index[i];
            adv[i] = advantages[index[i]];
            ret[i] = returns[index[i]];
            val[i] = oldValues[index[i]];
        }
        if (normalize && n > 1) {
            double mean = 0;
            for (float a : adv) {
                mean += a;
            }
            mean /= n;
            double squares = 0;
            for (float a : adv) {
                squares += (a - mean) * (a - mean);
            }
            double std = Math.sqrt(squares / (n - 1));
            for (int i = 0; i < n; i++) {
                adv[i] = (float) ((adv[i] - mean) / (std + 1e-8));
            }
        }
        NDManager local = observations.getManager();
        NDArray idx = local.create(rowsIndex, new Shape(n));
        NDIndex pick = new NDIndex("{}", idx);
        NDList oldRows = new NDList();
        for (NDArray p : oldParameters) {
            // a state-independent log-std [A] is shared by every row
            oldRows.add(p.getShape().dimension() >= 2 ? p.get(pick) : p);
        }
        return new Minibatch(observations.get(pick), actions.get(pick), oldLogProbs.get(pick),
                floats(local, adv, new Shape(n)), floats(local, ret, new Shape(n)), floats(local, val, new Shape(n)),
                distributionOf(oldRows), n);
    }

    /**
     * KL(π_old ‖ π) over the whole rollout: the exact mean of the closed form, and the means of the
     * estimators k1 = −ln r and k3 = (r − 1) − ln r on the actions taken, r = π(a|s)/π_old(a|s)
     * (Schulman, "Approximating KL Divergence", 2020).
     *
     * @param policy the current policy π
     * @return {exact, k1, k3}
     */
    public double[] klFromOld(Policy policy) {
        NDArray all = DjlScopes.withIntermediatesClosed(() -> {
            DjlDistribution now = policy.distribution(observations);
            DjlDistribution old = distributionOf(oldParameters);
            NDArray logRatio = now.logProb(actions).sub(oldLogProbs);
            return NDArrays.stack(new NDList(old.kl(now).mean(), DjlKlEstimators.k1(logRatio).mean(),
                    DjlKlEstimators.k3(logRatio).mean()));
        });
        try (all) {
            return all.toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /** @return rows B */
    public int rows() {
        return rows;
    }

    /** @return all observations {@code [B, O]} */
    public NDArray observations() {
        return observations;
    }

    /** @return all actions */
    public NDArray actions() {
        return actions;
    }

    /** @return log π_old(a_t|s_t), {@code [B]} */
    public NDArray oldLogProbs() {
        return oldLogProbs;
    }

    /** @return π_old on every row */
    public DjlDistribution oldDistribution() {
        return distributionOf(oldParameters);
    }

    /** @return GAE advantages (not normalised), [B] */
    public float[] advantages() {
        return advantages;
    }

    /** @return value targets, [B] */
    public float[] returns() {
        return returns;
    }

    /** @return V_old(s_t), [B] */
    public float[] oldValues() {
        return oldValues;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** A float32 array libtorch owns (a copy: {@code create(float[])} only wraps a Java buffer). */
    static NDArray floats(NDManager manager, float[] values, Shape shape) {
        try (NDArray wrapped = manager.create(values, shape)) {
            return wrapped.duplicate();
        }
    }

    private static float[] toFloats(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
