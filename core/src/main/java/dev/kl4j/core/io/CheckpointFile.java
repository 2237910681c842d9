package dev.kl4j.core.io;

import dev.kl4j.core.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * A checkpoint file that says what it is and proves it is whole: a fixed header, a checksum, the
 * settings that shaped the run, and an opaque payload (the model and optimiser state, written by the
 * training module that owns it).
 *
 * <p>Layout (big-endian):
 * <pre>
 *   "KL4JCKPT"            8 bytes, magic
 *   container version     int32 (this class writes and reads {@value #CONTAINER_VERSION})
 *   body length           int64, the number of bytes that follow the checksum
 *   checksum              int32, CRC-32C of the 20 bytes before it and of the whole body
 *   body:  kind (UTF), format version (int32), settings count (int32) and (key, value) UTF pairs,
 *          payload length (int64), payload bytes
 * </pre>
 * The file must end exactly where the body ends. {@link #read} refuses, with one line naming the file,
 * a file that is not a kl4j checkpoint, one written by a newer container version, a truncated file, one
 * with bytes after its end, one whose checksum does not match (a flipped bit anywhere), and a checkpoint
 * of another kind. {@link #write} replaces the file atomically ({@link AtomicFiles}).
 */
public final class CheckpointFile {
    /** The container version this class writes. */
    public static final int CONTAINER_VERSION = 1;
    private static final byte[] MAGIC = "KL4JCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int PREFIX_BYTES = 8 + 4 + 8; // magic, version, body length
    private static final int HEADER_BYTES = PREFIX_BYTES + 4; // and the checksum
    private static final long MAX_BYTES = Integer.MAX_VALUE - 64;

    private CheckpointFile() {
    }

    /**
     * What a checkpoint is and the settings it was made with.
     *
     * @param kind          what wrote it, for example {@code "vae"} or {@code "ppo"}
     * @param formatVersion the version of the payload's layout, owned by the writer
     * @param settings      every setting that shaped the run (model, optimiser, data identity, seed...),
     *                      as text; insertion order is kept
     */
    public record Header(String kind, int formatVersion, Map<String, String> settings) {
        /**
         * Validates and copies the settings.
         *
         * @param kind what wrote it, for example {@code "vae"} or {@code "ppo"}
         * @param formatVersion the version of the payload's layout, owned by the writer
         * @param settings every setting that shaped the run (model, optimiser, data identity, seed...), as text;
         *                 insertion order is kept
         */
        public Header {
            Objects.requireNonNull(kind, "kind");
            if (kind.isBlank()) {
                throw new InvalidArgumentException("kind", "kind must not be blank");
            }
            Map<String, String> copy = new LinkedHashMap<>();
            settings.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "settings key"),
                    Objects.requireNonNull(v, () -> "settings value of " + k)));
            settings = Collections.unmodifiableMap(copy);
        }

        /**
         * Returns its value.
         *
         * @param key a setting's name
         * @return its value
         * @throws InvalidArgumentException when the checkpoint has no such setting
         */
        public String setting(String key) {
            String value = settings.get(key);
            if (value == null) {
                throw new InvalidArgumentException("checkpoint", "the " + kind + " checkpoint has no setting '"
                        + key + "'");
            }
            return value;
        }

        /**
         * Refuses to continue a run whose settings differ from the checkpoint's in any of {@code keys}.
         *
         * @param expected the settings of the run that wants to continue
         * @param keys     the settings that must be equal (others may differ, e.g. the number of epochs)
         * @throws InvalidArgumentException (argument {@code "resume"}) listing every difference
         */
        public void requireMatching(Map<String, String> expected, Set<String> keys) {
            List<String> differences = new ArrayList<>();
            for (String key : keys) {
                String theirs = settings.get(key);
                String ours = expected.get(key);
                if (!Objects.equals(theirs, ours)) {
                    differences.add(key + " " + show(theirs) + " in the checkpoint, " + show(ours) + " now");
                }
            }
            if (!differences.isEmpty()) {
                throw new InvalidArgumentException("resume", "the " + kind + " checkpoint was made with other"
                        + " settings: " + String.join("; ", differences));
            }
        }

        private static String show(String value) {
            return value == null ? "(none)" : value;
        }
    }

    /**
     * A checkpoint read back.
     *
     * @param header  what it is and its settings
     * @param payload the writer's bytes
     */
    public record Contents(Header header, byte[] payload) {
    }

    /**
     * Writes a checkpoint atomically: a crash leaves the previous file or the new one, never a part.
     *
     * @param file    the checkpoint file
     * @param header  kind, format version and settings
     * @param payload the writer's bytes
     * @throws IOException when writing fails (the previous file stays)
     */
    public static void write(Path file, Header header, byte[] payload) throws IOException {
        ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream(payload.length + 256);
        DataOutputStream body = new DataOutputStream(bodyBytes);
        body.writeUTF(header.kind());
        body.writeInt(header.formatVersion());
        body.writeInt(header.settings().size());
        for (Map.Entry<String, String> e : header.settings().entrySet()) {
            body.writeUTF(e.getKey());
            body.writeUTF(e.getValue());
        }
        body.writeLong(payload.length);
        body.write(payload);
        body.flush();
        byte[] b = bodyBytes.toByteArray();
        ByteBuffer prefix = ByteBuffer.allocate(PREFIX_BYTES).put(MAGIC).putInt(CONTAINER_VERSION).putLong(b.length);
        CRC32C crc = new CRC32C();
        crc.update(prefix.array());
        crc.update(b);
        AtomicFiles.write(file, out -> {
            out.write(prefix.array());
            out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            out.write(b);
        });
    }

    /**
     * Reads and verifies a checkpoint.
     *
     * @param file         the checkpoint file
     * @param expectedKind the kind the caller can continue from
     * @return header and payload
     * @throws CheckpointException naming the file and what is wrong with it
     * @throws IOException         when the file cannot be read at all
     */
    public static Contents read(Path file, String expectedKind) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file, "there is no checkpoint file " + file);
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new CheckpointException(file, file + " is too large for a kl4j checkpoint (" + size + " bytes)");
        }
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length || !ByteBuffer.wrap(all, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw new CheckpointException(file, file + " is not a kl4j checkpoint");
        }
        if (all.length < HEADER_BYTES) {
            throw new CheckpointException(file, file + " is truncated (" + all.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(all);
        in.position(MAGIC.length);
        int container = in.getInt();
        if (container != CONTAINER_VERSION) {
            throw new CheckpointException(file, file + " has checkpoint container version " + container
                    + "; this kl4j reads version " + CONTAINER_VERSION);
        }
        long bodyLength = in.getLong();
        int stored = in.getInt();
        long actual = all.length - (long) HEADER_BYTES;
        if (bodyLength != actual) {
            throw new CheckpointException(file, file + (bodyLength > actual ? " is truncated" : " is damaged or has"
                    + " bytes after its end") + ": its header announces " + bodyLength + " bytes of content, the file"
                    + " has " + actual);
        }
        CRC32C crc = new CRC32C();
        crc.update(all, 0, PREFIX_BYTES);
        crc.update(all, HEADER_BYTES, all.length - HEADER_BYTES);
        if ((int) crc.getValue() != stored) {
            throw new CheckpointException(file, file + " is damaged (checksum mismatch): it cannot be resumed from");
        }
        Contents contents = parseBody(file, all);
        if (!contents.header().kind().equals(expectedKind)) {
            throw new CheckpointException(file, file + " is a " + contents.header().kind() + " checkpoint, not a "
                    + expectedKind + " checkpoint");
        }
        return contents;
    }

    private static Contents parseBody(Path file, byte[] all) throws CheckpointException {
        try (DataInputStream body = new DataInputStream(
                new ByteArrayInputStream(all, HEADER_BYTES, all.length - HEADER_BYTES))) {
            String kind = body.readUTF();
            int formatVersion = body.readInt();
            int count = body.readInt();
            if (count < 0 || count > all.length) {
                throw new CheckpointException(file, file + " is damaged: " + count + " settings");
            }
            Map<String, String> settings = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                settings.put(body.readUTF(), body.readUTF());
            }
            long payloadLength = body.readLong();
            if (payloadLength != body.available()) {
                throw new CheckpointException(file, file + " is damaged: a payload of " + payloadLength
                        + " bytes where " + body.available() + " remain");
            }
            byte[] payload = body.readNBytes((int) payloadLength);
            return new Contents(new Header(kind, formatVersion, settings), payload);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file, file + " is damaged: its header cannot be read");
        }
    }
}
