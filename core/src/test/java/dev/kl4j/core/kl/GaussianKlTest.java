package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GaussianKlTest {

    private static void fails(String argument, Executable e) {
        InvalidArgumentException ex = assertThrows(InvalidArgumentException.class, e);
        assertEquals(argument, ex.argument());
        assertTrue(ex.getMessage().contains(argument), ex.getMessage());
    }

    @Test
    void argumentsAreValidatedByName() {
        fails("scaleP", () -> GaussianKl.normal(0, -1, 0, 1));
        fails("scaleQ", () -> GaussianKl.normal(0, 1, 0, 0));
        fails("locQ", () -> GaussianKl.normal(0, 1, Double.NaN, 1));
        fails("locQ", () -> GaussianKl.diagonal(new double[2], new double[] {1, 1}, new double[3], new double[] {1, 1}));
        double[][] eye = {{1, 0}, {0, 1}};
        fails("covarianceQ", () -> GaussianKl.mvn(new double[2], eye, new double[2], new double[][] {{1, 2}, {2, 1}}));
        fails("covarianceP", () -> GaussianKl.mvn(new double[2], new double[][] {{1, 0.3}, {0, 1}}, new double[2], eye));
        fails("logVar", () -> GaussianKl.toStandardNormalFromLogVar(new double[2], new double[1]));
        fails("logVarQ", () -> GaussianKl.diagonalFromLogVar(new double[2], new double[2], new double[2], new double[3]));
        fails("muQ", () -> GaussianKl.diagonalFromLogVar(new double[1], new double[1], new double[] {Double.NaN}, new double[1]));
    }

    @Test
    void closedFormNumbers() {
        // KL(N(1, 2²) ‖ N(0, 1)) = ½(1 + 4 − 1 − ln 4) = 2 − ln 2
        assertEquals(2 - Math.log(2), GaussianKl.normal(1, 2, 0, 1), 1e-15);
        // MVN: Σp = I, Σq = 4I in 2-D, μ equal: ½(2·¼ − 2 + ln 16) = ln 4 − ¾
        assertEquals(Math.log(4) - 0.75, GaussianKl.mvn(new double[2], new double[][] {{1, 0}, {0, 1}},
                new double[2], new double[][] {{4, 0}, {0, 4}}), 1e-15);
    }
}
