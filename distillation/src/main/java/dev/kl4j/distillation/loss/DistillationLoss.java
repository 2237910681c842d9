package dev.kl4j.distillation.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlScalars;
import dev.kl4j.core.djl.DjlScopes;

/**
 * A knowledge-distillation loss as a DJL {@link Loss}: the student's logits against the teacher's
 * output, optionally mixed with the cross-entropy on hard labels, reduced to one scalar.
 *
 * <p><b>Inputs.</b> Student logits s of shape {@code [B, C]} (one distribution per example) or
 * {@code [B, T, C]} (one per position of a sequence). The teacher's output has the same shape and is
 * either logits t or probabilities p_T ({@link TeacherOutput}); probabilities are turned into
 * log-probabilities with ln 0 = −∞, which the core's {@code DjlDivergences.klFromLogits} treats as a
 * masked category (probability exactly 0). Hard labels y (class indices) have the shape of the rows,
 * {@code [B]} or {@code [B, T]}; only losses that use them require them. An optional mask of the same
 * shape ({@code boolean}, or numbers where non-zero means "keep") marks padded positions.
 *
 * <p><b>With DJL's {@code Trainer}.</b> {@link #evaluate(NDList, NDList)} reads the predictions as
 * {@code [studentLogits]} and the labels as {@code [hardLabels, teacherOutput]} or
 * {@code [hardLabels, teacherOutput, mask]}, so an {@code ArrayDataset} built with
 * {@code optLabels(labels, cachedTeacherLogits)} feeds {@code EasyTrain.fit} directly, and DJL's
 * {@code Accuracy} evaluator still finds the hard labels first.
 *
 * <p><b>Reduction.</b> The mean over unmasked rows: Σ_rows loss / (number of unmasked rows), the
 * quantity PyTorch's {@code reduction='batchmean'} gives on the flattened {@code [rows, C]} input (not
 * {@code 'mean'}, which also divides by C). Masked rows contribute exactly 0 to the value and the
 * gradient: their inputs are replaced by zeros and their terms are dropped with {@code where}, never
 * multiplied by a zero mask (0·∞ = NaN). A batch whose rows are all masked gives 0.
 *
 * <p><b>Temperature.</b> Losses with a temperature T &gt; 0 compare softmax(s/T) with softmax(t/T) and
 * multiply the divergence by T², so that the gradient with respect to the logits keeps its size as T
 * changes (Hinton, Vinyals and Dean 2015, "Distilling the Knowledge in a Neural Network", §2).
 *
 * <p>Every divergence is computed by the core's DJL front end ({@code dev.kl4j.core.djl.DjlDivergences});
 * subclasses only choose which one, its arguments and its weights.
 */
public abstract class DistillationLoss extends Loss {
    private final TeacherOutput teacherOutput;

    /** What the teacher's array holds. */
    public enum TeacherOutput {
        /** Unnormalised log-probabilities (the teacher's last layer). */
        LOGITS,
        /** Probabilities (non-negative, summing to 1 over the classes). */
        PROBABILITIES
    }

    /**
     * For subclasses: names the loss and says what the teacher's array holds.
     *
     * @param name          the loss's name in DJL's training logs
     * @param teacherOutput what the teacher's array holds
     */
    protected DistillationLoss(String name, TeacherOutput teacherOutput) {
        super(name);
        if (teacherOutput == null) {
            throw new InvalidArgumentException("teacherOutput", "teacherOutput must be LOGITS or PROBABILITIES, got null");
        }
        this.teacherOutput = teacherOutput;
    }

    /** {@return what the teacher's array holds} */
    public TeacherOutput teacherOutput() {
        return teacherOutput;
    }

    /** {@return true if the loss needs hard labels (it has a cross-entropy term or uses the target class)} */
    protected abstract boolean usesHardLabels();

    /**
     * The loss of each row, before the reduction; each subclass's class Javadoc gives its formula and source.
     *
     * @param studentLogits   s, {@code [..., C]}
     * @param teacherLogits   t as logits (log-probabilities with −∞ for zero probability when the teacher
     *                        gave probabilities), same shape
     * @param hardLabels      class indices, {@code [...]}, int64; null when {@link #usesHardLabels()} is false
     * @return the loss per row, {@code [...]}
     */
    protected abstract NDArray rowLoss(NDArray studentLogits, NDArray teacherLogits, NDArray hardLabels);

    /**
     * The loss as DJL's {@code Trainer} calls it: {@link #compute} with the arrays unpacked.
     *
     * @param labels      {@code [hardLabels, teacherOutput]} or {@code [hardLabels, teacherOutput, mask]}
     * @param predictions {@code [studentLogits]}
     * @return the scalar loss
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        if (predictions == null || predictions.isEmpty()) {
            throw new InvalidArgumentException("predictions", "predictions must hold the student's logits, got none");
        }
        if (labels == null || labels.size() < 2 || labels.size() > 3) {
            throw new InvalidArgumentException("labels", "labels must be [hardLabels, teacherOutput] or "
                    + "[hardLabels, teacherOutput, mask], got " + (labels == null ? "none" : labels.size() + " arrays"));
        }
        return compute(predictions.get(0), labels.get(1), labels.get(0), labels.size() == 3 ? labels.get(2) : null);
    }

    /**
     * The loss without a {@code Trainer}: (1/|kept rows|) Σ_kept {@link #rowLoss} (the reduction of the class
     * comment, PyTorch's {@code 'batchmean'} over the flattened rows; 0 when every row is masked).
     *
     * @param studentLogits s, {@code [B, C]} or {@code [B, T, C]}
     * @param teacher       the teacher's logits or probabilities ({@link #teacherOutput()}), same shape
     * @param hardLabels    class indices {@code [B]} or {@code [B, T]}; may be null if the loss uses none
     * @param mask          rows to keep, {@code [B]} or {@code [B, T]}; null keeps all
     * @return the scalar loss (mean over unmasked rows)
     */
    public NDArray compute(NDArray studentLogits, NDArray teacher, NDArray hardLabels, NDArray mask) {
        String teacherName = teacherOutput == TeacherOutput.LOGITS ? "teacherLogits" : "teacherProbabilities";
        Shape shape = checkShapes(studentLogits, teacherName, teacher, hardLabels, mask);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray keep = mask == null ? null : (mask.getDataType() == DataType.BOOLEAN ? mask : mask.neq(0f));
            NDArray keepClasses = keep == null ? null : keep.expandDims(-1).broadcast(shape);
            NDArray student = keep == null ? studentLogits : NDArrays.where(keepClasses, studentLogits, zero(studentLogits));
            NDArray teacherLogits = teacherLogits(teacher);
            if (keep != null) {
                teacherLogits = NDArrays.where(keepClasses, teacherLogits, zero(teacherLogits));
            }
            NDArray labels = null;
            if (usesHardLabels()) {
                labels = hardLabels.toType(DataType.INT64, false);
                if (keep != null) {
                    labels = NDArrays.where(keep, labels, labels.zerosLike());
                }
            }
            NDArray rows = rowLoss(student, teacherLogits, labels);
            if (keep == null) {
                return rows.mean();
            }
            NDArray kept = NDArrays.where(keep, rows, zero(rows)).sum();
            NDArray count = keep.toType(rows.getDataType(), false).sum().maximum(DjlScalars.of(rows, 1f));
            return kept.div(count);
        });
    }

    private NDArray teacherLogits(NDArray teacher) {
        if (teacherOutput == TeacherOutput.LOGITS) {
            return teacher;
        }
        // ln p, with ln 0 = −∞: a masked category for DjlDivergences.klFromLogits (no epsilon).
        return teacher.log();
    }

    private Shape checkShapes(NDArray student, String teacherName, NDArray teacher, NDArray hardLabels, NDArray mask) {
        if (student == null) {
            throw new InvalidArgumentException("studentLogits", "studentLogits is missing");
        }
        Shape shape = student.getShape();
        if (shape.dimension() != 2 && shape.dimension() != 3) {
            throw new InvalidArgumentException("studentLogits", "studentLogits has shape " + shape
                    + "; it must be [B, C] or [B, T, C]");
        }
        if (shape.get(shape.dimension() - 1) < 2) {
            throw new InvalidArgumentException("studentLogits", "studentLogits has shape " + shape
                    + "; it needs at least 2 classes on its last axis");
        }
        if (teacher == null) {
            throw new InvalidArgumentException(teacherName, teacherName + " is missing");
        }
        if (!teacher.getShape().equals(shape)) {
            throw new InvalidArgumentException(teacherName, teacherName + " has shape " + teacher.getShape()
                    + " but studentLogits has shape " + shape + "; they must match");
        }
        Shape rowShape = shape.slice(0, shape.dimension() - 1);
        if (usesHardLabels()) {
            if (hardLabels == null) {
                throw new InvalidArgumentException("hardLabels", "hardLabels are missing; " + getName()
                        + " needs the class index of every row");
            }
            if (!hardLabels.getShape().equals(rowShape)) {
                throw new InvalidArgumentException("hardLabels", "hardLabels has shape " + hardLabels.getShape()
                        + "; it must be " + rowShape + " (one class index per row of studentLogits " + shape + ")");
            }
        }
        if (mask != null && !mask.getShape().equals(rowShape)) {
            throw new InvalidArgumentException("mask", "mask has shape " + mask.getShape() + "; it must be "
                    + rowShape + " (one entry per row of studentLogits " + shape + ")");
        }
        return shape;
    }

    // ---- helpers shared by the losses ----

    /** x / T with an engine-owned constant T (never a Java number under autograd). */
    static NDArray divideByTemperature(NDArray logits, float temperature) {
        return temperature == 1f ? logits : logits.div(DjlScalars.of(logits, temperature));
    }

    /** x · w with an engine-owned constant. */
    static NDArray scale(NDArray x, float weight) {
        return weight == 1f ? x : x.mul(DjlScalars.of(x, weight));
    }

    /** Cross-entropy −ln softmax(s)_y per row; the one-hot selection uses {@code where}, not a product. */
    static NDArray crossEntropy(NDArray studentLogits, NDArray hardLabels) {
        return crossEntropyAt(studentLogits, targetMask(hardLabels, studentLogits));
    }

    /** {@link #crossEntropy} with the target classes given as a boolean mask of the logits' shape. */
    static NDArray crossEntropyAt(NDArray studentLogits, NDArray target) {
        NDArray logProbs = studentLogits.logSoftmax(-1);
        return NDArrays.where(target, logProbs, zero(logProbs)).sum(new int[] {-1}).neg();
    }

    /** True at the target class of each row, {@code [..., C]}. */
    static NDArray targetMask(NDArray hardLabels, NDArray like) {
        long classes = like.getShape().get(like.getShape().dimension() - 1);
        return hardLabels.oneHot((int) classes).toType(DataType.BOOLEAN, false);
    }

    /**
     * ln(e^a + e^b) elementwise, as max(a, b) + softplus(−|a − b|), finite wherever one argument is;
     * −∞ where both are (the difference −∞ − (−∞) = NaN is replaced before it can reach a gradient).
     */
    static NDArray logAddExp(NDArray a, NDArray b) {
        NDArray gap = a.sub(b);
        NDArray finiteGap = NDArrays.where(gap.isNaN().logicalNot(), gap, zero(gap));
        return a.maximum(b).add(ai.djl.nn.Activation.softPlus(finiteGap.abs().neg()));
    }

    /** ln w + x: the log of w·p for log-probabilities x, with ln 0 = −∞. */
    static NDArray addLogWeight(NDArray logProbs, float weight) {
        return logProbs.add(DjlScalars.of(logProbs, (float) Math.log(weight)));
    }

    static NDArray zero(NDArray like) {
        return DjlScalars.of(like, 0f);
    }

    static float requireTemperature(float temperature) {
        if (!(temperature > 0f) || Float.isInfinite(temperature)) {
            throw new InvalidArgumentException("temperature", "temperature must be a finite number > 0, got " + temperature);
        }
        return temperature;
    }

    static float requireUnitInterval(String name, float value) {
        if (!(value >= 0f && value <= 1f)) {
            throw new InvalidArgumentException(name, name + " must be in [0, 1], got " + value);
        }
        return value;
    }

    static float requireNonNegative(String name, float value) {
        if (!(value >= 0f) || Float.isInfinite(value)) {
            throw new InvalidArgumentException(name, name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }
}
