package dev.kl4j.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic file replacement: the content goes to a temporary file in the target's directory, is flushed
 * to disk, and is then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}. A reader
 * (or a resumed run after a crash) sees either the old file or the complete new one, never a part.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes bytes to an output stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param out the stream to write to; do not close it
         * @throws IOException on a write error
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code target} atomically with what {@code writer} writes. Parent directories are
     * created. On failure the temporary file is removed and the old target is left as it was.
     *
     * @param target the file to create or replace
     * @param writer writes the new content
     * @throws IOException when writing or renaming fails
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + absolute + " atomically: the file system does not"
                        + " support atomic rename", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Replaces {@code target} atomically with {@code bytes}.
     *
     * @param target the file to create or replace
     * @param bytes  the new content
     * @throws IOException when writing or renaming fails
     */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Replaces {@code target} atomically with {@code text} in UTF-8.
     *
     * @param target the file to create or replace
     * @param text   the new content
     * @throws IOException when writing or renaming fails
     */
    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
