package dev.kl4j.core.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.kl.GaussianKl;
import dev.kl4j.core.kl.KlEstimators;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DjlKlEstimatorsTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** ln p(x) − ln q(x) for x ~ q = N(0, 1), p = N(0.3, 1.2). */
    private static double[] logRatios(int n) {
        SplittableRandom rng = new SplittableRandom(5);
        Normal q = Normal.of(0, 1);
        Normal p = Normal.of(0.3, 1.2);
        double[] lr = new double[n];
        for (int i = 0; i < n; i++) {
            double[] x = q.sample(rng);
            lr[i] = p.logProb(x) - q.logProb(x);
        }
        return lr;
    }

    @Test
    void meansAgreeWithTheDoubleEstimatorsAndEstimateTheKl() {
        double[] lr = logRatios(20000);
        NDArray logRatio = manager.create(lr).toType(DataType.FLOAT32, false);
        double k1 = DjlKlEstimators.k1(logRatio).mean().getFloat();
        double k2 = DjlKlEstimators.k2(logRatio).mean().getFloat();
        double k3 = DjlKlEstimators.k3(logRatio).mean().getFloat();
        assertEquals(KlEstimators.k1(lr).value(), k1, 1e-5);
        assertEquals(KlEstimators.k2(lr).value(), k2, 1e-5);
        assertEquals(KlEstimators.k3(lr).value(), k3, 1e-5);
        double exact = GaussianKl.normal(0, 1, 0.3, 1.2);   // KL(q ‖ p)
        assertEquals(exact, k1, 4 * KlEstimators.k1(lr).standardError());
        assertEquals(exact, k3, 4 * KlEstimators.k3(lr).standardError());
        assertEquals(DataType.FLOAT32, DjlKlEstimators.k3(logRatio).getDataType());
    }

    @Test
    void k3KeepsItsDigitsWhenTheRatioIsNearOne() {
        float[] small = {1e-4f, -3e-5f, 2e-6f, 0.0099f, -0.0099f, 0.0101f, -0.0101f, 0.5f, -2f};
        float[] k3 = DjlKlEstimators.k3(manager.create(small)).toFloatArray();
        for (int i = 0; i < small.length; i++) {
            double x = small[i];
            assertEquals(Math.expm1(x) - x, k3[i], 1e-6 * (Math.expm1(x) - x), "element " + i);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        double[] lr = {-0.7, 0.05, 1.3, 0.003, -0.008};
        NDArray x = manager.create(lr);
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray total = DjlKlEstimators.k1(x).add(DjlKlEstimators.k2(x)).add(DjlKlEstimators.k3(x)).sum();
            gc.backward(total);
        }
        double[] g = x.getGradient().toDoubleArray();
        double[] numeric = FiniteDifferences.gradient(v -> {
            double s = 0;
            for (double t : v) {
                s += -t + 0.5 * t * t + Math.expm1(t) - t;
            }
            return s;
        }, lr, 1e-6);
        for (int i = 0; i < lr.length; i++) {
            assertEquals(numeric[i], g[i], 1e-8);
        }
    }
}
