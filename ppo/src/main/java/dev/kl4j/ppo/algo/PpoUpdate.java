package dev.kl4j.ppo.algo;

import dev.kl4j.core.djl.DjlAdam;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlDistribution;
import dev.kl4j.core.djl.DjlKlEstimators;
import dev.kl4j.core.djl.DjlScalars;
import dev.kl4j.ppo.policy.Policy;
import dev.kl4j.ppo.policy.ValueFunction;
import java.util.random.RandomGenerator;

/**
 * One PPO update over a rollout, as CleanRL's ppo.py runs it: {@code epochs} passes over the rollout in
 * shuffled minibatches, each a gradient step on
 * <pre>
 *   L = L^policy(θ) + c_v · L^V − c_e · Ê[H(π_θ(·|s_t))]
 * </pre>
 * where L^policy is the {@link PolicyObjective} ({@link PpoClip}: eq. 7 of Schulman et al. 2017;
 * {@link PpoKlPenalty}: section 4), L^V the value regression onto the GAE returns R_t (eq. 9's
 * L^VF, as Stable-Baselines3 computes it: mean (V − R)²), optionally clipped around the old value as in
 * OpenAI Baselines' ppo2 and CleanRL ({@code clip_vloss}):
 * <pre>
 *   V_clip = V_old + clip(V − V_old, −ε_V, ε_V),    L^V = Ê[ max((V − R)², (V_clip − R)²) ]
 * </pre>
 * and the entropy bonus H. CleanRL's ppo.py halves the value term ({@code v_loss = 0.5 * ...mean()}), so its
 * {@code vf_coef} c corresponds to c_v = c/2 here; Stable-Baselines3 does not halve it. Per step: the
 * gradient's global norm is clipped ({@link GradientClipping}),
 * then Adam steps with the given learning rate. Each minibatch's arrays live in one {@code NDScope};
 * the clipping and the optimiser step run after the scope has closed.
 *
 * <p>Early stopping on {@code targetKl}, with k3 = mean((r − 1) − ln r) of the minibatch computed from
 * the same forward pass, before its step:
 * {@link TargetKlPlacement#MINIBATCH} (Stable-Baselines3) skips the step and ends the update when
 * k3 &gt; 1.5·targetKl; {@link TargetKlPlacement#EPOCH} (CleanRL) ends the update after an epoch whose
 * last minibatch had k3 &gt; targetKl.
 */
public final class PpoUpdate {
    private PpoUpdate() {
    }

    /**
     * Settings of the minibatch loop.
     *
     * @param epochs              passes over the rollout (K in the paper)
     * @param minibatchSize       rows per step (the last minibatch of a pass may be smaller)
     * @param valueCoefficient    c_v
     * @param entropyCoefficient  c_e
     * @param valueClipRange      ε_V, or NaN for no value clipping
     * @param maxGradNorm         global norm limit (+∞: none)
     * @param normalizeAdvantages per-minibatch advantage normalisation
     * @param targetKl            early-stop threshold, NaN for none
     * @param placement           where the threshold is checked
     */
    public record Settings(int epochs, int minibatchSize, double valueCoefficient, double entropyCoefficient,
            double valueClipRange, double maxGradNorm, boolean normalizeAdvantages, double targetKl,
            TargetKlPlacement placement) {
        /**
         * Checks the values.
         *
         * @param epochs passes over the rollout (K in the paper)
         * @param minibatchSize rows per step (the last minibatch of a pass may be smaller)
         * @param valueCoefficient c_v
         * @param entropyCoefficient c_e
         * @param valueClipRange ε_V, or NaN for no value clipping
         * @param maxGradNorm global norm limit (+∞: none)
         * @param normalizeAdvantages per-minibatch advantage normalisation
         * @param targetKl early-stop threshold, NaN for none
         * @param placement where the threshold is checked
         */
        public Settings {
            if (epochs < 1 || minibatchSize < 1) {
                throw new InvalidArgumentException("epochs", "epochs and minibatchSize must be >= 1, got " + epochs
                        + " and " + minibatchSize);
            }
        }
    }

    /** Means over the gradient steps taken. */
    public record Statistics(double policyLoss, double valueLoss, double entropy, double clipFraction,
            double gradientNorm, int gradientSteps, int epochsCompleted, boolean stoppedEarly) {
    }

    /**
     * Runs the update of the class comment: {@code epochs} shuffled passes, one clipped-gradient Adam step per
     * minibatch on L = L^policy + c_v L^V − c_e Ê[H], with the {@code targetKl} early stop on k3.
     *
     * @param policy        π_θ (updated in place)
     * @param valueFunction V_φ (updated in place)
     * @param parameters    θ and φ together, the parameters {@code optimizer} steps
     * @param optimizer     Adam over {@code parameters}
     * @param rollout       the rollout with π_old
     * @param objective     the policy loss
     * @param settings      loop settings
     * @param learningRate  lr of this update
     * @param rng           shuffles the minibatches
     * @return means of the losses and diagnostics over the steps taken
     */
    public static Statistics run(Policy policy, ValueFunction valueFunction, ParameterList parameters, DjlAdam optimizer,
            RolloutTensors rollout, PolicyObjective objective, Settings settings, double learningRate,
            RandomGenerator rng) {
        int rows = rollout.rows();
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        double policyLossSum = 0;
        double valueLossSum = 0;
        double entropySum = 0;
        double clipFractionSum = 0;
        double normSum = 0;
        int steps = 0;
        int epochsCompleted = 0;
        boolean stop = false;
        for (int epoch = 0; epoch < settings.epochs() && !stop; epoch++) {
            shuffle(order, rng);
            double lastK3 = Double.NaN;
            for (int start = 0; start < rows && !stop; start += settings.minibatchSize()) {
                int[] index = java.util.Arrays.copyOfRange(order, start, Math.min(rows, start + settings.minibatchSize()));
                try (NDScope scope = new NDScope();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    RolloutTensors.Minibatch mb = rollout.minibatch(index, settings.normalizeAdvantages());
                    DjlDistribution current = policy.distribution(mb.observations());
                    NDArray logRatio = current.logProb(mb.actions()).sub(mb.oldLogProbs());
                    NDArray ratio = logRatio.exp();
                    NDArray k3 = DjlKlEstimators.k3(logRatio.stopGradient()).mean();
                    if (settings.placement() == TargetKlPlacement.MINIBATCH && !Double.isNaN(settings.targetKl())) {
                        lastK3 = k3.getFloat();       // k3 of this minibatch before its step (SB3's approx_kl)
                        if (lastK3 > 1.5 * settings.targetKl()) {
                            stop = true; // SB3 ppo.py: "Early stopping at step ... due to reaching max kl"
                            break;
                        }
                    }
                    NDArray policyLoss = objective.loss(mb, current, ratio);
                    NDArray valueLoss = valueLoss(valueFunction.value(mb.observations()), mb.returns(), mb.oldValues(),
                            settings.valueClipRange());
                    NDArray entropy = current.entropy().mean();
                    NDArray loss = policyLoss
                            .add(valueLoss.mul(DjlScalars.of(valueLoss, (float) settings.valueCoefficient())))
                            .sub(entropy.mul(DjlScalars.of(entropy, (float) settings.entropyCoefficient())));
                    collector.backward(loss);
                    // the diagnostics of this step, read back in one transfer
                    NDArray clipped = ratio.stopGradient().sub(DjlScalars.of(ratio, 1f)).abs()
                            .gt(objective.clipRange()).toType(DataType.FLOAT32, false).mean();
                    float[] d = NDArrays.stack(new NDList(policyLoss.stopGradient(), valueLoss.stopGradient(),
                            entropy.stopGradient(), clipped, k3.toType(DataType.FLOAT32, false))).toFloatArray();
                    policyLossSum += d[0];
                    valueLossSum += d[1];
                    entropySum += d[2];
                    clipFractionSum += d[3];
                    lastK3 = d[4];
                }
                // the update, outside the step's scope
                normSum += GradientClipping.clipByGlobalNorm(parameters, settings.maxGradNorm());
                optimizer.step(learningRate);
                steps++;
            }
            if (!stop) {
                epochsCompleted++;
            }
            if (settings.placement() == TargetKlPlacement.EPOCH && lastK3 > settings.targetKl()) {
                stop = true; // CleanRL ppo.py: break out of the epochs when approx_kl > target_kl
            }
        }
        int n = Math.max(steps, 1);
        return new Statistics(policyLossSum / n, valueLossSum / n, entropySum / n, clipFractionSum / n, normSum / n,
                steps, epochsCompleted, stop);
    }

    /**
     * The value loss: mean (V − R)², or with clipping mean max((V − R)², (V_clip − R)²),
     * V_clip = V_old + clip(V − V_old, −ε_V, ε_V) (class comment; SB3's {@code F.mse_loss}, without CleanRL's ½).
     *
     * @param values    V_φ(s_t), {@code [B]}
     * @param returns   R_t, {@code [B]}
     * @param oldValues V_old(s_t), {@code [B]}
     * @param clipRange ε_V, or NaN for none
     * @return the scalar loss
     */
    public static NDArray valueLoss(NDArray values, NDArray returns, NDArray oldValues, double clipRange) {
        return dev.kl4j.core.djl.DjlScopes.withIntermediatesClosed(() -> {
            NDArray unclipped = values.sub(returns).square();
            if (Double.isNaN(clipRange)) {
                return unclipped.mean();
            }
            NDArray clippedValues = oldValues.add(values.sub(oldValues).clip(-clipRange, clipRange));
            return unclipped.maximum(clippedValues.sub(returns).square()).mean();
        });
    }

    /**
     * Fisher–Yates with the run's generator, so the same seed gives the same minibatches.
     *
     * @param a   the array to permute in place
     * @param rng the generator
     */
    public static void shuffle(int[] a, RandomGenerator rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
