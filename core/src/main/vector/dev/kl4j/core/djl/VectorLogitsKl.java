package dev.kl4j.core.djl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link LogitsKlKernel} on the incubating Vector API ({@code jdk.incubator.vector}): the same three
 * passes per row as {@link ScalarLogitsKl}, on the preferred float species (16 lanes with AVX-512). Each
 * row's tail of fewer than one vector, the end of each row (its KL from the sums) and rows with a
 * non-finite log-sum-exp go through {@link ScalarLogitsKl}'s pieces.
 *
 * <p><b>Same numbers in every run.</b> Only operations whose results the Vector API defines exactly are
 * used (add, mul, fma, compare, blend, reinterpretation and shifts of bits, max/min reductions), so
 * interpreted, C1- and C2-compiled code give the same bits: exp is {@link #expNonPositive}, not
 * {@link VectorOperators#EXP} (whose intrinsic and Java fallback round differently), and float sums are
 * added lane by lane in a fixed order instead of by {@code reduceLanes(ADD)} (whose order is unspecified). A training run then gives
 * the same numbers whether or not it is resumed, that is whatever has been compiled by then.
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

    // exp as in Cephes' expf (S. L. Moshier, Methods and Programs for Mathematical Functions, 1989):
    // x = n ln 2 + r with ln 2 = LN2_HIGH + LN2_LOW, |r| ≤ ln 2 / 2, e^r = 1 + r + r² P(r), e^x = 2^n e^r.
    private static final float LOG2_E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;
    /** 1.5 · 2²³: adding and subtracting it rounds a float of magnitude below 2²² to an integer. */
    private static final float ROUNDING = 12582912f;
    private static final int ROUNDING_BITS = Float.floatToRawIntBits(ROUNDING);
    /** Below this e^x is under the smallest normal float (e^−87.34): 0 is returned. */
    private static final float EXP_LOWEST = -87f;

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
                masked = true;   // a row finished early has a −∞ (KL = +∞), a NaN or a +∞
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
                FloatVector ea = expNonPositive(x.sub(maxA));
                FloatVector eb = expNonPositive(y.sub(maxB));
                ea.intoArray(expA, k);
                eb.intoArray(expB, k);
                runA = runA.add(ea);
                runB = runB.add(eb);
                runDiff = ea.fma(x.sub(y), runDiff);
            }
            sumA += sumLanes(runA);
            sumB += sumLanes(runB);
            sumDiff += sumLanes(runDiff);
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
                FloatVector ea = expNonPositive(x.sub(maxA));
                FloatVector eb = expNonPositive(y.sub(maxB));
                ea.intoArray(expA, k);
                eb.intoArray(expB, k);
                runA = runA.add(ea);
                runB = runB.add(eb);
                VectorMask<Float> inP = x.compare(VectorOperators.GT, Float.NEGATIVE_INFINITY);
                VectorMask<Float> inQ = y.compare(VectorOperators.GT, Float.NEGATIVE_INFINITY);
                runDiff = runDiff.add(ea.mul(x.sub(y)), inP.and(inQ));
                missing = missing.or(inP.andNot(inQ));
            }
            sumA += sumLanes(runA);
            sumB += sumLanes(runB);
            sumDiff += sumLanes(runDiff);
        }
        return new ScalarLogitsKl.RowSums(sumA, sumB, sumDiff, missing.anyTrue());
    }

    /**
     * e^x for x ≤ 0 (here x = a − max a) or NaN: 0 below {@link #EXP_LOWEST} and for −∞, NaN for NaN;
     * within about 1 ulp elsewhere (Cephes' expf, see the constants).
     */
    static FloatVector expNonPositive(FloatVector x) {
        FloatVector shifted = x.fma(FloatVector.broadcast(SPECIES, LOG2_E), FloatVector.broadcast(SPECIES, ROUNDING));
        FloatVector n = shifted.sub(ROUNDING);                       // round(x / ln 2)
        FloatVector r = n.fma(FloatVector.broadcast(SPECIES, -LN2_HIGH), x);
        r = n.fma(FloatVector.broadcast(SPECIES, -LN2_LOW), r);     // x − n ln 2
        FloatVector p = r.fma(FloatVector.broadcast(SPECIES, P0), FloatVector.broadcast(SPECIES, P1));
        p = p.fma(r, FloatVector.broadcast(SPECIES, P2));
        p = p.fma(r, FloatVector.broadcast(SPECIES, P3));
        p = p.fma(r, FloatVector.broadcast(SPECIES, P4));
        p = p.fma(r, FloatVector.broadcast(SPECIES, P5));
        FloatVector expR = p.fma(r.mul(r), r).add(1f);              // 1 + r + r² P(r)
        // 2^n from its exponent bits: shifted = 1.5·2²³ + n has the bits ROUNDING_BITS + n. n ≥ −126
        // wherever x ≥ EXP_LOWEST, so 2^n is a normal float there.
        IntVector exponent = ((IntVector) shifted.reinterpretAsInts()).add(127 - ROUNDING_BITS)
                .lanewise(VectorOperators.LSHL, 23);
        FloatVector result = expR.mul(exponent.reinterpretAsFloats());
        return result.blend(0f, x.compare(VectorOperators.LT, EXP_LOWEST));
    }

    /** Σ of the lanes in lane order (a fixed order, unlike {@code reduceLanes(ADD)}). */
    private static double sumLanes(FloatVector v) {
        double sum = 0;
        for (int lane = 0; lane < LANES; lane++) {
            sum += v.lane(lane);
        }
        return sum;
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
