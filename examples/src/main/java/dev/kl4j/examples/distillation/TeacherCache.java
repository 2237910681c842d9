package dev.kl4j.examples.distillation;

import dev.kl4j.core.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The teacher's outputs, computed once and stored next to its checkpoint ({@code teacher/logits.bin}):
 * its logits for every training and test image, its test accuracy, and the settings they came from, so
 * that every student run (every loss, every seed) reads soft targets instead of running the teacher.
 *
 * <p>Format: magic {@code KL4JTLOG}, version 1, the settings as one UTF string, test accuracy (double),
 * classes, train count, test count, then the float32 logits (train rows, then test rows), big-endian.
 * Written atomically (temporary file + rename). A file whose settings differ from the requested ones is
 * not used: the teacher is trained again.
 *
 * @param settings      what produced the teacher (epochs, seed, data directory and sizes)
 * @param testAccuracy  the teacher's test accuracy
 * @param classes       number of classes
 * @param trainLogits   {@code [train × classes]} row-major
 * @param testLogits    {@code [test × classes]} row-major
 */
record TeacherCache(String settings, double testAccuracy, int classes, float[] trainLogits, float[] testLogits) {
    private static final long MAGIC = 0x4B4C344A544C4F47L;   // "KL4JTLOG"
    private static final int VERSION = 1;

    void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(settings);
            out.writeDouble(testAccuracy);
            out.writeInt(classes);
            out.writeInt(trainLogits.length / classes);
            out.writeInt(testLogits.length / classes);
            for (float v : trainLogits) {
                out.writeFloat(v);
            }
            for (float v : testLogits) {
                out.writeFloat(v);
            }
        }
        AtomicFiles.writeBytes(file, bytes.toByteArray());
    }

    /**
     * @param file     the cache file
     * @param settings the settings the caller needs
     * @return the cache, or null if the file is missing or was made with other settings
     * @throws IOException if the file exists but is not a complete teacher cache
     */
    static TeacherCache readIfMatching(Path file, String settings) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readLong() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + " is not a kl4j teacher-logits file (bad magic or version)");
            }
            String stored = in.readUTF();
            if (!stored.equals(settings)) {
                return null;
            }
            double accuracy = in.readDouble();
            int classes = in.readInt();
            int train = in.readInt();
            int test = in.readInt();
            float[] trainLogits = new float[train * classes];
            float[] testLogits = new float[test * classes];
            for (int i = 0; i < trainLogits.length; i++) {
                trainLogits[i] = in.readFloat();
            }
            for (int i = 0; i < testLogits.length; i++) {
                testLogits[i] = in.readFloat();
            }
            if (in.read() != -1) {
                throw new IOException(file + " has trailing bytes; delete it to retrain the teacher");
            }
            return new TeacherCache(stored, accuracy, classes, trainLogits, testLogits);
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is truncated; delete it to retrain the teacher", e);
        }
    }
}
