package dev.kl4j.core.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradients through scalar constants must survive a garbage collection between the forward and the
 * backward pass (see {@link DjlScalars}); checked against the analytic gradient of the Gaussian KL.
 */
class DjlScalarsTest {

    @Test
    void scalarHasTheValueAndTypeOfTheNumberOverload() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {2f, -3f});
            NDArray half = DjlScalars.of(x, 0.5f);
            assertEquals(0, half.getShape().dimension());
            assertEquals(DataType.FLOAT32, half.getDataType());
            float[] viaScalar = x.mul(half).toFloatArray();
            float[] viaNumber = x.mul(0.5f).toFloatArray();
            assertEquals(1f, viaScalar[0]);
            assertEquals(viaNumber[1], viaScalar[1]);
        }
    }

    @Test
    void gaussianKlGradientSurvivesACollectionBeforeBackward() throws InterruptedException {
        float[] mu = {0.3f, -1.2f, 2f, 0.05f};
        float[] logVar = {-0.7f, 0.4f, 1.1f, 0f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray m = manager.create(mu);
            NDArray lv = manager.create(logVar);
            NDArray zeros = manager.zeros(m.getShape());
            m.setRequiresGradient(true);
            lv.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = DjlGaussianKl.toStandardNormalFromLogVar(m, lv)
                        .add(DjlGaussianKl.diagonalFromLogVar(m, lv, zeros, zeros));
                freeAndReuseUnreachableDirectMemory();
                gc.backward(loss);
            }
            float[] gMu = m.getGradient().toFloatArray();
            float[] gLogVar = lv.getGradient().toFloatArray();
            for (int i = 0; i < mu.length; i++) {
                // KL = ½(μ² + e^s − 1 − s) counted twice: ∂/∂μ = 2μ, ∂/∂s = e^s − 1
                assertEquals(2 * mu[i], gMu[i], 1e-5, "d/dmu[" + i + "]");
                assertEquals(Math.exp(logVar[i]) - 1, gLogVar[i], 1e-5, "d/dlogVar[" + i + "]");
            }
        }
    }

    @Test
    void jensenShannonGradientSurvivesACollectionBeforeBackward() throws InterruptedException {
        float[] undisturbed = jsGradient(false);
        float[] disturbed = jsGradient(true);
        double scale = 0;
        for (float g : undisturbed) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertEquals(true, scale > 1e-3, "the gradient must not vanish, or the comparison proves nothing");
        for (int i = 0; i < undisturbed.length; i++) {
            assertEquals(undisturbed[i], disturbed[i], 1e-6 * scale, "d/dlogits[" + i + "]");
        }
    }

    /** Gradient of JS(softmax a, softmax b) + JS(probabilities) with respect to a. */
    private static float[] jsGradient(boolean collectBeforeBackward) throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[][] {{0.2f, -1f, 1.5f}, {2f, 0f, -0.5f}});
            NDArray b = manager.create(new float[][] {{-0.3f, 0.8f, 0.1f}, {0.5f, 0.5f, 1f}});
            a.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = DjlDivergences.jsFromLogits(a, b).sum()
                        .add(DjlDivergences.js(a.softmax(-1), b.softmax(-1)).sum());
                if (collectBeforeBackward) {
                    freeAndReuseUnreachableDirectMemory();
                }
                gc.backward(loss);
            }
            return a.getGradient().toFloatArray();
        }
    }

    /** GC (frees unreachable direct buffers), then reuse of that memory by new direct buffers. */
    private static void freeAndReuseUnreachableDirectMemory() throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            System.gc();
            Thread.sleep(50); // the reference-handler thread frees direct buffers after the GC
        }
        List<ByteBuffer> reuse = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, 1e4f);
            reuse.add(b);
        }
        assertEquals(20_000, reuse.size());
    }
}
