package dev.kl4j.core.djl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link LogitsKlKernel} on the incubating Vector API ({@code jdk.incubator.vector}): the same three
 * passes per row as {@link ScalarLogitsKl}, on the preferred float species (16 lanes with AVX-512),
 * with {@link VectorOperators#EXP} (the JDK's vectorised exp on x86). Each row's tail of fewer than one
 * vector, the end of each row (its KL from the sums) and rows with a non-finite log-sum-exp go through
 * {@link ScalarLogitsKl}'s pieces.
 *
 * <p>Only {@link LogitsKlKernel.Loader} refers to this class, and only after checking that the module is
 * in the boot layer, so the class is never loaded (and cannot fail to link) without it.
 */
final class VectorLogitsKl implements LogitsKlKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Vectors per float partial sum before it is added to the double total (short runs, small error). */
    private static final int RUN = 32;

    static final VectorLogitsKl INSTANCE = new VectorLogitsKl();

    private VectorLogitsKl() {
    }

    @Override
    public boolean klRows(ByteBuffer a, ByteBuffer b, ByteBuffer gradA, ByteBuffer gradB, ByteBuffer kl,
            int categories) {
        int rows = kl.capacity() / Float.BYTES;
        float[] expA = new float[categories];
        float[] expB = new float[categories];
        int bound = SPECIES.loopBound(categories);
        boolean masked = false;
        for (int row = 0; row < rows; row++) {
            int base = row * categories * Float.BYTES;
            ScalarLogitsKl.RowMax max = ScalarLogitsKl.tailMax(a, b, base, bound, categories,
                    maxima(a, b, base, bound));
            ScalarLogitsKl.RowSums sums = ScalarLogitsKl.tail(a, b, base, bound, categories, max, expA, expB,
                    max.masked() ? maskedSums(a, b, base, bound, max, expA, expB) : sums(a, b, base, bound, max, expA, expB));
            ScalarLogitsKl.Coefficients c = ScalarLogitsKl.finishRow(a, b, gradA, gradB, kl, row, categories, max, sums);
            if (c != null) {
                gradients(a, b, gradA, gradB, base, bound, expA, expB, c);
                ScalarLogitsKl.gradients(a, b, gradA, gradB, base, bound, categories, expA, expB, c);
                masked |= c.maskedRow();
            } else {
                masked = true;   // such a row has a NaN, a +∞ or only −∞
            }
        }
        return masked;
    }

    /** Pass 1: maxima and minima of a and b over the first {@code bound} categories. */
    private static ScalarLogitsKl.RowMax maxima(ByteBuffer a, ByteBuffer b, int base, int bound) {
        FloatVector maxA = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        FloatVector maxB = maxA;
        FloatVector minA = FloatVector.broadcast(SPECIES, Float.POSITIVE_INFINITY);
        FloatVector minB = minA;
        for (int k = 0; k < bound; k += LANES) {
            FloatVector x = FloatVector.fromByteBuffer(SPECIES, a, base + k * Float.BYTES, ORDER);
            FloatVector y = FloatVector.fromByteBuffer(SPECIES, b, base + k * Float.BYTES, ORDER);
            maxA = maxA.max(x);
            minA = minA.min(x);
            maxB = maxB.max(y);
            minB = minB.min(y);
        }
        return new ScalarLogitsKl.RowMax(maxA.reduceLanes(VectorOperators.MAX), minA.reduceLanes(VectorOperators.MIN),
                maxB.reduceLanes(VectorOperators.MAX), minB.reduceLanes(VectorOperators.MIN));
    }

    /** Pass 2 of a row without −∞: e_a = exp(a − m_a), e_b = exp(b − m_b), Σ e_a, Σ e_b, Σ e_a (a − b). */
    private static ScalarLogitsKl.RowSums sums(ByteBuffer a, ByteBuffer b, int base, int bound,
            ScalarLogitsKl.RowMax max, float[] expA, float[] expB) {
        FloatVector maxA = FloatVector.broadcast(SPECIES, max.maxA());
        FloatVector maxB = FloatVector.broadcast(SPECIES, max.maxB());
        double sumA = 0, sumB = 0, sumDiff = 0;
        for (int k = 0; k < bound; ) {
            FloatVector runA = FloatVector.zero(SPECIES), runB = runA, runDiff = runA;
            for (int end = Math.min(bound, k + RUN * LANES); k < end; k += LANES) {
                FloatVector x = FloatVector.fromByteBuffer(SPECIES, a, base + k * Float.BYTES, ORDER);
                FloatVector y = FloatVector.fromByteBuffer(SPECIES, b, base + k * Float.BYTES, ORDER);
                FloatVector ea = x.sub(maxA).lanewise(VectorOperators.EXP);
                FloatVector eb = y.sub(maxB).lanewise(VectorOperators.EXP);
                ea.intoArray(expA, k);
                eb.intoArray(expB, k);
                runA = runA.add(ea);
                runB = runB.add(eb);
                runDiff = ea.fma(x.sub(y), runDiff);
            }
            sumA += runA.reduceLanes(VectorOperators.ADD);
            sumB += runB.reduceLanes(VectorOperators.ADD);
            sumDiff += runDiff.reduceLanes(VectorOperators.ADD);
        }
        return new ScalarLogitsKl.RowSums(sumA, sumB, sumDiff, false);
    }

    /**
     * Pass 2 of a row with −∞ entries: as {@link #sums}, Σ e_a (a − b) only over categories finite in both,
     * and whether some category is finite in a but −∞ in b.
     */
    private static ScalarLogitsKl.RowSums maskedSums(ByteBuffer a, ByteBuffer b, int base, int bound,
            ScalarLogitsKl.RowMax max, float[] expA, float[] expB) {
        FloatVector maxA = FloatVector.broadcast(SPECIES, max.maxA());
        FloatVector maxB = FloatVector.broadcast(SPECIES, max.maxB());
        VectorMask<Float> missing = SPECIES.maskAll(false);
        double sumA = 0, sumB = 0, sumDiff = 0;
        for (int k = 0; k < bound; ) {
            FloatVector runA = FloatVector.zero(SPECIES), runB = runA, runDiff = runA;
            for (int end = Math.min(bound, k + RUN * LANES); k < end; k += LANES) {
                FloatVector x = FloatVector.fromByteBuffer(SPECIES, a, base + k * Float.BYTES, ORDER);
                FloatVector y = FloatVector.fromByteBuffer(SPECIES, b, base + k * Float.BYTES, ORDER);
                FloatVector ea = x.sub(maxA).lanewise(VectorOperators.EXP);
                FloatVector eb = y.sub(maxB).lanewise(VectorOperators.EXP);
                ea.intoArray(expA, k);
                eb.intoArray(expB, k);
                runA = runA.add(ea);
                runB = runB.add(eb);
                VectorMask<Float> inP = x.compare(VectorOperators.GT, Float.NEGATIVE_INFINITY);
                VectorMask<Float> inQ = y.compare(VectorOperators.GT, Float.NEGATIVE_INFINITY);
                runDiff = runDiff.add(ea.mul(x.sub(y)), inP.and(inQ));
                missing = missing.or(inP.andNot(inQ));
            }
            sumA += runA.reduceLanes(VectorOperators.ADD);
            sumB += runB.reduceLanes(VectorOperators.ADD);
            sumDiff += runDiff.reduceLanes(VectorOperators.ADD);
        }
        return new ScalarLogitsKl.RowSums(sumA, sumB, sumDiff, missing.anyTrue());
    }

    /** Pass 3 over the first {@code bound} categories: ∂KL/∂a = p ((a − b) − d), ∂KL/∂b = q − p. */
    private static void gradients(ByteBuffer a, ByteBuffer b, ByteBuffer gradA, ByteBuffer gradB, int base,
            int bound, float[] expA, float[] expB, ScalarLogitsKl.Coefficients c) {
        FloatVector inverseSumA = FloatVector.broadcast(SPECIES, c.inverseSumA());
        FloatVector inverseSumB = FloatVector.broadcast(SPECIES, c.inverseSumB());
        FloatVector shift = FloatVector.broadcast(SPECIES, c.shift());
        FloatVector zero = FloatVector.zero(SPECIES);
        boolean maskedRow = c.maskedRow();
        for (int k = 0; k < bound; k += LANES) {
            int at = base + k * Float.BYTES;
            FloatVector x = FloatVector.fromByteBuffer(SPECIES, a, at, ORDER);
            FloatVector y = FloatVector.fromByteBuffer(SPECIES, b, at, ORDER);
            FloatVector p = FloatVector.fromArray(SPECIES, expA, k).mul(inverseSumA);
            FloatVector q = FloatVector.fromArray(SPECIES, expB, k).mul(inverseSumB);
            FloatVector ga = p.mul(x.sub(y).sub(shift));
            if (maskedRow) {
                // Outside P's support p = 0 and so is the gradient (0·(−∞ − b) would be NaN).
                ga = zero.blend(ga, x.compare(VectorOperators.GT, Float.NEGATIVE_INFINITY));
            }
            ga.intoByteBuffer(gradA, at, ORDER);
            q.sub(p).intoByteBuffer(gradB, at, ORDER);
        }
    }
}
