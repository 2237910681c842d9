package dev.kl4j.vae.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.kl4j.vae.model.DecoderType;
import dev.kl4j.core.djl.DjlOwnedArrays;
import dev.kl4j.vae.model.VaeConfig;
import dev.kl4j.vae.model.VaeModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gradient of {@link Elbo#loss} must not depend on when Java's garbage collector runs.
 *
 * <p>Regression test for non-repeatable, occasionally exploding VAE training: {@code x.mul(0.5f)} on the
 * PyTorch engine wraps the number in a Java direct buffer that becomes garbage as soon as the call
 * returns, while autograd keeps the wrapped scalar for the backward pass; a collection between forward
 * and backward let the backward pass read freed memory (encoder gradients of ~1e33 in a probe). Here a
 * collection is forced between forward and backward, and the freed native memory is handed out again
 * and overwritten; the gradients must equal those of an undisturbed pass.
 */
class ElboGradientLifetimeTest {
    private static final VaeConfig BERNOULLI = new VaeConfig(48, 24, 6, DecoderType.BERNOULLI);
    private static final VaeConfig GAUSSIAN = new VaeConfig(48, 24, 6, DecoderType.GAUSSIAN);

    @Test
    void bernoulliGradientsSurviveACollectionBeforeBackward() throws InterruptedException {
        assertSameGradients(BERNOULLI, 1f, 0f);
    }

    @Test
    void gaussianFreeBitsGradientsSurviveACollectionBeforeBackward() throws InterruptedException {
        // β < 1 and free bits take the other branches of Elbo.loss (mul by β, maximum with λ)
        assertSameGradients(GAUSSIAN, 0.5f, 0.05f);
    }

    private static void assertSameGradients(VaeConfig config, float beta, float freeBits)
            throws InterruptedException {
        float[][] undisturbed = gradients(config, beta, freeBits, false);
        float[][] disturbed = gradients(config, beta, freeBits, true);
        for (int i = 0; i < undisturbed.length; i++) {
            double scale = 0;
            for (float g : undisturbed[i]) {
                scale = Math.max(scale, Math.abs(g));
            }
            assertTrue(scale > 0, "parameter " + i + " has an all-zero gradient; the test would prove nothing");
            for (int k = 0; k < undisturbed[i].length; k++) {
                assertEquals(undisturbed[i][k], disturbed[i][k], 1e-5 * scale,
                        "gradient of parameter " + i + " at " + k + " changed when Java freed memory before backward");
            }
        }
    }

    /** Gradients of the loss of one batch, from a fresh model with fixed weights, data and noise. */
    private static float[][] gradients(VaeConfig config, float beta, float freeBits, boolean collectBeforeBackward)
            throws InterruptedException {
        int batch = 16;
        SplittableRandom rng = new SplittableRandom(42);
        float[] pixels = new float[batch * config.inputSize()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        float[] noise = new float[batch * config.latent()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (2 * rng.nextDouble() - 1);
        }
        try (NDManager manager = NDManager.newBaseManager();
                VaeModel model = VaeModel.create(manager, config, new SplittableRandom(7))) {
            NDArray x = DjlOwnedArrays.create(manager, pixels, new Shape(batch, config.inputSize()));
            NDArray eps = DjlOwnedArrays.create(manager, noise, new Shape(batch, config.latent()));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Elbo.loss(Elbo.terms(model.encoder(), model.decoder(), model.likelihood(), x, eps), beta, freeBits);
                if (collectBeforeBackward) {
                    freeAndReuseUnreachableDirectMemory();
                }
                gc.backward(loss);
            }
            float[][] out = new float[model.parameterList().size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = model.parameterList().get(i).getGradient().toFloatArray();
            }
            return out;
        }
    }

    /**
     * Collects garbage (which frees the memory of unreachable direct buffers) and then allocates many
     * small direct buffers filled with a conspicuous value, so that freed memory is reused.
     */
    private static void freeAndReuseUnreachableDirectMemory() throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            System.gc();
            Thread.sleep(50); // direct buffers are freed by the reference-handler thread after the GC
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
