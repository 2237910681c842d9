package dev.kl4j.core.djl;

import java.nio.ByteBuffer;

/**
 * The {@link LogitsKlKernel} in plain Java, one element at a time (exp in double, rounded to float): the
 * reference the Vector API kernel follows, tested as a path of its own; its pieces ({@link #tail},
 * {@link #finishRow}, {@link #gradients}) finish each row for the Vector API kernel. Without the
 * {@code jdk.incubator.vector} module {@link DjlDivergences#klFromLogits} uses libtorch operations
 * instead, which ran twice as fast as this loop on one thread (exp is not vectorised here).
 */
final class ScalarLogitsKl implements LogitsKlKernel {
    static final ScalarLogitsKl INSTANCE = new ScalarLogitsKl();

    private ScalarLogitsKl() {
    }

    @Override
    public boolean klRows(ByteBuffer a, ByteBuffer b, ByteBuffer gradA, ByteBuffer gradB, ByteBuffer kl,
            int categories) {
        int rows = kl.capacity() / Float.BYTES;
        float[] expA = new float[categories];
        float[] expB = new float[categories];
        boolean masked = false;
        for (int row = 0; row < rows; row++) {
            int base = row * categories * Float.BYTES;
            RowMax max = tailMax(a, b, base, 0, categories, RowMax.EMPTY);
            RowSums sums = tail(a, b, base, 0, categories, max, expA, expB, RowSums.ZERO);
            Coefficients c = finishRow(a, b, gradA, gradB, kl, row, categories, max, sums);
            if (c != null) {
                gradients(a, b, gradA, gradB, base, 0, categories, expA, expB, c);
                masked |= c.maskedRow();
            } else {
                masked = true;   // a row finished early has a −∞ (KL = +∞), a NaN or a +∞
            }
        }
        return masked;
    }

    /** Row maxima and minima of a and b (NaN-propagating, as {@link Math#max}). */
    record RowMax(float maxA, float minA, float maxB, float minB) {
        static final RowMax EMPTY = new RowMax(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);

        /** {@return true if some logit of the row is −∞ (or NaN)} */
        boolean masked() {
            return !(minA > Float.NEGATIVE_INFINITY) || !(minB > Float.NEGATIVE_INFINITY);
        }
    }

    /**
     * Σ exp(a − m_a), Σ exp(b − m_b), Σ exp(a − m_a)(a − b) over the categories in both supports, and
     * whether some category is finite in a but −∞ in b.
     */
    record RowSums(double sumA, double sumB, double sumDiff, boolean missingInQ) {
        static final RowSums ZERO = new RowSums(0, 0, 0, false);
    }

    /** Maxima and minima over {@code [from, to)} of the row at byte offset {@code base}, from {@code start}. */
    static RowMax tailMax(ByteBuffer a, ByteBuffer b, int base, int from, int to, RowMax start) {
        float maxA = start.maxA(), minA = start.minA(), maxB = start.maxB(), minB = start.minB();
        for (int k = from; k < to; k++) {
            float x = a.getFloat(base + k * Float.BYTES);
            float y = b.getFloat(base + k * Float.BYTES);
            maxA = Math.max(maxA, x);
            minA = Math.min(minA, x);
            maxB = Math.max(maxB, y);
            minB = Math.min(minB, y);
        }
        return new RowMax(maxA, minA, maxB, minB);
    }

    /**
     * The exponentials (into {@code expA}, {@code expB}) and sums over {@code [from, to)}, added to
     * {@code start}.
     */
    static RowSums tail(ByteBuffer a, ByteBuffer b, int base, int from, int to, RowMax max,
            float[] expA, float[] expB, RowSums start) {
        boolean maskedRow = max.masked();
        double sumA = start.sumA(), sumB = start.sumB(), sumDiff = start.sumDiff();
        boolean missing = start.missingInQ();
        for (int k = from; k < to; k++) {
            float x = a.getFloat(base + k * Float.BYTES);
            float y = b.getFloat(base + k * Float.BYTES);
            float ea = (float) Math.exp(x - max.maxA());
            float eb = (float) Math.exp(y - max.maxB());
            expA[k] = ea;
            expB[k] = eb;
            sumA += ea;
            sumB += eb;
            boolean inP = x > Float.NEGATIVE_INFINITY;
            boolean inQ = y > Float.NEGATIVE_INFINITY;
            if (!maskedRow || (inP && inQ)) {
                sumDiff += ea * (x - y);
            } else if (inP) {
                missing = true;
            }
        }
        return new RowSums(sumA, sumB, sumDiff, missing);
    }

    /**
     * What the gradient pass of a row needs: 1/s_a, 1/s_b, d = c + KL, and whether the row has −∞
     * entries (then ∂KL/∂a is 0 outside P's support).
     */
    record Coefficients(float inverseSumA, float inverseSumB, float shift, boolean maskedRow) {
    }

    /**
     * Writes the row's KL from its sums and returns the coefficients of its gradient pass, or null when
     * the row is finished here: its log-sum-exp is not finite ({@link #nonFiniteRow}) or its KL is +∞
     * (gradients 0).
     */
    static Coefficients finishRow(ByteBuffer a, ByteBuffer b, ByteBuffer gradA, ByteBuffer gradB, ByteBuffer kl,
            int row, int categories, RowMax max, RowSums sums) {
        double lseA = max.maxA() + Math.log(sums.sumA());
        double lseB = max.maxB() + Math.log(sums.sumB());
        if (!Double.isFinite(lseA) || !Double.isFinite(lseB)) {
            // lse is finite or NaN: a NaN or +∞ logit, or all logits −∞, make it NaN.
            nonFiniteRow(gradA, gradB, kl, row, categories, Double.isNaN(lseA) || Double.isInfinite(lseA));
            return null;
        }
        if (sums.missingInQ()) {
            fill(gradA, gradB, row, categories, 0f);
            kl.putFloat(row * Float.BYTES, Float.POSITIVE_INFINITY);
            return null;
        }
        double c = lseA - lseB;
        double value = sums.sumDiff() / sums.sumA() - c;   // Σ p (a − b) − c
        kl.putFloat(row * Float.BYTES, (float) value);
        return new Coefficients((float) (1 / sums.sumA()), (float) (1 / sums.sumB()), (float) (c + value),
                max.masked());
    }

    /** The gradient pass over {@code [from, to)}: ∂KL/∂a = p ((a − b) − d), ∂KL/∂b = q − p. */
    static void gradients(ByteBuffer a, ByteBuffer b, ByteBuffer gradA, ByteBuffer gradB, int base, int from,
            int to, float[] expA, float[] expB, Coefficients c) {
        for (int k = from; k < to; k++) {
            int at = base + k * Float.BYTES;
            float x = a.getFloat(at);
            float y = b.getFloat(at);
            float p = expA[k] * c.inverseSumA();
            float q = expB[k] * c.inverseSumB();
            // Outside P's support p = 0 and so is the gradient (in a row of finite KL, P's support is in Q's).
            gradA.putFloat(at, c.maskedRow() && !(x > Float.NEGATIVE_INFINITY) ? 0f : p * ((x - y) - c.shift()));
            gradB.putFloat(at, q - p);
        }
    }

    /**
     * A row whose log-sum-exp is not finite, as the libtorch formula gives it (see {@link LogitsKlKernel}):
     * KL and both gradients NaN if lse_a is not finite, else KL = +∞ and gradients 0.
     */
    static void nonFiniteRow(ByteBuffer gradA, ByteBuffer gradB, ByteBuffer kl, int row, int categories,
            boolean lseANotFinite) {
        fill(gradA, gradB, row, categories, lseANotFinite ? Float.NaN : 0f);
        kl.putFloat(row * Float.BYTES, lseANotFinite ? Float.NaN : Float.POSITIVE_INFINITY);
    }

    private static void fill(ByteBuffer gradA, ByteBuffer gradB, int row, int categories, float value) {
        int base = row * categories * Float.BYTES;
        for (int k = 0; k < categories; k++) {
            gradA.putFloat(base + k * Float.BYTES, value);
            gradB.putFloat(base + k * Float.BYTES, value);
        }
    }
}
