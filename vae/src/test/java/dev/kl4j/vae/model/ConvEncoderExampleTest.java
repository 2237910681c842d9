package dev.kl4j.vae.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.data.ImageSet;
import dev.kl4j.vae.TinyImages;
import dev.kl4j.vae.train.EpochMetrics;
import dev.kl4j.vae.train.TrainConfig;
import dev.kl4j.vae.train.TrainingListener;
import dev.kl4j.vae.train.VaeTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The "Extend it" example of vae/README.md: a user's convolutional encoder, built from DJL layers, trained
 * by the kl4j VAE trainer. The README shows the code of {@link #theReadmeSnippetTrains()} verbatim
 * ({@code ReadmeJavaSnippetsTest} in module {@code examples} compares them); {@link #convolutionalEncoderTrains()}
 * is the same model, watched step by step.
 */
class ConvEncoderExampleTest {

    @Test
    void convolutionalEncoderTrains() {
        ImageSet train = TinyImages.make(256, 8, 1);   // 8×8 images: a bright row or column
        ImageSet test = TinyImages.make(64, 8, 2);
        int latent = 4;
        Engine.getInstance().setRandomSeed(5);         // DJL's initialisers draw from the engine
        NDManager manager = NDManager.newBaseManager();

        // [B, 1, 8, 8] → conv 3×3 (8) → relu → conv 3×3 stride 2 (16) → relu → flatten → [B, 2·latent]
        SequentialBlock conv = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1)).setFilters(16).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(2L * latent).build());
        Encoder encoder = BlockEncoder.of(manager, conv, new Shape(1, 8, 8), latent);
        Decoder decoder = MlpDecoder.create(manager, latent, 32, 64, new SplittableRandom(5));
        VaeModel model = VaeModel.of(manager, 64, encoder, decoder, new BernoulliLikelihood());

        TrainConfig config = TrainConfig.defaults().withEpochs(3).withBatchSize(32).withLearningRate(3e-3);
        List<Double> stepLosses = new ArrayList<>();
        try (VaeTrainer trainer = VaeTrainer.create(model, config, train, test, null)) {
            Map<String, float[]> before = model.parameterValues();
            List<EpochMetrics> history = trainer.train(new TrainingListener() {
                @Override
                public void stepFinished(int epoch, int step, double loss) {
                    stepLosses.add(loss);
                }
            });

            assertEquals(3 * 8, stepLosses.size());
            assertTrue(mean(stepLosses.subList(16, 24)) < mean(stepLosses.subList(0, 8)) - 1, stepLosses.toString());
            assertTrue(history.get(2).testLoss() < history.get(0).testLoss(), history.toString());
            assertTrue(model.parameters().containsKey("encoder.01Conv2d_weight"), model.parameterNames().toString());
            // every array of the block was trained: gradients reach the DJL layers' own parameters
            for (Map.Entry<String, float[]> e : model.parameterValues().entrySet()) {
                assertFalse(java.util.Arrays.equals(before.get(e.getKey()), e.getValue()), e.getKey() + " did not move");
            }
        }
    }

    /** The README's snippet verbatim (between the markers); the loss falls over its three epochs. */
    @Test
    void theReadmeSnippetTrains() {
        ImageSet train = TinyImages.make(256, 8, 1);
        ImageSet test = TinyImages.make(64, 8, 2);
        // README snippet begin
        int latent = 4;
        Engine.getInstance().setRandomSeed(5);         // DJL's initialisers draw from the engine
        NDManager manager = NDManager.newBaseManager();

        // [B, 1, 8, 8] → conv 3×3 (8) → relu → conv 3×3 stride 2 (16) → relu → flatten → [B, 2·latent]
        SequentialBlock conv = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1)).setFilters(16).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(2L * latent).build());
        Encoder encoder = BlockEncoder.of(manager, conv, new Shape(1, 8, 8), latent);
        Decoder decoder = MlpDecoder.create(manager, latent, 32, 64, new SplittableRandom(5));
        VaeModel model = VaeModel.of(manager, 64, encoder, decoder, new BernoulliLikelihood());

        TrainConfig config = TrainConfig.defaults().withEpochs(3).withBatchSize(32).withLearningRate(3e-3);
        List<EpochMetrics> history;                    // one record per epoch: losses, KL, timing
        try (VaeTrainer trainer = VaeTrainer.create(model, config, train, test, null)) {   // null: no checkpoints
            history = trainer.train(TrainingListener.NONE);
        }
        // README snippet end
        assertEquals(3, history.size());
        assertTrue(history.get(2).testLoss() < history.get(0).testLoss(), history.toString());
        assertTrue(model.parameters().containsKey("encoder.01Conv2d_weight"), model.parameterNames().toString());
        manager.close();
    }

    @Test
    void blockAdaptersComputeWhatTheHandWrittenMlpComputes() {
        VaeConfig shape = new VaeConfig(12, 6, 3, DecoderType.BERNOULLI);
        try (NDManager manager = NDManager.newBaseManager();
                VaeModel mlp = VaeModel.create(manager, shape, new SplittableRandom(9))) {
            SequentialBlock enc = new SequentialBlock().add(Linear.builder().setUnits(6).build())
                    .add(Activation.reluBlock()).add(Linear.builder().setUnits(6).build());
            SequentialBlock dec = new SequentialBlock().add(Linear.builder().setUnits(6).build())
                    .add(Activation.reluBlock()).add(Linear.builder().setUnits(12).build());
            VaeModel blocks = VaeModel.of(manager.newSubManager(), 12, BlockEncoder.of(manager, enc, new Shape(12), 3),
                    BlockDecoder.of(manager, dec, 3, 12), new BernoulliLikelihood());
            // the MLP's weights, copied under the blocks' names (DJL's Linear also stores W as [out, in])
            Map<String, float[]> w = mlp.parameterValues();
            Map<String, float[]> copied = new LinkedHashMap<>();
            copied.put("encoder.01Linear_weight", w.get("encoder.w1"));
            copied.put("encoder.01Linear_bias", w.get("encoder.b1"));
            copied.put("encoder.03Linear_weight", w.get("encoder.wq"));
            copied.put("encoder.03Linear_bias", w.get("encoder.bq"));
            copied.put("decoder.01Linear_weight", w.get("decoder.w3"));
            copied.put("decoder.01Linear_bias", w.get("decoder.b3"));
            copied.put("decoder.03Linear_weight", w.get("decoder.w4"));
            copied.put("decoder.03Linear_bias", w.get("decoder.b4"));
            blocks.loadParameterValues(copied);

            float[] images = new float[5 * 12];
            SplittableRandom rng = new SplittableRandom(1);
            for (int i = 0; i < images.length; i++) {
                images[i] = (float) rng.nextDouble();
            }
            assertArrayEquals(mlp.encodeMeans(images, 5), blocks.encodeMeans(images, 5), 1e-6f);
            assertArrayEquals(mlp.reconstruct(images, 5), blocks.reconstruct(images, 5), 1e-6f);
            // [K, B, latent] latents, as the IWAE evaluator passes them
            NDArray z = manager.randomNormal(new Shape(4, 5, 3));
            NDArray a = mlp.decoder().decode(z);
            NDArray b = blocks.decoder().decode(z);
            assertEquals(new Shape(4, 5, 12), b.getShape());
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 1e-6f);
            blocks.close();
        }
    }

    @Test
    void wrongBlockShapesAndUnknownParametersAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock tooWide = new SequentialBlock().add(Linear.builder().setUnits(7).build());
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> BlockEncoder.of(manager, tooWide, new Shape(12), 3));
            assertEquals("block", e.argument());
            assertTrue(e.getMessage().contains("(1, 6)"), e.getMessage());
            try (VaeModel mlp = VaeModel.create(manager, new VaeConfig(12, 6, 3, DecoderType.GAUSSIAN),
                    new SplittableRandom(1))) {
                assertEquals("likelihood.pixel_log_var", mlp.parameterNames().get(8));
                Map<String, float[]> values = mlp.parameterValues();
                values.put("encoder.w9", new float[1]);
                assertTrue(assertThrows(InvalidArgumentException.class, () -> mlp.loadParameterValues(values))
                        .getMessage().contains("encoder.w9"));
                values.remove("encoder.w9");
                values.put("encoder.b1", new float[5]);
                assertTrue(assertThrows(InvalidArgumentException.class, () -> mlp.loadParameterValues(values))
                        .getMessage().contains("encoder.b1 has 5 values"));
            }
        }
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
