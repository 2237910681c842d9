package dev.kl4j.core.nd4j;

import dev.kl4j.core.ArgumentChecks;
import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The ND4J front end's argument checks. The rules and the wording are {@link ArgumentChecks}'s: a fused
 * pass over the whole array decides the common valid case, and only when it fails are the entries
 * copied to the host to name the first bad one ({@code p[1][2] = NaN is not a number; probabilities must
 * be finite}), exactly as the {@code double[]} measures would.
 */
final class Nd4jChecks {
    private Nd4jChecks() {
    }

    static void requireFloatingPoint(String name, INDArray a) {
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
            throw new InvalidArgumentException(name, name + " has data type " + a.dataType()
                    + "; use FLOAT (float32) or DOUBLE (float64)");
        }
    }

    static void requireRank(String name, INDArray a, int rank, String layout) {
        requireFloatingPoint(name, a);
        if (a.rank() != rank || a.length() == 0) {
            throw new InvalidArgumentException(name, name + " has shape " + Arrays.toString(a.shape())
                    + "; expected a non-empty " + layout);
        }
    }

    static void requireSameShape(String nameA, INDArray a, String nameB, INDArray b) {
        ArgumentChecks.sameShape(nameA, a.shape(), nameB, b.shape());
        if (a.dataType() != b.dataType()) {
            throw new InvalidArgumentException(nameB, nameB + " has data type " + b.dataType()
                    + " but " + nameA + " has " + a.dataType() + "; they must match");
        }
    }

    static boolean containsNaN(INDArray a) {
        return BooleanIndexing.or(a, Conditions.isNan());
    }

    /**
     * Rows of probabilities: entries finite and ≥ 0, each row summing to 1 within 1e-6 (float64) or 1e-4
     * (float32), the float counterpart of {@code ProbabilityVectors.SUM_TOLERANCE}.
     */
    static void requireProbabilityRows(String name, INDArray p) {
        requireRank(name, p, 2, "[batch, categories] matrix of probabilities");
        if (BooleanIndexing.or(p, Conditions.notFinite()) || p.minNumber().doubleValue() < 0) {
            double[][] rows = p.toDoubleMatrix();
            for (int r = 0; r < rows.length; r++) {
                ArgumentChecks.probabilityEntries(ArgumentChecks.entry(name, r), rows[r]);
            }
        }
        double tolerance = p.dataType() == DataType.DOUBLE ? 1e-6 : 1e-4;
        INDArray rowSums = p.sum(1);
        double max = rowSums.maxNumber().doubleValue();
        double min = rowSums.minNumber().doubleValue();
        if (Math.abs(max - 1) > tolerance || Math.abs(min - 1) > tolerance) {
            double[] sums = rowSums.toDoubleVector();
            for (int r = 0; r < sums.length; r++) {
                ArgumentChecks.unitSum(ArgumentChecks.entry(name, r), sums[r], tolerance,
                        "each row must sum to 1");
            }
        }
    }

    /**
     * Rows of logits: no NaN, no +∞, and at least one finite entry per row (−∞ masks a category), by
     * {@link ArgumentChecks#logits}.
     *
     * @return whether any logit is −∞ (one fused pass decides the common all-finite case)
     */
    static boolean requireLogitRows(String name, INDArray logits, INDArray rowMax) {
        if (!BooleanIndexing.or(logits, Conditions.notFinite())) {
            return false;
        }
        boolean invalid = containsNaN(logits)
                || rowMax.maxNumber().doubleValue() == Double.POSITIVE_INFINITY
                || rowMax.minNumber().doubleValue() == Double.NEGATIVE_INFINITY;
        if (invalid) {
            double[][] rows = logits.toDoubleMatrix();
            for (int r = 0; r < rows.length; r++) {
                ArgumentChecks.logits(ArgumentChecks.entry(name, r), rows[r]);
            }
        }
        return true;
    }

    /** Elementwise parameters (concentrations, rates) must be finite and strictly positive. */
    static void requirePositive(String name, INDArray a) {
        requireFloatingPoint(name, a);
        if (a.length() == 0) {
            throw new InvalidArgumentException(name, name + " is empty");
        }
        if (containsNaN(a) || BooleanIndexing.or(a, Conditions.isInfinite()) || a.minNumber().doubleValue() <= 0) {
            if (a.rank() == 2) {
                double[][] rows = a.toDoubleMatrix();
                for (int r = 0; r < rows.length; r++) {
                    ArgumentChecks.positive(ArgumentChecks.entry(name, r), rows[r]);
                }
            } else {
                ArgumentChecks.positive(name, a.ravel().toDoubleVector());
            }
        }
    }
}
