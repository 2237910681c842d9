package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlDivergences;

/**
 * Skew KL and skew reverse KL of DistiLLM (Ko, Kim, Chen and Yun 2024, "DistiLLM: Towards Streamlined
 * Distillation for Large Language Models"), with p = softmax(t/T) the teacher,
 * q = softmax(s/T) the student and skew α:
 * <pre>
 *   skew KL          L = T² · KL( p ‖ α·p + (1 − α)·q )
 *   skew reverse KL  L = T² · KL( q ‖ (1 − α)·p + α·q )
 * </pre>
 * Mixing a little of the first argument into the second keeps the divergence finite where the other
 * distribution has (almost) no mass, and smooths its gradient. α = 0 gives the plain forward resp.
 * reverse KL. Default α = 0.1 (DistiLLM's choice), T = 1. The mixture is formed in log space
 * (logaddexp) and the KL is {@link DjlDivergences#klFromLogits}.
 */
public final class SkewKlLoss extends TemperatureScaledLoss {
    /** Default skew α. */
    public static final float DEFAULT_SKEW = 0.1f;

    /** Which argument is skewed. */
    public enum Direction {
        /** KL(p ‖ αp + (1−α)q): the forward KL, skewed. */
        FORWARD,
        /** KL(q ‖ (1−α)p + αq): the reverse KL, skewed. */
        REVERSE
    }

    private final Direction direction;
    private final float skew;

    /**
     * Creates the loss with the given settings, checked when made (a bad value throws
     * {@link dev.kl4j.core.InvalidArgumentException} naming it).
     *
     * @param direction     forward (skew KL) or reverse (skew reverse KL)
     * @param skew          α in [0, 1)
     * @param temperature   T &gt; 0
     * @param teacherOutput what the teacher's array holds
     */
    public SkewKlLoss(Direction direction, float skew, float temperature, TeacherOutput teacherOutput) {
        super(direction == Direction.REVERSE ? "SkewReverseKlLoss" : "SkewKlLoss", temperature, teacherOutput);
        if (direction == null) {
            throw new InvalidArgumentException("direction", "direction must be FORWARD or REVERSE, got null");
        }
        if (!(skew >= 0f && skew < 1f)) {
            throw new InvalidArgumentException("skew", "skew must be in [0, 1), got " + skew
                    + " (at 1 the divergence is identically 0)");
        }
        this.direction = direction;
        this.skew = skew;
    }

    /** {@return which argument is skewed} */
    public Direction direction() {
        return direction;
    }

    /** {@return α} */
    public float skew() {
        return skew;
    }

    @Override
    protected NDArray divergence(NDArray studentLogits, NDArray teacherLogits) {
        NDArray logP = teacherLogits.logSoftmax(-1);
        NDArray logQ = studentLogits.logSoftmax(-1);
        if (direction == Direction.FORWARD) {
            return DjlDivergences.klFromLogits(logP, logAddExp(addLogWeight(logP, skew), addLogWeight(logQ, 1f - skew)));
        }
        return DjlDivergences.klFromLogits(logQ, logAddExp(addLogWeight(logP, 1f - skew), addLogWeight(logQ, skew)));
    }
}
