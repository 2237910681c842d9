package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.kl4j.core.djl.DjlDivergences;
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
 * the trainer). The non-target distribution masks the target class with a logit of −∞, which
 * {@link DjlDivergences#klFromLogits} treats as probability exactly 0 (mdistiller subtracts 1000
 * instead). ln(1 − p_y) = logsumexp_{c≠y} z_c − logsumexp_c z_c, so no probability is subtracted from 1.
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
     * The formula of the class comment, in few operations (on {@code [128 × 10]} logits each operation's
     * fixed cost, not the arithmetic, is the price): one log-softmax per side; ln p_y picked from it;
     * ln(1 − p_y) as the log-sum-exp of the non-target log-probabilities (never 1 − p_y); TCKD written out as
     * the two-term binary KL; NCKD as one {@link DjlDivergences#klFromLogits} on the log-probabilities with
     * the target set to −∞ (a shift of the non-target logits by a constant per row, so the same softmax).
     * The teacher's side is detached: only the student's logits get a gradient.
     */
    @Override
    protected NDArray rowLoss(NDArray studentLogits, NDArray teacherLogits, NDArray hardLabels) {
        NDArray target = targetMask(hardLabels, studentLogits);
        NDArray nonTarget = target.logicalNot();
        NDArray minusInfinity = DjlScalars.of(studentLogits, Float.NEGATIVE_INFINITY);
        NDArray zero = zero(studentLogits);
        Side teacher = Side.of(divideByTemperature(teacherLogits.stopGradient(), temperature), target, nonTarget,
                minusInfinity, zero);
        Side student = Side.of(divideByTemperature(studentLogits, temperature), target, nonTarget,
                minusInfinity, zero);
        // TCKD = Σ_k b_T,k (ln b_T,k − ln b_S,k) over k ∈ {y, rest}; a teacher term with b_T,k = 0
        // (ln b_T,k = −∞, possible for teacher probabilities) adds 0 (0·ln 0 = 0): ln b_T,k is replaced by
        // 0 there, on the teacher's side, so no −∞ reaches the product or the gradient (b_S is finite).
        NDArray binaryTeacher = teacher.binaryLogProbs();
        NDArray binaryStudent = student.binaryLogProbs();
        NDArray teacherMass = binaryTeacher.exp();
        NDArray finiteTeacher = NDArrays.where(binaryTeacher.isInfinite().logicalNot(), binaryTeacher, zero);
        NDArray tckd = teacherMass.mul(finiteTeacher.sub(binaryStudent)).sum(new int[] {-1});
        NDArray nckd = DjlDivergences.klFromLogits(teacher.nonTargetLogProbs(), student.nonTargetLogProbs());
        float squaredTemperature = temperature * temperature;
        NDArray loss = scale(tckd, alpha * squaredTemperature).add(scale(nckd, beta * squaredTemperature));
        if (crossEntropyWeight > 0f) {
            // CE(s, y) = −ln softmax(s)_y, at temperature 1, picked with the same mask.
            NDArray logProbs = studentLogits.logSoftmax(-1);
            NDArray targetLogProb = NDArrays.where(target, logProbs, zero).sum(new int[] {-1});
            loss = loss.sub(scale(targetLogProb, crossEntropyWeight));
        }
        return loss;
    }

    /**
     * One side's log-probabilities at temperature T: ln p (all classes), ln p with the target at −∞
     * (the non-target logits up to a constant per row), ln p_y and ln(1 − p_y), each {@code [..., 1]}.
     */
    private record Side(NDArray logProbs, NDArray nonTargetLogProbs, NDArray logTarget, NDArray logRest) {
        static Side of(NDArray scaledLogits, NDArray target, NDArray nonTarget, NDArray minusInfinity, NDArray zero) {
            NDArray logProbs = scaledLogits.logSoftmax(-1);
            NDArray nonTargetLogProbs = NDArrays.where(nonTarget, logProbs, minusInfinity);
            // ln p_y: the target's entry, picked by the mask (where, not a product with a one-hot).
            NDArray logTarget = NDArrays.where(target, logProbs, zero).sum(new int[] {-1}, true);
            // ln(1 − p_y) = ln Σ_{c≠y} p_c, shifted by the row's largest non-target log-probability (a
            // constant for the gradient), so it stays finite when p_y is 1 to float precision.
            NDArray max = nonTargetLogProbs.max(new int[] {-1}, true).stopGradient();
            NDArray logRest = nonTargetLogProbs.sub(max).exp().sum(new int[] {-1}, true).log().add(max);
            return new Side(logProbs, nonTargetLogProbs, logTarget, logRest);
        }

        /** (ln p_y, ln(1 − p_y)), {@code [..., 2]}. */
        NDArray binaryLogProbs() {
            return logTarget.concat(logRest, -1);
        }
    }
}
