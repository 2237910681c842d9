package dev.kl4j.core.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class DjlAdamTest {

    @Test
    void threeStepsMatchTheAdamRecursionInDouble() {
        // f(p) = Σ c_i p_i³ / 3, gradient c_i p_i²: a non-constant gradient exercises both moments.
        double[] p = {1.0, -2.0, 0.5};
        double[] c = {1.0, 0.5, -3.0};
        double lr = 0.1;
        double[] m = new double[3];
        double[] v = new double[3];
        double[] expected = p.clone();
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = c[i] * expected[i] * expected[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                expected[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray param = manager.create(new float[] {1f, -2f, 0.5f});
            param.setRequiresGradient(true);
            NDArray coef = manager.create(new float[] {1f, 0.5f, -3f});
            try (DjlAdam adam = DjlAdam.create(List.of(param), 1e-8, manager)) {
                for (int t = 0; t < 3; t++) {
                    try (NDScope ignored = new NDScope()) {
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.backward(param.pow(DjlScalars.of(param, 3f)).mul(coef).div(DjlScalars.of(param, 3f)).sum());
                        }
                        adam.step(lr);
                    }
                }
                assertEquals(3, adam.steps());
            }
            float[] got = param.toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], got[i], 1e-5);
            }
        }
    }
}
