package dev.kl4j.vae.train;

import dev.kl4j.core.io.CheckpointException;
import dev.kl4j.core.io.CheckpointFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to continue training exactly: the settings that shaped the run (model parameter
 * names and shapes, training settings, the data's identity), the number of finished epochs and steps,
 * every parameter by name with Adam's two moments, Adam's step count, and the per-epoch history. No
 * random-generator state is stored because none is carried across epochs: the trainer derives every
 * epoch's shuffle and libtorch noise seed from (seed, epoch), so a resumed run draws the same numbers as
 * an uninterrupted one.
 *
 * <p>One file, {@value #FILE_NAME}, in the checkpoint folder, in the core's {@link CheckpointFile}
 * container (kind {@value #KIND}, payload format {@value #FORMAT_VERSION}): magic, version, CRC-32C and
 * exact length are verified on reading, so a damaged, truncated or foreign file is refused with one line
 * naming what is wrong. It is replaced atomically after every epoch. Payload (big-endian): epoch (int32),
 * step (int64), parameter count (int32), then per parameter its name (UTF), its length n (int32) and
 * 3·n floats (values, Adam m, Adam v); then the history: count (int32) and per epoch its number (int32)
 * and nine doubles in {@link EpochMetrics} order.
 */
public final class Checkpoint {
    /** The file inside the checkpoint folder. */
    public static final String FILE_NAME = "state.bin";
    /** The checkpoint kind written into the container. */
    public static final String KIND = "vae";
    /** Version of the payload layout described above. */
    public static final int FORMAT_VERSION = 2;

    private Checkpoint() {
    }

    /**
     * A training state.
     *
     * @param settings the settings that shaped the run (see {@link VaeTrainer#settings()})
     * @param epoch    epochs finished
     * @param step     optimiser steps taken (also Adam's t)
     * @param params   parameter values by name, in the model's order
     * @param adamM    Adam first moments by the same names
     * @param adamV    Adam second moments by the same names
     * @param history  metrics of the finished epochs
     */
    public record State(Map<String, String> settings, int epoch, long step, Map<String, float[]> params,
            Map<String, float[]> adamM, Map<String, float[]> adamV, List<EpochMetrics> history) {
    }

    /**
     * Writes {@code dir/state.bin} atomically.
     *
     * @param dir   checkpoint folder (created if missing)
     * @param state the state
     * @throws IOException on write failure (the previous checkpoint stays intact)
     */
    public static void save(Path dir, State state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(state.epoch());
        out.writeLong(state.step());
        out.writeInt(state.params().size());
        for (Map.Entry<String, float[]> e : state.params().entrySet()) {
            String name = e.getKey();
            out.writeUTF(name);
            out.writeInt(e.getValue().length);
            writeFloats(out, e.getValue());
            writeFloats(out, state.adamM().get(name));
            writeFloats(out, state.adamV().get(name));
        }
        out.writeInt(state.history().size());
        for (EpochMetrics m : state.history()) {
            out.writeInt(m.epoch());
            double[] v = {m.trainLoss(), m.trainKl(), m.trainRecon(), m.testLoss(), m.testKl(), m.testRecon(),
                m.beta(), m.seconds(), m.rssMib()};
            for (double d : v) {
                out.writeDouble(d);
            }
        }
        out.flush();
        CheckpointFile.write(dir.resolve(FILE_NAME), new CheckpointFile.Header(KIND, FORMAT_VERSION,
                state.settings()), bytes.toByteArray());
    }

    /**
     * @param dir checkpoint folder
     * @return whether it holds a checkpoint file
     */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME));
    }

    /**
     * Reads and verifies {@code dir/state.bin}.
     *
     * @param dir checkpoint folder
     * @return the state
     * @throws CheckpointException naming the file when it is missing, not a kl4j VAE checkpoint, of another
     *                             payload version, damaged, truncated or longer than it should be
     * @throws IOException         when it cannot be read at all
     */
    public static State load(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        CheckpointFile.Contents contents = CheckpointFile.read(file, KIND);
        int version = contents.header().formatVersion();
        if (version != FORMAT_VERSION) {
            throw new CheckpointException(file, file + " is a VAE checkpoint of payload format " + version
                    + "; this kl4j reads format " + FORMAT_VERSION + " (start the run again)");
        }
        byte[] payload = contents.payload();
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            int epoch = in.readInt();
            long step = in.readLong();
            int count = in.readInt();
            requireSane(file, count >= 0 && count <= payload.length, "parameter count " + count);
            Map<String, float[]> params = new LinkedHashMap<>();
            Map<String, float[]> m = new LinkedHashMap<>();
            Map<String, float[]> v = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                requireSane(file, length >= 0 && 12L * length <= in.available(), "parameter " + name + " of length "
                        + length);
                params.put(name, readFloats(in, length));
                m.put(name, readFloats(in, length));
                v.put(name, readFloats(in, length));
            }
            int n = in.readInt();
            requireSane(file, n >= 0 && 76L * n == in.available(), "history of " + n + " epochs");
            List<EpochMetrics> history = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int e = in.readInt();
                double[] d = new double[9];
                for (int k = 0; k < d.length; k++) {
                    d[k] = in.readDouble();
                }
                history.add(new EpochMetrics(e, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]));
            }
            requireSane(file, epoch >= 0 && epoch == history.size() && step >= 0, "epoch " + epoch + " with "
                    + history.size() + " epochs of history");
            return new State(contents.header().settings(), epoch, step, params, m, v, history);
        } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
            throw new CheckpointException(file, file + " is damaged: its VAE state ends early");
        }
    }

    private static void requireSane(Path file, boolean ok, String what) throws CheckpointException {
        if (!ok) {
            throw new CheckpointException(file, file + " is damaged: " + what);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(a.length * Float.BYTES);
        buf.asFloatBuffer().put(a);
        out.write(buf.array());
    }

    private static float[] readFloats(DataInputStream in, int length) throws IOException {
        byte[] bytes = new byte[length * Float.BYTES];
        in.readFully(bytes);
        float[] a = new float[length];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(a);
        return a;
    }
}
