package dev.kl4j.distillation.loss;

import dev.kl4j.distillation.loss.DistillationLoss.TeacherOutput;

/**
 * Static factories for the distillation losses, each taking teacher <em>logits</em>; the constructors
 * take {@link TeacherOutput#PROBABILITIES} when the teacher gives probabilities. Each factory's formula is
 * that of the class it returns, whose Javadoc gives the source and the zero conventions; all reduce by the
 * batch mean over unmasked rows ({@link DistillationLoss}).
 *
 * <pre>{@code
 *   Loss loss = DistillationLosses.hinton(4f, 0.9f);
 *   TrainingConfig config = new DefaultTrainingConfig(loss).addEvaluator(new Accuracy());
 *   // dataset labels: [hard labels, cached teacher logits]
 * }</pre>
 */
public final class DistillationLosses {
    private DistillationLosses() {
    }

    /** {@return Hinton's loss with T = 4, α = 0.9} */
    public static HintonLoss hinton() {
        return hinton(HintonLoss.DEFAULT_TEMPERATURE, HintonLoss.DEFAULT_ALPHA);
    }

    /**
     * {@return α·T²·KL(softmax(t/T)‖softmax(s/T)) + (1−α)·CE(s, y)}
     *
     * @param temperature T &gt; 0
     * @param alpha       weight of the soft-target term, in [0, 1]
     */
    public static HintonLoss hinton(float temperature, float alpha) {
        return new HintonLoss(temperature, alpha, TeacherOutput.LOGITS);
    }

    /** {@return KL(teacher ‖ student) at T = 1} */
    public static ForwardKlLoss forwardKl() {
        return forwardKl(1f);
    }

    /**
     * {@return T²·KL(softmax(t/T) ‖ softmax(s/T))}
     *
     * @param temperature T &gt; 0
     */
    public static ForwardKlLoss forwardKl(float temperature) {
        return new ForwardKlLoss(temperature, TeacherOutput.LOGITS);
    }

    /** {@return KL(student ‖ teacher) at T = 1} */
    public static ReverseKlLoss reverseKl() {
        return reverseKl(1f);
    }

    /**
     * {@return T²·KL(softmax(s/T) ‖ softmax(t/T))}
     *
     * @param temperature T &gt; 0
     */
    public static ReverseKlLoss reverseKl(float temperature) {
        return new ReverseKlLoss(temperature, TeacherOutput.LOGITS);
    }

    /** {@return the generalized JSD with β = 0.5, T = 1} */
    public static GeneralizedJsdLoss generalizedJsd() {
        return generalizedJsd(GeneralizedJsdLoss.DEFAULT_BETA, 1f);
    }

    /**
     * {@return T²·[β·KL(p‖M) + (1−β)·KL(q‖M)], M = βp + (1−β)q}
     *
     * @param beta        β in [0, 1]
     * @param temperature T &gt; 0
     */
    public static GeneralizedJsdLoss generalizedJsd(float beta, float temperature) {
        return new GeneralizedJsdLoss(beta, temperature, TeacherOutput.LOGITS);
    }

    /** {@return the skew KL with α = 0.1, T = 1} */
    public static SkewKlLoss skewKl() {
        return skewKl(SkewKlLoss.DEFAULT_SKEW, 1f);
    }

    /**
     * {@return T²·KL(p ‖ αp + (1−α)q)}
     *
     * @param skew        α in [0, 1)
     * @param temperature T &gt; 0
     */
    public static SkewKlLoss skewKl(float skew, float temperature) {
        return new SkewKlLoss(SkewKlLoss.Direction.FORWARD, skew, temperature, TeacherOutput.LOGITS);
    }

    /** {@return the skew reverse KL with α = 0.1, T = 1} */
    public static SkewKlLoss skewReverseKl() {
        return skewReverseKl(SkewKlLoss.DEFAULT_SKEW, 1f);
    }

    /**
     * {@return T²·KL(q ‖ (1−α)p + αq)}
     *
     * @param skew        α in [0, 1)
     * @param temperature T &gt; 0
     */
    public static SkewKlLoss skewReverseKl(float skew, float temperature) {
        return new SkewKlLoss(SkewKlLoss.Direction.REVERSE, skew, temperature, TeacherOutput.LOGITS);
    }

    /** {@return the total variation at T = 1} */
    public static TotalVariationLoss totalVariation() {
        return totalVariation(1f);
    }

    /**
     * {@return T²·½Σ|p − q|}
     *
     * @param temperature T &gt; 0
     */
    public static TotalVariationLoss totalVariation(float temperature) {
        return new TotalVariationLoss(temperature, TeacherOutput.LOGITS);
    }

    /** {@return DKD with α = 1, β = 8, T = 4 and CE weight 1} */
    public static DecoupledKdLoss decoupledKd() {
        return decoupledKd(DecoupledKdLoss.DEFAULT_ALPHA, DecoupledKdLoss.DEFAULT_BETA, DecoupledKdLoss.DEFAULT_TEMPERATURE);
    }

    /**
     * {@return CE + α·TCKD + β·NCKD}
     *
     * @param alpha       weight of TCKD, ≥ 0
     * @param beta        weight of NCKD, ≥ 0
     * @param temperature T &gt; 0
     */
    public static DecoupledKdLoss decoupledKd(float alpha, float beta, float temperature) {
        return new DecoupledKdLoss(alpha, beta, temperature, DecoupledKdLoss.DEFAULT_CE_WEIGHT, TeacherOutput.LOGITS);
    }

    /** {@return the cross-entropy on hard labels alone (the baseline without a teacher)} */
    public static HardLabelLoss hardLabels() {
        return new HardLabelLoss(TeacherOutput.LOGITS);
    }

    /**
     * {@return α·D + (1−α)·CE(s, y)}
     *
     * @param divergence a distillation loss D
     * @param alpha      weight of D, in [0, 1]
     */
    public static WithHardLabels withHardLabels(DistillationLoss divergence, float alpha) {
        return new WithHardLabels(divergence, alpha);
    }
}
