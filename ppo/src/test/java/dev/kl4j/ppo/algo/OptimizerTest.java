package dev.kl4j.ppo.algo;

import dev.kl4j.core.djl.DjlAdam;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Adam and global-norm clipping against the same formulas evaluated in double precision in the test. */
class OptimizerTest {

    private static Parameter parameter(NDManager m, String name, float... values) {
        NDArray a = m.create(values);
        a.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(a).build();
    }

    /** loss = Σ c_i θ_i², gradient 2 c_i θ_i. */
    private static java.util.List<ai.djl.ndarray.NDArray> arrays(ParameterList params) {
        return params.values().stream().map(ai.djl.nn.Parameter::getArray).toList();
    }

    private static void backward(ParameterList params, float[][] c) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            int k = 0;
            for (var p : params) {
                NDArray x = p.getValue().getArray();
                NDArray term = x.square().mul(x.getManager().create(c[k++])).sum();
                loss = loss == null ? term : loss.add(term);
            }
            gc.backward(loss);
        }
    }

    @Test
    void clipByGlobalNormScalesAllGradientsByOneFactor() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterList params = new ParameterList();
            params.add("a", parameter(m, "a", 1, 2));
            params.add("b", parameter(m, "b", -3));
            float[][] c = {{1, 1}, {1}};
            backward(params, c);                       // g = (2, 4), (−6): ‖g‖ = √56
            double norm = GradientClipping.clipByGlobalNorm(params, 0.5);
            assertEquals(Math.sqrt(56), norm, 1e-5);
            double f = 0.5 / (Math.sqrt(56) + 1e-6);
            assertArrayEquals(new float[] {(float) (2 * f), (float) (4 * f)},
                    params.get("a").getArray().getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {(float) (-6 * f)}, params.get("b").getArray().getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void adamMatchesPytorchsUpdateComputedInDouble() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterList params = new ParameterList();
            params.add("a", parameter(m, "a", 1f, -2f, 0.5f));
            float[][] c = {{1, 0.5f, 3}};
            double[] theta = {1, -2, 0.5};
            double[] mom = new double[3];
            double[] vel = new double[3];
            double lr = 0.1;
            double eps = 1e-5;
            try (DjlAdam adam = DjlAdam.create(arrays(params), eps, m)) {
                for (int t = 1; t <= 3; t++) {
                    backward(params, c);
                    adam.step(lr);
                    for (int i = 0; i < 3; i++) {    // torch.optim.Adam
                        double g = 2 * c[0][i] * theta[i];
                        mom[i] = 0.9 * mom[i] + 0.1 * g;
                        vel[i] = 0.999 * vel[i] + 0.001 * g * g;
                        double mHat = mom[i] / (1 - Math.pow(0.9, t));
                        double vHat = vel[i] / (1 - Math.pow(0.999, t));
                        theta[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                    }
                }
                float[] got = params.get("a").getArray().toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertEquals(theta[i], got[i], 1e-5, "parameter " + i);
                }
                assertEquals(3, adam.steps());
            }
        }
    }
}
