package dev.kl4j.examples.vae;

import dev.kl4j.core.data.DataDirectory;
import dev.kl4j.core.data.MnistFormat;
import dev.kl4j.core.io.RunFolder;
import dev.kl4j.vae.model.VaeConfig;
import dev.kl4j.vae.train.EpochMetrics;
import dev.kl4j.vae.train.TrainConfig;
import dev.kl4j.vae.train.TrainingListener;
import dev.kl4j.vae.train.VaeTrainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The smallest complete use of the VAE module: load Fashion-MNIST, train the default 784-400-20 model
 * for a few epochs, evaluate it and write the pictures. Run with
 * {@code java -cp ... dev.kl4j.examples.vae.VaeExample [epochs] [outDir]}; {@code kl4j vae} is the full
 * command.
 */
public final class VaeExample {
    private VaeExample() {
    }

    /**
     * Trains, evaluates and writes the pictures, as the class comment describes.
     *
     * @param args optional epochs (default 2) and output directory (default runs/vae-example)
     * @throws Exception on I/O errors
     */
    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path out = Path.of(args.length > 1 ? args[1] : "runs/vae-example");
        run(MnistFormat.load(DataDirectory.resolve(null)), epochs, out, System.out);
    }

    /**
     * Trains on {@code data}, evaluates, and writes metrics, summary and pictures into {@code out}.
     *
     * @param data   MNIST-format training and test images
     * @param epochs epochs to train
     * @param out    the run folder (replaced if it holds an earlier run of this example)
     * @param stdout where the progress lines go
     * @return the final evaluation
     * @throws java.io.IOException when a file cannot be written
     */
    public static VaeTrainer.Evaluation run(MnistFormat.Split data, int epochs, Path out, java.io.PrintStream stdout)
            throws java.io.IOException {
        System.setProperty("java.awt.headless", "true");
        TrainConfig config = TrainConfig.defaults().withEpochs(epochs);
        VaeConfig model = new VaeConfig(data.train().imageSize(), VaeConfig.DEFAULT.hidden(), VaeConfig.DEFAULT.latent(),
                VaeConfig.DEFAULT.decoder());
        // OVERWRITE: each run of the example replaces the previous one (a run folder never mixes two runs)
        try (RunFolder folder = RunFolder.open(out, RunFolder.Mode.OVERWRITE, "vae");
                VaeTrainer trainer = VaeTrainer.create(model, config, data.train(), data.test(),
                        folder.checkpointDir())) {
            List<EpochMetrics> history = trainer.train(new TrainingListener() {
                @Override
                public void epochFinished(EpochMetrics m) {
                    stdout.printf("epoch %d: test -ELBO %.2f nats/image%n", m.epoch(), m.testLoss());
                }
            });
            VaeTrainer.Evaluation eval = trainer.evaluate(100, 100);
            RunFiles.writeMetrics(folder.resolve("metrics.csv"), history);
            RunFiles.writeSummary(folder.resolve("summary.json"),
                    VaeSummary.build(model, config, eval, history, Map.of()));
            VaePictures.writeAll(folder.dir(), trainer.model(), data.test(), eval.test().perDimKl(), history, config.seed(),
                    VaePictures.FASHION_MNIST_CLASSES);
            stdout.printf("IWAE -log p(x) %.2f (K=100, 100 images); pictures in %s%n", eval.iwae().nll(), out);
            return eval;
        }
    }
}
