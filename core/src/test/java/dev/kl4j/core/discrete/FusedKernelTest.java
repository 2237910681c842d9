package dev.kl4j.core.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernel against the scalar kernel: same zeros and infinities, sums equal to 1e-12
 * relative, on random inputs with exact zeros, every tail length, and the overflow corner cases.
 */
class FusedKernelTest {

    private static final FusedKernel SCALAR = ScalarKernel.INSTANCE;

    private static FusedKernel vector() {
        assertNotNull(Kernels.VECTOR, "surefire runs with --add-modules jdk.incubator.vector, so the vector kernel must load");
        return Kernels.VECTOR;
    }

    private static void assertSame(double expected, double actual, String what) {
        if (Double.isInfinite(expected) || Double.isNaN(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, 1e-12 * Math.max(Math.abs(expected), 1e-300), what);
        }
    }

    private static void assertAgree(double[] p, double[] q, String what) {
        FusedPass s = SCALAR.relativeEntropy(p, q);
        FusedPass v = vector().relativeEntropy(p, q);
        assertSame(s.value(), v.value(), what + " KL");
        assertSame(s.sumP(), v.sumP(), what + " sum p");
        assertSame(s.sumQ(), v.sumQ(), what + " sum q");
        assertEquals(s.minP(), v.minP(), what + " min p");
        assertEquals(s.minQ(), v.minQ(), what + " min q");
        FusedPass hs = SCALAR.entropy(p);
        FusedPass hv = vector().entropy(p);
        assertSame(hs.value(), hv.value(), what + " entropy");
        assertSame(hs.sumP(), hv.sumP(), what + " entropy sum");
        assertEquals(hs.minP(), hv.minP(), what + " entropy min");
    }

    @Test
    void vectorAndScalarAgreeOnRandomInputsWithZeros() {
        RandomGenerator rng = new SplittableRandom(11);
        for (int n = 1; n <= 70; n++) { // every tail length for 4 and 8 lanes
            for (int rep = 0; rep < 6; rep++) {
                double[] p = RandomVectors.probabilities(rng, n, 0.3);
                double[] q = RandomVectors.probabilities(rng, n, 0.3);
                assertAgree(p, q, "n=" + n + " any zeros");
                assertAgree(RandomVectors.restrictedTo(p, q), q, "n=" + n + " p zero where q is");
                double[] qFinite = q.clone();
                for (int i = 0; i < n; i++) {
                    qFinite[i] = 0.5 * q[i] + 0.5 * p[i];
                }
                assertAgree(p, qFinite, "n=" + n + " finite");
            }
        }
        for (int n : new int[] {1_000, 65_537, 200_003}) {
            double[] p = RandomVectors.probabilities(rng, n, 0.3);
            double[] q = p.clone();
            for (int i = 0; i < n; i++) {
                q[i] = 0.5 * p[i] + 0.5 / n;
            }
            assertAgree(p, q, "n=" + n);
            FusedPass v = vector().relativeEntropy(p, q);
            assertEquals(true, Double.isFinite(v.value()) && v.value() > 0, "finite positive KL");
            q[n / 2] = 0.0;
            p[n / 2] = 1e-9;
            assertAgree(p, q, "n=" + n + " one p>0=q");
            assertEquals(Double.POSITIVE_INFINITY, vector().relativeEntropy(p, q).value());
        }
    }

    @Test
    void longInputsMatchScipyOnBothPaths() {
        // n = 1000; a = np.arange(1, n+1, dtype=float); a[::10] = 0; p = a/a.sum(); q = np.full(n, 1/n)
        // b = np.arange(n, 0, -1, dtype=float); r = b/b.sum()
        int n = 1000;
        double[] p = new double[n];
        double[] q = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = i % 10 == 0 ? 0.0 : (i + 1) / 450900.0; // a.sum() = 450900
            q[i] = 1.0 / n;
            r[i] = (n - i) / 500500.0;
        }
        // rel_entr(p, q).sum(), entropy(p), rel_entr(p, r).sum(), rel_entr(r, p).sum()
        double klPq = 0.2975053209047215;
        double entropyP = 6.610249958077415;
        double klPr = 1.1017932275506688;
        for (FusedKernel kernel : List.of(SCALAR, vector())) {
            assertEquals(klPq, kernel.relativeEntropy(p, q).value(), 1e-13 * klPq);
            assertEquals(entropyP, kernel.entropy(p).value(), 1e-13 * entropyP);
            assertEquals(klPr, kernel.relativeEntropy(p, r).value(), 1e-13 * klPr);
            assertEquals(Double.POSITIVE_INFINITY, kernel.relativeEntropy(r, p).value());
        }
        assertEquals(klPq, DiscreteDivergences.kl(p, q), 1e-13 * klPq);
    }

    @Test
    void zeroLanesAreMaskedNotNaN() {
        int n = 64;
        double[] p = new double[n];
        double[] q = new double[n];
        // p = 0 lanes with q = 0 and with q > 0; p > 0 lanes with q > 0.
        for (int i = 0; i < n; i++) {
            p[i] = i % 4 == 0 ? 0.0 : 1.0 / 48;
            q[i] = i % 8 == 0 ? 0.0 : 1.0 / 56;
        }
        FusedPass v = vector().relativeEntropy(p, q);
        // 48 entries with p = 1/48, q = 1/56: KL = ln(56/48)
        assertEquals(Math.log(56.0 / 48.0), v.value(), 1e-14);
        assertAgree(p, q, "masked");
        p[3] = -0.0; // negative zero behaves as zero on both paths
        p[5] += 1.0 / 48;
        assertAgree(p, q, "negative zero");
    }

    @Test
    void overflowingRatioIsRecomputedExactly() {
        int n = 128;
        double[] p = new double[n];
        double[] q = new double[n];
        java.util.Arrays.fill(p, 1.0 / n);
        java.util.Arrays.fill(q, 1.0 / n);
        q[17] = 1e-320;
        q[18] += 1.0 / n - 1e-320;
        FusedPass v = vector().relativeEntropy(p, q);
        assertEquals(true, Double.isFinite(v.value()), "finite although p/q overflows at 17");
        assertAgree(p, q, "overflow");
        double expected = (Math.log(1.0 / n) - Math.log(1e-320)) / n + Math.log(0.5) / n;
        assertEquals(expected, v.value(), 1e-12 * expected);
    }

    @Test
    void invalidEntriesShowInTheStatistics() {
        double[] p = new double[100];
        double[] q = new double[100];
        java.util.Arrays.fill(p, 0.01);
        java.util.Arrays.fill(q, 0.01);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1e-300}) {
            for (int index : new int[] {0, 50, 99}) {
                double[] qq = q.clone();
                qq[index] = bad;
                assertEquals(false, vector().relativeEntropy(p, qq).entriesValid(), bad + " at " + index);
                assertEquals(false, SCALAR.relativeEntropy(p, qq).entriesValid(), bad + " at " + index);
                assertEquals(false, vector().entropy(qq).entriesValid(), bad + " at " + index);
                assertEquals(false, SCALAR.entropy(qq).entriesValid(), bad + " at " + index);
            }
        }
    }

    @Test
    void publicKernelsAgreeWithKl() {
        RandomGenerator rng = new SplittableRandom(12);
        double[] p = RandomVectors.probabilities(rng, 5000, 0.1);
        double[] q = RandomVectors.probabilities(rng, 5000, 0.0);
        assertEquals(true, DiscreteKernels.vectorApiInUse());
        double kl = DiscreteDivergences.kl(p, q);
        assertEquals(kl, DiscreteKernels.klScalar(p, q), 1e-12 * kl);
        assertEquals(kl, DiscreteKernels.klVector(p, q), 1e-12 * kl);
        double h = DiscreteDivergences.entropy(p);
        assertEquals(h, DiscreteKernels.entropyScalar(p), 1e-12 * h);
        assertEquals(h, DiscreteKernels.entropyVector(p), 1e-12 * h);
    }

    @Test
    void withoutTheModuleTheScalarFallbackRuns() throws Exception {
        // A fresh JVM without --add-modules jdk.incubator.vector must not touch VectorKernel.
        String java = ProcessHandle.current().info().command().orElse("java");
        String mainClasses = new File(DiscreteKernels.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        String testClasses = new File(FusedKernelTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        Process process = new ProcessBuilder(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                mainClasses + File.pathSeparator + testClasses, ScalarFallbackMain.class.getName()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), output);
        assertEquals(true, output.startsWith("vector=false kl="), output);
        double expected = 0.5 * Math.log(4.0 / 3.0); // see ScalarFallbackMain
        assertEquals(expected, Double.parseDouble(output.substring("vector=false kl=".length())), 1e-14);
    }
}
