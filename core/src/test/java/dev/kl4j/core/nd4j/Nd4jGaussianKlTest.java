package dev.kl4j.core.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jGaussianKlTest {
    private static final double[][] SIGMA_P = {{2.0, 0.3, 0.1}, {0.3, 1.0, -0.2}, {0.1, -0.2, 0.5}};
    private static final double[][] SIGMA_Q = {{1.0, 0.5, 0.0}, {0.5, 1.5, 0.3}, {0.0, 0.3, 0.8}};
    private static final double[] MU_P = {0.1, -0.4, 1.0};
    private static final double[] MU_Q = {0.5, 0.2, -0.3};
    // NumPy, textbook form with an explicit inverse and slogdet:
    // 0.5*(trace(inv(Sq)@Sp) + dm@inv(Sq)@dm - d + slogdet(Sq)[1] - slogdet(Sp)[1]), dm = mq - mp
    private static final double KL_PQ = 1.9681117567788393;
    private static final double KL_QP = 2.3556410613291967;

    @Test
    void batchMatchesTextbookFormulaAndIsAsymmetric() {
        INDArray means1 = Nd4j.createFromArray(new double[][] {MU_P, MU_Q, MU_P});
        INDArray means2 = Nd4j.createFromArray(new double[][] {MU_Q, MU_P, MU_P});
        INDArray cov1 = Nd4j.createFromArray(new double[][][] {SIGMA_P, SIGMA_Q, SIGMA_P});
        INDArray cov2 = Nd4j.createFromArray(new double[][][] {SIGMA_Q, SIGMA_P, SIGMA_P});
        double[] kl = Nd4jGaussianKl.mvn(means1, cov1, means2, cov2).toDoubleVector();
        assertEquals(KL_PQ, kl[0], 1e-12);
        assertEquals(KL_QP, kl[1], 1e-12);
        assertEquals(0.0, kl[2], 1e-14);
    }

    @Test
    void listOfMatricesAndFloat32Agree() {
        INDArray meansP = Nd4j.createFromArray(new float[][] {toFloat(MU_P)});
        INDArray meansQ = Nd4j.createFromArray(new float[][] {toFloat(MU_Q)});
        INDArray kl = Nd4jGaussianKl.mvn(meansP, List.of(Nd4j.createFromArray(SIGMA_P).castTo(DataType.FLOAT)),
                meansQ, List.of(Nd4j.createFromArray(SIGMA_Q).castTo(DataType.FLOAT)));
        assertEquals(DataType.FLOAT, kl.dataType());
        assertEquals(KL_PQ, kl.getDouble(0), 1e-5 * KL_PQ);
    }

    @ParameterizedTest
    @CsvSource({"5, 2.5", "300, 0.01"})   // det(0.01·I_300) = 1e-600 underflows: factors, never determinants
    void isotropicCaseMatchesUnivariateClosedForm(int d, double variance) {
        // N(μ, σ²I_d) vs N(0, I_d): d·½(σ² − 1 − ln σ²) + ½|μ|²
        INDArray mean = Nd4j.linspace(DataType.DOUBLE, -1, 0.5, d).reshape(1, d);
        INDArray cov = Nd4j.eye(d).castTo(DataType.DOUBLE).muli(variance).reshape(1, d, d);
        double expected = d * 0.5 * (variance - 1 - Math.log(variance)) + 0.5 * mean.mul(mean).sumNumber().doubleValue();
        double kl = Nd4jGaussianKl.mvn(mean, cov, Nd4j.zeros(DataType.DOUBLE, 1, d),
                Nd4j.eye(d).castTo(DataType.DOUBLE).reshape(1, d, d)).getDouble(0);
        assertEquals(expected, kl, 1e-12 * expected);
    }

    @Test
    void nonPositiveDefiniteAndAsymmetricCovariancesNameTheArgument() {
        INDArray means = Nd4j.createFromArray(new double[][] {{0, 0}, {0, 0}});
        INDArray good = Nd4j.createFromArray(new double[][][] {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}});
        INDArray indefinite = Nd4j.createFromArray(new double[][][] {{{1, 0}, {0, 1}}, {{1, 2}, {2, 1}}});
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Nd4jGaussianKl.mvn(means, good, means, indefinite));
        assertEquals("covarianceQ", e.argument());
        assertTrue(e.getMessage().contains("covarianceQ[1]") && e.getMessage().contains("positive-definite"),
                e.getMessage());
        INDArray asymmetric = Nd4j.createFromArray(new double[][][] {{{1, 0.5}, {0, 1}}, {{1, 0}, {0, 1}}});
        assertEquals("covarianceP", assertThrows(InvalidArgumentException.class,
                () -> Nd4jGaussianKl.mvn(means, asymmetric, means, good)).argument());
        assertEquals("covarianceP", assertThrows(InvalidArgumentException.class,
                () -> Nd4jGaussianKl.mvn(means, good.reshape(4, 2), means, good)).argument());
    }

    @Test
    void covarianceSymmetricOnlyToRoundingIsAccepted() {
        double[][] nearlySymmetric = {SIGMA_P[0].clone(), SIGMA_P[1].clone(), SIGMA_P[2].clone()};
        nearlySymmetric[0][1] = Math.nextUp(nearlySymmetric[0][1]);
        double kl = Nd4jGaussianKl.mvn(Nd4j.createFromArray(new double[][] {MU_P}),
                Nd4j.createFromArray(new double[][][] {nearlySymmetric}), Nd4j.createFromArray(new double[][] {MU_Q}),
                Nd4j.createFromArray(new double[][][] {SIGMA_Q})).getDouble(0);
        assertEquals(KL_PQ, kl, 1e-12);
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
