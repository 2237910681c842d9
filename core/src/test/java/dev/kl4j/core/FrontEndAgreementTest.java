package dev.kl4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kl4j.core.discrete.DiscreteDivergences;
import dev.kl4j.core.djl.DjlDivergences;
import dev.kl4j.core.djl.DjlGaussianKl;
import dev.kl4j.core.distribution.Beta;
import dev.kl4j.core.distribution.Dirichlet;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.MultivariateNormal;
import dev.kl4j.core.kl.GaussianKl;
import dev.kl4j.core.kl.Kl;
import dev.kl4j.core.nd4j.Nd4jDivergences;
import dev.kl4j.core.nd4j.Nd4jGaussianKl;
import dev.kl4j.core.nd4j.Nd4jGammaFamilyKl;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three front ends must agree: the exact {@code double[]} reference ({@link DiscreteDivergences},
 * {@link GaussianKl}, {@link Kl}), the DJL front end (float32) and the ND4J front end (float64 and float32),
 * on seeded random cases that include exact zeros, near-zeros (1e-30) and supports that make KL = +∞.
 *
 * <p>Tolerances: float64 1e-10 relative; float32 1e-5 relative plus 1e-6 absolute (rounding the inputs to
 * float32 alone moves a divergence by about 1e-7 times the largest |ln(p/q)|). Infinities must match
 * exactly.
 */
class FrontEndAgreementTest {
    private static final double F32_RELATIVE = 1e-5;
    private static final double F32_ABSOLUTE = 1e-6;
    private static final double F64_RELATIVE = 1e-10;

    /** A random probability vector with exact zeros (prob. 0.2) and near-zeros 1e-30 (prob. 0.1). */
    private static double[] randomDistribution(SplittableRandom rng, int k) {
        double[] p = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double u = rng.nextDouble();
            p[i] = u < 0.2 ? 0.0 : u < 0.3 ? 1e-30 : -Math.log(1 - rng.nextDouble());
            sum += p[i];
        }
        if (sum == 0 || sum < 1e-20) {
            p[rng.nextInt(k)] = 1.0;
            sum = 0;
            for (double v : p) {
                sum += v;
            }
        }
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Rows of P and Q; in one row in four Q is P with one of P's positive entries set to 0 (KL = +∞). */
    private static double[][][] randomPairs(SplittableRandom rng, int rows, int k) {
        double[][] p = new double[rows][];
        double[][] q = new double[rows][];
        for (int r = 0; r < rows; r++) {
            p[r] = randomDistribution(rng, k);
            q[r] = randomDistribution(rng, k);
            if (r % 4 == 3) {
                int i = largestIndex(p[r]);
                q[r][i] = 0;
                double sum = 0;
                for (double v : q[r]) {
                    sum += v;
                }
                if (sum == 0) {
                    q[r][(i + 1) % k] = sum = 1;
                }
                for (int j = 0; j < k; j++) {
                    q[r][j] /= sum;
                }
            }
        }
        return new double[][][] {p, q};
    }

    private static int largestIndex(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    private static void assertAgrees(double reference, double actual, double relative, double absolute, String what) {
        if (Double.isInfinite(reference) || Double.isInfinite(actual)) {
            assertEquals(reference, actual, what + ": infinities must match");
            return;
        }
        assertTrue(Math.abs(reference - actual) <= relative * Math.abs(reference) + absolute,
                what + ": reference " + reference + ", front end " + actual);
    }

    private static double[] logOf(double[] p) {
        double[] l = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            l[i] = Math.log(p[i]);             // ln 0 = −∞ masks the category
        }
        return l;
    }

    private static double[][] logOf(double[][] p) {
        double[][] l = new double[p.length][];
        for (int r = 0; r < p.length; r++) {
            l[r] = logOf(p[r]);
        }
        return l;
    }

    private void compareDiscrete(String name, ToDoubleBiFunction<double[], double[]> reference,
                                 ToDoubleBiFunction<double[], double[]> doubleLogits,
                                 BiFunction<NDArray, NDArray, NDArray> djlProbs,
                                 BiFunction<NDArray, NDArray, NDArray> djlLogits,
                                 BiFunction<INDArray, INDArray, INDArray> nd4jProbs,
                                 BiFunction<INDArray, INDArray, INDArray> nd4jLogits) {
        SplittableRandom rng = new SplittableRandom(20261126L);
        int checked = 0;
        int infinite = 0;
        for (int k : new int[] {2, 3, 17, 100}) {
            double[][][] pair = randomPairs(rng, 12, k);
            double[][] p = pair[0];
            double[][] q = pair[1];
            double[] expected = new double[p.length];
            for (int r = 0; r < p.length; r++) {
                expected[r] = reference.applyAsDouble(p[r], q[r]);
                infinite += Double.isInfinite(expected[r]) ? 1 : 0;
                assertAgrees(expected[r], doubleLogits.applyAsDouble(logOf(p[r]), logOf(q[r])), F64_RELATIVE, 1e-15,
                        name + " double[] logits k=" + k + " row " + r);
            }
            try (NDManager manager = NDManager.newBaseManager()) {
                float[] fromProbs = djlProbs.apply(manager.create(p).toType(DataType.FLOAT32, false),
                        manager.create(q).toType(DataType.FLOAT32, false)).toFloatArray();
                float[] fromLogits = djlLogits.apply(manager.create(logOf(p)).toType(DataType.FLOAT32, false),
                        manager.create(logOf(q)).toType(DataType.FLOAT32, false)).toFloatArray();
                for (int r = 0; r < p.length; r++) {
                    assertAgrees(expected[r], fromProbs[r], F32_RELATIVE, F32_ABSOLUTE, name + " DJL probs k=" + k + " row " + r);
                    assertAgrees(expected[r], fromLogits[r], F32_RELATIVE, F32_ABSOLUTE, name + " DJL logits k=" + k + " row " + r);
                }
            }
            INDArray p64 = Nd4j.createFromArray(p);
            INDArray q64 = Nd4j.createFromArray(q);
            double[] nd64 = nd4jProbs.apply(p64, q64).toDoubleVector();
            double[] nd64Logits = nd4jLogits.apply(Nd4j.createFromArray(logOf(p)), Nd4j.createFromArray(logOf(q))).toDoubleVector();
            double[] nd32 = nd4jProbs.apply(p64.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                    q64.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)).toDoubleVector();
            for (int r = 0; r < p.length; r++) {
                assertAgrees(expected[r], nd64[r], F64_RELATIVE, 1e-15, name + " ND4J float64 k=" + k + " row " + r);
                assertAgrees(expected[r], nd64Logits[r], F64_RELATIVE, 1e-15, name + " ND4J float64 logits k=" + k + " row " + r);
                assertAgrees(expected[r], nd32[r], F32_RELATIVE, F32_ABSOLUTE, name + " ND4J float32 k=" + k + " row " + r);
                checked++;
            }
        }
        assertEquals(48, checked);
        if (name.equals("kl")) {
            assertTrue(infinite >= 8, "the cases must include infinite KL, got " + infinite);
        }
    }

    @Test
    void categoricalKlAgreesAcrossFrontEnds() {
        compareDiscrete("kl", DiscreteDivergences::kl, DiscreteDivergences::klFromLogits, DjlDivergences::kl,
                DjlDivergences::klFromLogits, Nd4jDivergences::kl, Nd4jDivergences::klFromLogits);
    }

    @Test
    void reverseKlAgreesWithSwappedReference() {
        compareDiscrete("reverse kl", (p, q) -> DiscreteDivergences.kl(q, p), DiscreteDivergences::reverseKlFromLogits,
                DjlDivergences::reverseKl, DjlDivergences::reverseKlFromLogits, Nd4jDivergences::reverseKl,
                Nd4jDivergences::reverseKlFromLogits);
        // The double[] reverseKl is kl with the arguments swapped, to the last bit.
        compareDiscrete("reverse kl (double[])", DiscreteDivergences::reverseKl,
                (a, b) -> DiscreteDivergences.klFromLogits(b, a), (p, q) -> DjlDivergences.kl(q, p),
                (a, b) -> DjlDivergences.klFromLogits(b, a), (p, q) -> Nd4jDivergences.kl(q, p),
                (a, b) -> Nd4jDivergences.klFromLogits(b, a));
    }

    @Test
    void entropyAgreesAcrossFrontEnds() {
        compareDiscrete("entropy", (p, q) -> DiscreteDivergences.entropy(p), (a, b) -> DiscreteDivergences.entropyFromLogits(a),
                (p, q) -> DjlDivergences.entropy(p),
                (p, q) -> DjlDivergences.entropyFromLogits(p), (p, q) -> Nd4jDivergences.entropy(p),
                (p, q) -> Nd4jDivergences.entropyFromLogits(p));
    }

    @Test
    void jensenShannonAgreesAcrossFrontEnds() {
        compareDiscrete("js", DiscreteDivergences::js, DiscreteDivergences::jsFromLogits, DjlDivergences::js,
                DjlDivergences::jsFromLogits,
                Nd4jDivergences::js, Nd4jDivergences::jsFromLogits);
    }

    @Test
    void totalVariationAgreesAcrossFrontEnds() {
        compareDiscrete("tv", DiscreteDivergences::tv, DiscreteDivergences::tvFromLogits, DjlDivergences::tv,
                DjlDivergences::tvFromLogits, Nd4jDivergences::tv, Nd4jDivergences::tvFromLogits);
    }

    // ---------------------------------------------------------------- Gaussians

    /** Σ = A Aᵀ / d + ½ I: symmetric, eigenvalues ≥ ½. */
    private static double[][] randomCovariance(SplittableRandom rng, int d) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = rng.nextDouble(-1, 1);
            }
        }
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += a[i][k] * a[j][k];
                }
                s[i][j] = s[j][i] = v / d + (i == j ? 0.5 : 0);
            }
        }
        return s;
    }

    private static double[] randomVector(SplittableRandom rng, int d, double scale) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = rng.nextDouble(-scale, scale);
        }
        return v;
    }

    @Test
    void multivariateNormalAgreesWithDoublePathAndRegistry() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int d : new int[] {1, 2, 5, 12}) {
            int batch = 6;
            double[][] mp = new double[batch][];
            double[][] mq = new double[batch][];
            double[][][] sp = new double[batch][][];
            double[][][] sq = new double[batch][][];
            for (int b = 0; b < batch; b++) {
                mp[b] = randomVector(rng, d, 2);
                mq[b] = randomVector(rng, d, 2);
                sp[b] = randomCovariance(rng, d);
                sq[b] = b == 0 ? sp[b] : randomCovariance(rng, d);   // one pair with equal covariances
            }
            double[] nd64 = Nd4jGaussianKl.mvn(Nd4j.createFromArray(mp), Nd4j.createFromArray(sp),
                    Nd4j.createFromArray(mq), Nd4j.createFromArray(sq)).toDoubleVector();
            org.nd4j.linalg.api.buffer.DataType f32 = org.nd4j.linalg.api.buffer.DataType.FLOAT;
            double[] nd32 = Nd4jGaussianKl.mvn(Nd4j.createFromArray(mp).castTo(f32), Nd4j.createFromArray(sp).castTo(f32),
                    Nd4j.createFromArray(mq).castTo(f32), Nd4j.createFromArray(sq).castTo(f32)).toDoubleVector();
            for (int b = 0; b < batch; b++) {
                double exact = GaussianKl.mvn(mp[b], sp[b], mq[b], sq[b]);
                double viaRegistry = Kl.kl(MultivariateNormal.of(mp[b], sp[b]), MultivariateNormal.of(mq[b], sq[b]));
                assertAgrees(exact, viaRegistry, 1e-14, 0, "registry d=" + d);
                assertAgrees(exact, nd64[b], F64_RELATIVE, 1e-13, "ND4J float64 mvn d=" + d + " pair " + b);
                assertAgrees(exact, nd32[b], F32_RELATIVE, F32_ABSOLUTE * d, "ND4J float32 mvn d=" + d + " pair " + b);
            }
        }
    }

    @Test
    void diagonalGaussianAgreesWithDoublePath() {
        SplittableRandom rng = new SplittableRandom(11);
        int batch = 5;
        int d = 8;
        double[][] muP = new double[batch][];
        double[][] logVarP = new double[batch][];
        double[][] muQ = new double[batch][];
        double[][] logVarQ = new double[batch][];
        for (int b = 0; b < batch; b++) {
            muP[b] = randomVector(rng, d, 3);
            logVarP[b] = randomVector(rng, d, 2);
            muQ[b] = randomVector(rng, d, 3);
            logVarQ[b] = randomVector(rng, d, 2);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            BiFunction<double[][], NDManager, NDArray> f32 = (x, m) -> m.create(x).toType(DataType.FLOAT32, false);
            float[] diagonal = DjlGaussianKl.diagonalFromLogVar(f32.apply(muP, manager), f32.apply(logVarP, manager),
                    f32.apply(muQ, manager), f32.apply(logVarQ, manager)).toFloatArray();
            float[] prior = DjlGaussianKl.toStandardNormalFromLogVar(f32.apply(muP, manager), f32.apply(logVarP, manager)).toFloatArray();
            double[] ndDiagonal = Nd4jGaussianKl.diagonalFromLogVar(Nd4j.createFromArray(muP), Nd4j.createFromArray(logVarP),
                    Nd4j.createFromArray(muQ), Nd4j.createFromArray(logVarQ)).toDoubleVector();
            double[] ndPrior = Nd4jGaussianKl.toStandardNormalFromLogVar(Nd4j.createFromArray(muP),
                    Nd4j.createFromArray(logVarP)).toDoubleVector();
            for (int b = 0; b < batch; b++) {
                double exact = GaussianKl.diagonal(muP[b], scales(logVarP[b]), muQ[b], scales(logVarQ[b]));
                double exactPrior = GaussianKl.toStandardNormalFromLogVar(muP[b], logVarP[b]);
                assertAgrees(exact, GaussianKl.diagonalFromLogVar(muP[b], logVarP[b], muQ[b], logVarQ[b]), 1e-13, 0,
                        "double[] diagonalFromLogVar " + b);
                assertAgrees(exact, diagonal[b], F32_RELATIVE, F32_ABSOLUTE, "DJL diagonal " + b);
                assertAgrees(exactPrior, prior[b], F32_RELATIVE, F32_ABSOLUTE, "DJL prior " + b);
                assertAgrees(exact, ndDiagonal[b], F64_RELATIVE, 1e-13, "ND4J diagonalFromLogVar " + b);
                assertAgrees(exactPrior, ndPrior[b], F64_RELATIVE, 1e-13, "ND4J toStandardNormalFromLogVar " + b);
            }
        }
    }

    private static double[] scales(double[] logVar) {
        double[] s = new double[logVar.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.exp(0.5 * logVar[i]);
        }
        return s;
    }

    // ---------------------------------------------------------------- digamma families

    /** Log-uniform in [0.1, 10]. */
    private static double positive(SplittableRandom rng) {
        return Math.exp(rng.nextDouble(Math.log(0.1), Math.log(10)));
    }

    @Test
    void gammaBetaDirichletAgreeWithRegistry() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 20;
        double[][] params = new double[4][n];
        for (double[] row : params) {
            for (int i = 0; i < n; i++) {
                row[i] = positive(rng);
            }
        }
        INDArray[] nd = new INDArray[4];
        for (int j = 0; j < 4; j++) {
            nd[j] = Nd4j.createFromArray(params[j]);
        }
        double[] gamma = Nd4jGammaFamilyKl.gamma(nd[0], nd[1], nd[2], nd[3]).toDoubleVector();
        double[] beta = Nd4jGammaFamilyKl.beta(nd[0], nd[1], nd[2], nd[3]).toDoubleVector();
        for (int i = 0; i < n; i++) {
            double g = Kl.kl(Gamma.of(params[0][i], params[1][i]), Gamma.of(params[2][i], params[3][i]));
            double b = Kl.kl(Beta.of(params[0][i], params[1][i]), Beta.of(params[2][i], params[3][i]));
            assertAgrees(g, gamma[i], F64_RELATIVE, 1e-13, "gamma " + i);
            assertAgrees(b, beta[i], F64_RELATIVE, 1e-13, "beta " + i);
        }
        int k = 5;
        double[][] alpha = new double[n][k];
        double[][] beta0 = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                alpha[i][j] = positive(rng);
                beta0[i][j] = positive(rng);
            }
        }
        double[] dir = Nd4jGammaFamilyKl.dirichlet(Nd4j.createFromArray(alpha), Nd4j.createFromArray(beta0)).toDoubleVector();
        for (int i = 0; i < n; i++) {
            double exact = Kl.kl(Dirichlet.of(alpha[i]), Dirichlet.of(beta0[i]));
            assertAgrees(exact, dir[i], F64_RELATIVE, 1e-12, "dirichlet " + i);
        }
    }
}
