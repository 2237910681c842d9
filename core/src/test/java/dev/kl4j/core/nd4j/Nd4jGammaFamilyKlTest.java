package dev.kl4j.core.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kl4j.core.InvalidArgumentException;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jGammaFamilyKlTest {

    private static INDArray vec(double... x) {
        return Nd4j.createFromArray(x);
    }

    @Test
    void nd4jSpecialFunctionsAgreeWithCommonsNumbers() {
        double[] x = {1e-3, 0.3, 1.0, 2.5, 17.0, 250.0};
        double[] psi = Nd4jGammaFamilyKl.digamma(vec(x)).toDoubleVector();
        double[] lnGamma = Nd4jGammaFamilyKl.lgamma(vec(x)).toDoubleVector();
        for (int i = 0; i < x.length; i++) {
            assertEquals(Digamma.value(x[i]), psi[i], 1e-12 * Math.max(1, Math.abs(psi[i])), "digamma " + x[i]);
            assertEquals(LogGamma.value(x[i]), lnGamma[i], 1e-12 * Math.max(1, Math.abs(lnGamma[i])), "lgamma " + x[i]);
        }
    }

    @Test
    void gammaMatchesNumericalIntegration() {
        // scipy.integrate.quad of p(x)·(ln p(x) − ln q(x)) over (0, ∞), scipy.stats.gamma(a, scale=1/rate):
        // Gamma(2.5, 1.5)‖Gamma(1.2, 0.7) = 0.12528140148552383, Gamma(0.3, 4)‖Gamma(3, 0.2) = 17.756361404732484
        double[] kl = Nd4jGammaFamilyKl.gamma(vec(2.5, 0.3), vec(1.5, 4.0), vec(1.2, 3.0), vec(0.7, 0.2)).toDoubleVector();
        assertEquals(0.12528140148552383, kl[0], 1e-10);
        assertEquals(17.756361404732484, kl[1], 1e-7);
        assertEquals(0.0, Nd4jGammaFamilyKl.gamma(vec(2.0), vec(3.0), vec(2.0), vec(3.0)).getDouble(0), 1e-14);
    }

    @Test
    void betaMatchesNumericalIntegrationAndDirichletOfTwo() {
        // scipy.integrate.quad over (0, 1) with scipy.stats.beta:
        // Beta(2, 3)‖Beta(0.5, 0.5) = 0.5463032023040669, Beta(0.7, 1.3)‖Beta(4, 2.5) = 2.392824144606099
        double[] kl = Nd4jGammaFamilyKl.beta(vec(2.0, 0.7), vec(3.0, 1.3), vec(0.5, 4.0), vec(0.5, 2.5)).toDoubleVector();
        assertEquals(0.5463032023040669, kl[0], 1e-10);
        assertEquals(2.392824144606099, kl[1], 1e-10);
        // Beta(a, b) is Dirichlet(a, b) on its first coordinate: the two KLs are equal.
        double[] dir = Nd4jGammaFamilyKl.dirichlet(Nd4j.createFromArray(new double[][] {{2.0, 3.0}, {0.7, 1.3}}),
                Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {4.0, 2.5}})).toDoubleVector();
        assertEquals(kl[0], dir[0], 1e-12);
        assertEquals(kl[1], dir[1], 1e-12);
    }

    @Test
    void dirichletMatchesScipySpecialFunctionsInBothPrecisions() {
        // gammaln(a0) - gammaln(a).sum() - gammaln(b0) + gammaln(b).sum()
        //   + ((a - b) * (digamma(a) - digamma(a0))).sum(), SciPy 1.10
        double[] expected = {1.2484970061428133, 22.82766803605645};
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray alpha = Nd4j.createFromArray(new double[][] {{1.5, 0.4, 2.2}, {3.0, 0.8, 0.2}}).castTo(type);
            INDArray beta = Nd4j.createFromArray(new double[][] {{1, 1, 1}, {0.5, 2.0, 4.0}}).castTo(type);
            double[] kl = Nd4jGammaFamilyKl.dirichlet(alpha, beta).toDoubleVector();
            double relative = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            for (int i = 0; i < 2; i++) {
                assertEquals(expected[i], kl[i], relative * expected[i], type + " row " + i);
            }
        }
    }

    @Test
    void nonPositiveParametersNameTheArgument() {
        assertEquals("rateQ", assertThrows(InvalidArgumentException.class,
                () -> Nd4jGammaFamilyKl.gamma(vec(1), vec(1), vec(1), vec(0))).argument());
        assertEquals("concentration0P", assertThrows(InvalidArgumentException.class,
                () -> Nd4jGammaFamilyKl.beta(vec(1), vec(-1), vec(1), vec(1))).argument());
        assertEquals("concentrationQ", assertThrows(InvalidArgumentException.class,
                () -> Nd4jGammaFamilyKl.dirichlet(Nd4j.createFromArray(new double[][] {{1, 1}}),
                        Nd4j.createFromArray(new double[][] {{1, Double.NaN}}))).argument());
    }
}
