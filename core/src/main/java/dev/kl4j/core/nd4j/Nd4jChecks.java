package dev.kl4j.core.nd4j;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Argument checks shared by the ND4J front end; each names the offending argument. */
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
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new InvalidArgumentException(nameB, nameB + " has shape " + Arrays.toString(b.shape())
                    + " but " + nameA + " has shape " + Arrays.toString(a.shape()) + "; they must match");
        }
        if (a.dataType() != b.dataType()) {
            throw new InvalidArgumentException(nameB, nameB + " has data type " + b.dataType()
                    + " but " + nameA + " has " + a.dataType() + "; they must match");
        }
    }

    static boolean containsNaN(INDArray a) {
        return BooleanIndexing.or(a, Conditions.isNan());
    }

    /**
     * Rows of probabilities: no NaN or infinity, no negative entry, each row summing to 1 within 1e-6
     * (float64) or 1e-4 (float32).
     */
    static void requireProbabilityRows(String name, INDArray p) {
        requireRank(name, p, 2, "[batch, categories] matrix of probabilities");
        if (BooleanIndexing.or(p, Conditions.notFinite())) {
            throw new InvalidArgumentException(name, name + (containsNaN(p) ? " contains NaN"
                    : " contains an infinity; probabilities must be finite"));
        }
        if (p.minNumber().doubleValue() < 0) {
            throw new InvalidArgumentException(name, name + " has a negative entry (min "
                    + p.minNumber() + "); probabilities must be >= 0");
        }
        double tolerance = p.dataType() == DataType.DOUBLE ? 1e-6 : 1e-4;
        INDArray rowSums = p.sum(1);
        double max = rowSums.maxNumber().doubleValue();
        double min = rowSums.minNumber().doubleValue();
        double worst = Math.abs(max - 1) >= Math.abs(min - 1) ? max : min;
        if (Math.abs(worst - 1) > tolerance) {
            throw new InvalidArgumentException(name, name + " has a row summing to " + worst
                    + "; each row must sum to 1 (tolerance " + tolerance + ")");
        }
    }

    /**
     * Rows of logits: no NaN, no +∞, and at least one finite entry per row (−∞ masks a category).
     *
     * @return whether any logit is −∞ (one fused pass decides the common all-finite case)
     */
    static boolean requireLogitRows(String name, INDArray logits, INDArray rowMax) {
        if (!BooleanIndexing.or(logits, Conditions.notFinite())) {
            return false;
        }
        if (containsNaN(logits)) {
            throw new InvalidArgumentException(name, name + " contains NaN");
        }
        if (rowMax.maxNumber().doubleValue() == Double.POSITIVE_INFINITY) {
            throw new InvalidArgumentException(name, name + " contains +Infinity; logits must be finite or -Infinity");
        }
        if (rowMax.minNumber().doubleValue() == Double.NEGATIVE_INFINITY) {
            throw new InvalidArgumentException(name, name + " has a row that is all -Infinity; "
                    + "at least one category needs a finite logit");
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
            throw new InvalidArgumentException(name, name + " must be finite and > 0 everywhere (min "
                    + a.minNumber() + ", max " + a.maxNumber() + ")");
        }
    }
}
