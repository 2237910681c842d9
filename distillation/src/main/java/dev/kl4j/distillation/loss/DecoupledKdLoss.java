package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.kl4j.core.djl.DjlScalars;

/**
 * Decoupled knowledge distillation (Zhao, Cui, Song, Qiu and Liang 2022, "Decoupled Knowledge
 * Distillation"), which splits the KD term into a target-class part (TCKD) and a non-target part
 * (NCKD) and weights them separately. With y the hard label and logits scaled by 1/T:
 * <pre>
 *   b      = ( p_y, 1 − p_y )                       binary: target class against the rest
 *   p̂      = softmax over the classes c ≠ y           the distribution among non-target classes
 *   TCKD   = T² · KL( b_T ‖ b_S ),   NCKD = T² · KL( p̂_T ‖ p̂_S )
 *   L      = w_CE · CE(s, y) + α · TCKD + β · NCKD
 * </pre>
 * Defaults α = 1, β = 8, T = 4 and w_CE = 1 (the paper's CIFAR-100 setting and mdistiller's
 * {@code DKD} defaults; mdistiller also ramps the DKD part in over 20 warm-up epochs, a schedule left to
 * the trainer). The non-target distribution masks the target class with a logit of −∞, probability
 * exactly 0 (mdistiller subtracts 1000 instead). The loss is computed through the paper's identity
 * KD = TCKD + (1 − p_T,y)·NCKD (see {@link #rowLoss}), so ln(1 − p_y) is never formed and no probability is
 * subtracted from 1.
 *
 * <p>The one loss that does not call the core's {@code DjlDivergences}: written as two calls of
 * {@code klFromLogits} (the binary pair and the target-masked logits) a DKD epoch cost 1.36 × a
 * cross-entropy epoch; the single weighted sum of log-probability differences below costs 1.16 ×. It is
 * tested against a reference built from the core's {@code DiscreteDivergences.kl} on the two distributions
 * of the formula above, and its gradient against finite differences.
 */
public final class DecoupledKdLoss extends DistillationLoss {
    /** Default weight of TCKD. */
    public static final float DEFAULT_ALPHA = 1f;
    /** Default weight of NCKD. */
    public static final float DEFAULT_BETA = 8f;
    /** Default temperature. */
    public static final float DEFAULT_TEMPERATURE = 4f;
    /** Default weight of the cross-entropy on hard labels. */
    public static final float DEFAULT_CE_WEIGHT = 1f;

    private final float alpha;
    private final float beta;
    private final float temperature;
    private final float crossEntropyWeight;

    /**
     * Creates the loss with the given settings, checked when made (a bad value throws
     * {@link dev.kl4j.core.InvalidArgumentException} naming it).
     *
     * @param alpha              weight of TCKD, ≥ 0
     * @param beta               weight of NCKD, ≥ 0
     * @param temperature        T &gt; 0
     * @param crossEntropyWeight weight of CE(s, y), ≥ 0
     * @param teacherOutput      what the teacher's array holds
     */
    public DecoupledKdLoss(float alpha, float beta, float temperature, float crossEntropyWeight,
            TeacherOutput teacherOutput) {
        super("DecoupledKdLoss", teacherOutput);
        this.alpha = requireNonNegative("alpha", alpha);
        this.beta = requireNonNegative("beta", beta);
        this.temperature = requireTemperature(temperature);
        this.crossEntropyWeight = requireNonNegative("crossEntropyWeight", crossEntropyWeight);
    }

    /** {@return α, the weight of TCKD} */
    public float alpha() {
        return alpha;
    }

    /** {@return β, the weight of NCKD} */
    public float beta() {
        return beta;
    }

    /** {@return T} */
    public float temperature() {
        return temperature;
    }

    /** {@return the weight of the cross-entropy term} */
    public float crossEntropyWeight() {
        return crossEntropyWeight;
    }

    @Override
    protected boolean usesHardLabels() {
        return true;
    }

    /**
     * The formula of the class comment in few operations (on {@code [128 × 10]} logits the fixed cost of
     * each tensor operation, not the arithmetic, is the price). Zhao et al. (Section 3.1) rewrite classical
     * KD as KD = TCKD + (1 − p_T,y)·NCKD, with KD = T²·KL(p_T ‖ p_S) over all classes; hence
     * <pre>
     *   α·TCKD + β·NCKD = T² · Σ_c [ α·p_T,c·(ln p_T,c − ln p_S,c) + w·p̂_T,c·(ln p̂_T,c − ln p̂_S,c) ],
     *   w = β − α·(1 − p_T,y) = (β − α) + α·p_T,y,
     * </pre>
     * the second term 0 at c = y (p̂_T,y = 0). So ln(1 − p_y) is never formed, no probability is subtracted
     * from 1, and the student needs two log-softmaxes (all classes; the target at −∞) and one weighted sum
     * of differences of log-probabilities. Every weight is the teacher's (detached: only the student's
     * logits get a gradient). A teacher log-probability of −∞ (probability 0, e.g. from
     * {@link TeacherOutput#PROBABILITIES}) has weight 0 and is clamped to the lowest finite float, so its
     * term is exactly 0 (0·ln 0 = 0) and no NaN reaches the value or the gradient.
     */
    @Override
    protected NDArray rowLoss(NDArray studentLogits, NDArray teacherLogits, NDArray hardLabels) {
        NDArray target = targetMask(hardLabels, studentLogits);
        NDArray nonTarget = target.logicalNot();
        NDArray zero = zero(studentLogits);
        NDArray minusInfinity = DjlScalars.of(studentLogits, Float.NEGATIVE_INFINITY);
        NDArray lowest = DjlScalars.of(studentLogits, -Float.MAX_VALUE);
        float squaredTemperature = temperature * temperature;

        // The teacher: ln p_T, ln p̂_T (−∞ at y) and the weights T²·α·p_T,c and T²·w·p̂_T,c.
        NDArray teacherScaled = divideByTemperature(teacherLogits.stopGradient(), temperature);
        NDArray teacherLogProbs = teacherScaled.logSoftmax(-1);
        NDArray teacherNonTargetLogProbs = nonTargetLogSoftmax(teacherScaled, nonTarget, minusInfinity);
        NDArray teacherProbs = teacherLogProbs.exp();
        NDArray teacherTargetProb = NDArrays.where(target, teacherProbs, zero).sum(new int[] {-1}, true);
        NDArray nonTargetWeight = teacherTargetProb.mul(DjlScalars.of(teacherProbs, squaredTemperature * alpha))
                .add(DjlScalars.of(teacherProbs, squaredTemperature * (beta - alpha)));
        NDArray allClassWeights = scale(teacherProbs, squaredTemperature * alpha);
        NDArray nonTargetWeights = teacherNonTargetLogProbs.exp().mul(nonTargetWeight);

        // The student: ln p_S and ln p̂_S, the latter set to 0 at y (where its weight is 0) instead of −∞.
        NDArray studentScaled = divideByTemperature(studentLogits, temperature);
        NDArray studentLogProbs = studentScaled.logSoftmax(-1);
        NDArray studentNonTargetLogProbs = NDArrays.where(nonTarget,
                nonTargetLogSoftmax(studentScaled, nonTarget, minusInfinity), zero);

        NDArray loss = allClassWeights.mul(teacherLogProbs.maximum(lowest).sub(studentLogProbs))
                .add(nonTargetWeights.mul(teacherNonTargetLogProbs.maximum(lowest).sub(studentNonTargetLogProbs)))
                .sum(new int[] {-1});
        if (crossEntropyWeight > 0f) {
            // CE(s, y) = −ln softmax(s)_y at temperature 1, picked with the same mask.
            NDArray logProbs = temperature == 1f ? studentLogProbs : studentLogits.logSoftmax(-1);
            NDArray targetLogProb = NDArrays.where(target, logProbs, zero).sum(new int[] {-1});
            loss = loss.sub(scale(targetLogProb, crossEntropyWeight));
        }
        return loss;
    }

    /** ln p̂: the log-softmax over the classes c ≠ y (the target's logit set to −∞, so ln p̂_y = −∞). */
    private static NDArray nonTargetLogSoftmax(NDArray scaledLogits, NDArray nonTarget, NDArray minusInfinity) {
        return NDArrays.where(nonTarget, scaledLogits, minusInfinity).logSoftmax(-1);
    }
}
