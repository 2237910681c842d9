package dev.kl4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** Each helper against an independent value: BigDecimal series or a hand-derived identity. */
class StableMathTest {

    private static final MathContext MC = new MathContext(40);

    /** e^t − 1 − t by its Taylor series in 40-digit decimal arithmetic. */
    private static double expm1MinusXExact(double t) {
        BigDecimal x = new BigDecimal(t);
        BigDecimal term = x.multiply(x, MC).divide(BigDecimal.valueOf(2), MC);
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 3; k < 60; k++) {
            sum = sum.add(term, MC);
            term = term.multiply(x, MC).divide(BigDecimal.valueOf(k), MC);
        }
        return sum.doubleValue();
    }

    @Test
    void expm1MinusXKeepsRelativePrecisionNearZero() {
        for (double t : new double[] {1e-12, -3e-9, 1e-5, 0.05, -0.099, 0.3, -2}) {
            double exact = expm1MinusXExact(t);
            assertEquals(exact, StableMath.expm1MinusX(t), 4e-16 * exact, "t = " + t);
        }
        // The direct form has lost every digit here; the series has not.
        assertEquals(5e-25 * (1 + 1e-12 / 3), StableMath.expm1MinusX(1e-12), 1e-39);
        double direct = Math.expm1(1e-12) - 1e-12;
        assertTrue(Math.abs(direct / 5e-25 - 1) > 1e-6, "the direct form keeps only a few digits: " + direct);
    }

    @Test
    void logRatioNearOneAndAtTheExtremes() {
        double a = 1 + 0x1p-40;
        assertEquals(Math.log1p(0x1p-40), StableMath.logRatio(a, 1), 0);
        assertEquals(Math.log(3) - Math.log(7), StableMath.logRatio(3, 7), 1e-15);
        // 1e-200 / 1e200 underflows to 0: the logarithms are subtracted instead.
        assertEquals(-400 * Math.log(10), StableMath.logRatio(1e-200, 1e200), 1e-12);
        assertEquals(400 * Math.log(10), StableMath.logRatio(1e200, 1e-200), 1e-12);
    }

    @Test
    void logSumExpAndLogSoftmax() {
        assertEquals(1000 + Math.log(2), StableMath.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertEquals(Math.log(Math.exp(-1) + Math.exp(-2)), StableMath.logSumExp(new double[] {-1, -2}), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY,
                StableMath.logSumExp(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        // Logits of magnitude 1e4 (ulp 1.8e-12): finite and exact to that ulp, where softmax then ln gives −∞.
        double[] lp = StableMath.logSoftmax(new double[] {1e4, 1e4, Double.NEGATIVE_INFINITY, -1e4});
        assertArrayEquals(new double[] {-Math.log(2), -Math.log(2), Double.NEGATIVE_INFINITY, -2e4 - Math.log(2)},
                lp, 4e-12);
    }
}
