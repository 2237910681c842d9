package dev.kl4j.examples.bench;

import dev.kl4j.core.kl.GaussianKl;
import dev.kl4j.core.nd4j.Nd4jGaussianKl;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * KL between multivariate normals with full covariances, for a batch of {@code batch} pairs of dimension
 * {@code dim}: the ND4J batched Cholesky path ({@link Nd4jGaussianKl#mvn}, one call for the whole batch)
 * against the plain {@code double[]} path ({@link GaussianKl#mvn}, one call per pair). Both validate their
 * inputs and factor both covariances; one operation is the whole batch, float64 on both sides.
 *
 * <p>Covariances are random SPD matrices Σ = A Aᵀ/d + ½ I with A ~ N(0, 1), seeded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MvnKlBenchmark {

    /** {@code nd4j} (batched Cholesky via Nd4j.linalg()) or {@code double} (kl4j's double[] path). */
    @Param({"nd4j", "double"})
    public String path;

    /** Dimension d of each normal. */
    @Param({"64", "256"})
    public int dim;

    /** Pairs per operation. */
    @Param("16")
    public int batch;

    private double[][] meansP;
    private double[][] meansQ;
    private double[][][] covariancesP;
    private double[][][] covariancesQ;
    private INDArray ndMeansP;
    private INDArray ndMeansQ;
    private INDArray ndCovariancesP;
    private INDArray ndCovariancesQ;

    /**
     * Draws the seeded means (standard normal entries) and covariances Σ = AAᵀ/d + ½I (A standard normal, d × d) of
     * both batches.
     */
    @Setup(Level.Trial)
    public void createNormals() {
        SplittableRandom rng = new SplittableRandom(7);
        meansP = new double[batch][];
        meansQ = new double[batch][];
        covariancesP = new double[batch][][];
        covariancesQ = new double[batch][][];
        for (int b = 0; b < batch; b++) {
            meansP[b] = gaussianVector(rng, dim);
            meansQ[b] = gaussianVector(rng, dim);
            covariancesP[b] = randomCovariance(rng, dim);
            covariancesQ[b] = randomCovariance(rng, dim);
        }
        ndMeansP = Nd4j.createFromArray(meansP);
        ndMeansQ = Nd4j.createFromArray(meansQ);
        ndCovariancesP = Nd4j.createFromArray(covariancesP);
        ndCovariancesQ = Nd4j.createFromArray(covariancesQ);
    }

    /** {@return the sum of the batch's KL values} */
    @Benchmark
    public double mvnKl() {
        if (path.equals("nd4j")) {
            return Nd4jGaussianKl.mvn(ndMeansP, ndCovariancesP, ndMeansQ, ndCovariancesQ).sumNumber().doubleValue();
        }
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            sum += GaussianKl.mvn(meansP[b], covariancesP[b], meansQ[b], covariancesQ[b]);
        }
        return sum;
    }

    private static double[] gaussianVector(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = gaussian(rng);
        }
        return v;
    }

    /** Σ = A Aᵀ / d + ½ I, symmetric by construction. */
    static double[][] randomCovariance(SplittableRandom rng, int d) {
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = gaussianVector(rng, d);
        }
        double[][] sigma = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += a[i][k] * a[j][k];
                }
                sigma[i][j] = s / d + (i == j ? 0.5 : 0.0);
                sigma[j][i] = sigma[i][j];
            }
        }
        return sigma;
    }

    /** Standard normal by Box–Muller from the seeded generator. */
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
