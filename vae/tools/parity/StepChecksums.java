package dev.kl4j.vae.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.data.DataDirectory;
import dev.kl4j.core.data.ImageSet;
import dev.kl4j.core.data.MnistFormat;
import dev.kl4j.vae.model.VaeConfig;
import dev.kl4j.vae.model.VaeModel;
import dev.kl4j.vae.objective.Elbo;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Replays the first epoch of {@link VaeTrainer} (same batches through the reused direct buffer, same noise)
 * and writes one line per step: loss, recon, KL, the sums of x and ε, of every gradient and of every
 * parameter after the Adam step. Two runs that should be identical can be compared line by line to find
 * the first step and quantity that differ.
 *
 * <p>Arguments: OUT SEED STEPS MODE [EVERY]. MODE {@code plain}; {@code gc}: {@code System.gc()} between
 * forward and backward every EVERY steps; {@code poison}: that, then 20000 new 4-byte direct buffers
 * holding 1e4 (reuse of freed native memory). Compile and run like {@code ParityExport}.
 */
public final class StepChecksums {
    static final List<ByteBuffer> KEEP = new ArrayList<>();

    static double sum(NDArray a) {
        double s = 0;
        for (float f : a.toFloatArray()) s += f;
        return s;
    }

    static void provoke(String mode) throws InterruptedException {
        if (mode.equals("plain")) return;
        System.gc();
        Thread.sleep(30);
        if (mode.equals("poison")) {
            for (int i = 0; i < 20000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                b.putFloat(0, 1e4f);
                KEEP.add(b);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int maxSteps = Integer.parseInt(args[2]);
        String mode = args[3];
        int every = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        MnistFormat.Split split = MnistFormat.load(DataDirectory.DEFAULT);
        ImageSet train = split.train();
        VaeConfig config = VaeConfig.DEFAULT;
        TrainConfig tc = TrainConfig.defaults().withSeed(seed).withEpochs(1);
        int in = config.inputSize();
        int bs = tc.batchSize();
        int n = train.count();
        int latent = config.latent();
        try (NDManager manager = NDManager.newBaseManager();
                VaeModel model = VaeModel.create(manager, config, new SplittableRandom(seed));
                DjlAdam adam = DjlAdam.create(model.parameterList(), 1e-8, manager);
                PrintWriter log = new PrintWriter(Files.newBufferedWriter(out))) {
            int e = 1;
            int[] order = VaeTrainer.permutation(n, new SplittableRandom(VaeTrainer.mix(seed, e)));
            Engine.getInstance().setRandomSeed((int) (VaeTrainer.mix(VaeTrainer.mix(seed, e), 1) >>> 33));
            ByteBuffer direct = ByteBuffer.allocateDirect(bs * in * Float.BYTES).order(ByteOrder.nativeOrder());
            int steps = Math.min(maxSteps, (n + bs - 1) / bs);
            for (int b = 0; b < steps; b++) {
                int from = b * bs;
                int m = Math.min(bs, n - from);
                direct.clear();
                FloatBuffer batch = direct.asFloatBuffer();
                for (int i = 0; i < m; i++) batch.put(train.pixels(), order[from + i] * in, in);
                direct.limit(m * in * Float.BYTES);
                StringBuilder line = new StringBuilder();
                try (NDScope ignored = new NDScope()) {
                    NDArray x = model.manager().create(direct, new Shape(m, in), DataType.FLOAT32).duplicate();
                    NDArray eps = model.manager().randomNormal(new Shape(m, latent));
                    Elbo.Terms terms;
                    NDArray loss;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        terms = Elbo.terms(model.encoder(), model.decoder(), model.likelihood(), x, eps);
                        loss = Elbo.loss(terms, 1f, 0f);
                        if (b % every == 0) provoke(mode);
                        gc.backward(loss);
                    }
                    float[] stats = NDArrays.stack(new NDList(terms.recon().mean(), terms.kl().mean())).toFloatArray();
                    line.append(String.format(Locale.ROOT, "%d loss=%.9g recon=%.9g kl=%.9g x=%.9g eps=%.9g", b + 1,
                            loss.getFloat(), stats[0], stats[1], sum(x), sum(eps)));
                    List<NDArray> ps = model.parameterList();
                    for (int i = 0; i < ps.size(); i++) {
                        line.append(String.format(Locale.ROOT, " g%d=%.9g", i, sum(ps.get(i).getGradient())));
                    }
                    adam.step((float) tc.learningRate());
                    for (int i = 0; i < ps.size(); i++) {
                        line.append(String.format(Locale.ROOT, " p%d=%.9g", i, sum(ps.get(i))));
                    }
                }
                log.println(line);
            }
        }
    }
}
