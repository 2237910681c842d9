package dev.kl4j.vae.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.data.DataDirectory;
import dev.kl4j.core.data.ImageSet;
import dev.kl4j.core.data.MnistFormat;
import dev.kl4j.core.djl.DjlOwnedArrays;
import dev.kl4j.vae.model.VaeConfig;
import dev.kl4j.vae.model.VaeModel;
import dev.kl4j.vae.objective.Elbo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Parity tool (not part of the build): replays {@link VaeTrainer}'s loop with the default settings and
 * exports what another implementation needs to take the identical trajectory: initial parameters, each
 * epoch's batch order, every ε, the per-step loss, and the parameters after every epoch (and after
 * steps 1, 10, 100). All files are little-endian float32/int32. It lives in {@code VaeTrainer}'s package
 * to reuse its permutation and seed mixing, so compile it onto the classpath (see README.md here); with
 * 1 epoch it also trains a real {@code VaeTrainer} and prints the largest difference (0.0 when run).
 *
 * <p>Usage: {@code ParityExport OUT_DIR SEED EPOCHS}
 */
public final class ParityExport {
    private ParityExport() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int epochs = Integer.parseInt(args[2]);
        Files.createDirectories(out);
        MnistFormat.Split split = MnistFormat.load(DataDirectory.DEFAULT);
        ImageSet train = split.train();
        VaeConfig config = VaeConfig.DEFAULT;
        TrainConfig trainConfig = TrainConfig.defaults().withSeed(seed).withEpochs(1);
        int in = config.inputSize();
        int batchSize = trainConfig.batchSize();
        int n = train.count();
        try (NDManager manager = NDManager.newBaseManager();
                VaeModel model = VaeModel.create(manager, config, new SplittableRandom(seed));
                DjlAdam adam = DjlAdam.create(model.parameterList(), 1e-8, manager);
                PrintWriter log = new PrintWriter(Files.newBufferedWriter(out.resolve("kl4j_losses.csv")));
                OutputStream epsOut = new BufferedOutputStream(Files.newOutputStream(out.resolve("eps.bin")))) {
            writeParameters(out, "init", model);
            log.println("step,loss_mean,recon_mean,kl_mean");
            int step = 0;
            for (int e = 1; e <= epochs; e++) {
                int[] order = VaeTrainer.permutation(n, new SplittableRandom(VaeTrainer.mix(seed, e)));
                ByteBuffer orderBytes = ByteBuffer.allocate(n * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                orderBytes.asIntBuffer().put(order);
                Files.write(out.resolve("order" + e + ".bin"), orderBytes.array());
                Engine.getInstance().setRandomSeed((int) (VaeTrainer.mix(VaeTrainer.mix(seed, e), 1) >>> 33));
                for (int from = 0; from < n; from += batchSize) {
                    int m = Math.min(batchSize, n - from);
                    float[] rows = new float[m * in];
                    for (int i = 0; i < m; i++) {
                        System.arraycopy(train.pixels(), order[from + i] * in, rows, i * in, in);
                    }
                    float[] stats;
                    try (NDScope ignored = new NDScope()) {
                        NDArray x = DjlOwnedArrays.create(model.manager(), rows, new Shape(m, in));
                        NDArray eps = model.manager().randomNormal(new Shape(m, config.latent()));
                        epsOut.write(littleEndian(eps.toFloatArray()));
                        Elbo.Terms terms;
                        NDArray loss;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            terms = Elbo.terms(model.encoder(), model.decoder(), model.likelihood(), x, eps);
                            loss = Elbo.loss(terms, 1f, 0f);
                            gc.backward(loss);
                        }
                        stats = new float[] {loss.getFloat(), terms.recon().mean().getFloat(), terms.kl().mean().getFloat()};
                        adam.step((float) trainConfig.learningRate());
                    }
                    step++;
                    log.printf(Locale.ROOT, "%d,%.9g,%.9g,%.9g%n", step, stats[0], stats[1], stats[2]);
                    if (step == 1 || step == 10 || step == 100) {
                        writeParameters(out, "step" + step, model);
                    }
                }
                writeParameters(out, "epoch" + e, model);
            }
            if (epochs == 1) {
                try (VaeTrainer trainer = VaeTrainer.create(config, trainConfig, train, split.test(), null)) {
                    trainer.train(new TrainingListener() { });
                    float[][] a = trainer.model().parameterValues().values().toArray(new float[0][]);
                    float[][] b = model.parameterValues().values().toArray(new float[0][]);
                    double max = 0;
                    for (int i = 0; i < a.length; i++) {
                        for (int k = 0; k < a[i].length; k++) {
                            max = Math.max(max, Math.abs(a[i][k] - b[i][k]));
                        }
                    }
                    System.out.println("replay vs VaeTrainer after epoch 1: max |difference| " + max);
                }
            }
        }
    }

    private static void writeParameters(Path dir, String tag, VaeModel model) throws IOException {
        float[][] values = model.parameterValues().values().toArray(new float[0][]);
        for (int i = 0; i < values.length; i++) {
            Files.write(dir.resolve(tag + "_" + i + ".bin"), littleEndian(values[i]));
        }
    }

    private static byte[] littleEndian(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }
}
