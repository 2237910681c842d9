package dev.kl4j.vae.train;

import dev.kl4j.core.io.AtomicFiles;
import dev.kl4j.vae.model.DecoderType;
import dev.kl4j.vae.model.VaeConfig;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything needed to continue training exactly: model shape, training settings, the number of
 * finished epochs and steps, all parameters, Adam's step count and both moments, and the per-epoch
 * history. No random-generator state is stored because none is carried across epochs: the trainer
 * derives every epoch's shuffle and libtorch noise seed from (seed, epoch), so a resumed run draws the
 * same numbers as an uninterrupted one.
 *
 * <p>Stored as one binary file {@value #FILE_NAME} (big-endian, magic {@code KL4JVAE1}) inside the
 * checkpoint directory, replaced atomically by {@link AtomicFiles} after every epoch.
 */
public final class Checkpoint {
    /** The file inside the checkpoint directory. */
    public static final String FILE_NAME = "state.bin";
    private static final long MAGIC = 0x4B4C344A56414531L; // "KL4JVAE1"

    private Checkpoint() {
    }

    /**
     * A training state.
     *
     * @param model     model shape
     * @param train     training settings
     * @param epoch     epochs finished
     * @param step      optimiser steps taken
     * @param params    parameter values, in {@code VaeModel.parameterNames()} order
     * @param adamM     Adam first moments
     * @param adamV     Adam second moments
     * @param history   metrics of the finished epochs
     */
    public record State(VaeConfig model, TrainConfig train, int epoch, long step, float[][] params,
            float[][] adamM, float[][] adamV, List<EpochMetrics> history) {
    }

    /**
     * Writes {@code dir/state.bin} atomically.
     *
     * @param dir   checkpoint directory (created if missing)
     * @param state the state
     * @throws IOException on write failure (the previous checkpoint stays intact)
     */
    public static void save(Path dir, State state) throws IOException {
        AtomicFiles.write(dir.resolve(FILE_NAME), raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeLong(MAGIC);
            VaeConfig m = state.model();
            out.writeInt(m.inputSize());
            out.writeInt(m.hidden());
            out.writeInt(m.latent());
            out.writeUTF(m.decoder().name());
            TrainConfig t = state.train();
            out.writeInt(t.epochs());
            out.writeInt(t.batchSize());
            out.writeDouble(t.learningRate());
            out.writeDouble(t.beta());
            out.writeLong(t.warmupSteps());
            out.writeUTF(t.cyclical() == null ? "" : t.cyclical());
            out.writeDouble(t.freeBits());
            out.writeLong(t.seed());
            out.writeInt(state.epoch());
            out.writeLong(state.step());
            writeArrays(out, state.params());
            writeArrays(out, state.adamM());
            writeArrays(out, state.adamV());
            out.writeInt(state.history().size());
            for (EpochMetrics e : state.history()) {
                out.writeInt(e.epoch());
                double[] v = {e.trainLoss(), e.trainKl(), e.trainRecon(), e.testLoss(), e.testKl(), e.testRecon(),
                    e.beta(), e.seconds(), e.rssMib()};
                for (double d : v) {
                    out.writeDouble(d);
                }
            }
            out.flush();
        });
    }

    /**
     * @param dir checkpoint directory
     * @return whether it holds a checkpoint file
     */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME));
    }

    /**
     * Reads {@code dir/state.bin}.
     *
     * @param dir checkpoint directory
     * @return the state
     * @throws IOException naming the file when it is missing, not a kl4j VAE checkpoint, or truncated
     */
    public static State load(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no checkpoint to resume from (run without --resume first)");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream in = new DataInputStream(raw);
            if (in.readLong() != MAGIC) {
                throw new IOException(file + ": not a kl4j VAE checkpoint (bad magic)");
            }
            VaeConfig model = new VaeConfig(in.readInt(), in.readInt(), in.readInt(), DecoderType.valueOf(in.readUTF()));
            int epochs = in.readInt();
            int batch = in.readInt();
            double lr = in.readDouble();
            double beta = in.readDouble();
            long warmup = in.readLong();
            String cyc = in.readUTF();
            double freeBits = in.readDouble();
            long seed = in.readLong();
            TrainConfig train = new TrainConfig(epochs, batch, lr, beta, warmup, cyc.isEmpty() ? null : cyc, freeBits, seed);
            int epoch = in.readInt();
            long step = in.readLong();
            float[][] params = readArrays(in);
            float[][] m = readArrays(in);
            float[][] v = readArrays(in);
            int n = in.readInt();
            List<EpochMetrics> history = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int e = in.readInt();
                double[] d = new double[9];
                for (int k = 0; k < d.length; k++) {
                    d[k] = in.readDouble();
                }
                history.add(new EpochMetrics(e, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]));
            }
            return new State(model, train, epoch, step, params, m, v, history);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated checkpoint", e);
        }
    }

    private static void writeArrays(DataOutputStream out, float[][] arrays) throws IOException {
        out.writeInt(arrays.length);
        for (float[] a : arrays) {
            out.writeInt(a.length);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(a.length * 4);
            buf.asFloatBuffer().put(a);
            out.write(buf.array());
        }
    }

    private static float[][] readArrays(DataInputStream in) throws IOException {
        int n = in.readInt();
        float[][] arrays = new float[n][];
        for (int i = 0; i < n; i++) {
            int len = in.readInt();
            byte[] bytes = new byte[len * 4];
            in.readFully(bytes);
            arrays[i] = new float[len];
            java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().get(arrays[i]);
        }
        return arrays;
    }
}
