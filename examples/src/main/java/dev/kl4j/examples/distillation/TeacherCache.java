package dev.kl4j.examples.distillation;

import dev.kl4j.core.io.CheckpointFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The teacher's checkpoint with its outputs cached beside its parameters, one {@link CheckpointFile}
 * ({@code checkpoint/teacher.ckpt}, kind {@value #KIND}): DJL's parameter bytes of the teacher block, its
 * test accuracy, and its logits for every training and test image. Every student run (every loss, every
 * seed) reads these soft targets instead of running the teacher, and {@code --resume} skips the teacher's
 * training when the settings (epochs, seed, data files...) match.
 *
 * <p>Payload (format version {@value #FORMAT}): parameter byte count and bytes, test accuracy (double),
 * classes, train count, test count, then the float32 logits (train rows, then test rows), big-endian.
 *
 * @param settings     what produced the teacher (checked on resume)
 * @param parameters   the teacher block's parameters, as DJL's {@code Block.saveParameters} writes them
 * @param testAccuracy the teacher's test accuracy
 * @param classes      number of classes
 * @param trainLogits  {@code [train × classes]} row-major
 * @param testLogits   {@code [test × classes]} row-major
 */
record TeacherCache(Map<String, String> settings, byte[] parameters, double testAccuracy, int classes,
        float[] trainLogits, float[] testLogits) {
    /** Checkpoint kind. */
    static final String KIND = "distill-teacher";
    /** Payload layout version. */
    static final int FORMAT = 1;

    void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(parameters.length);
            out.write(parameters);
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
        Files.createDirectories(file.getParent());
        CheckpointFile.write(file, new CheckpointFile.Header(KIND, FORMAT, settings), bytes.toByteArray());
    }

    /**
     * {@return the teacher, if its settings match}
     *
     * @param file     the checkpoint
     * @param settings the settings of the run that wants to reuse it
     * @throws IOException if the file is not a complete teacher checkpoint
     * @throws dev.kl4j.core.InvalidArgumentException (argument {@code resume}) if the settings differ
     */
    static TeacherCache read(Path file, Map<String, String> settings) throws IOException {
        CheckpointFile.Contents contents = CheckpointFile.read(file, KIND);
        contents.header().requireMatching(settings, Set.copyOf(settings.keySet()));
        if (contents.header().formatVersion() != FORMAT) {
            throw new IOException(file + ": teacher checkpoint format " + contents.header().formatVersion()
                    + " is not " + FORMAT + "; start a new run");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(contents.payload()))) {
            byte[] parameters = new byte[in.readInt()];
            in.readFully(parameters);
            double accuracy = in.readDouble();
            int classes = in.readInt();
            float[] trainLogits = new float[in.readInt() * classes];
            float[] testLogits = new float[in.readInt() * classes];
            for (int i = 0; i < trainLogits.length; i++) {
                trainLogits[i] = in.readFloat();
            }
            for (int i = 0; i < testLogits.length; i++) {
                testLogits[i] = in.readFloat();
            }
            if (in.available() != 0) {
                throw new IOException(file + ": teacher checkpoint has bytes after its logits");
            }
            return new TeacherCache(contents.header().settings(), parameters, accuracy, classes, trainLogits, testLogits);
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": teacher checkpoint payload is shorter than its sizes say", e);
        }
    }
}
