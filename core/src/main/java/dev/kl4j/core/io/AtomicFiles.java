package dev.kl4j.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Atomic file replacement: the content goes to a temporary file in the target's directory, is flushed
 * to disk, and is then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}. A reader
 * (or a resumed run after a crash) sees either the old file or the complete new one, never a part.
 *
 * <p>Temporary files are named {@code .NAME.RANDOM.tmp} ({@link #isTemporary}); a process killed while
 * writing leaves one behind, and {@link RunFolder#open} removes such leftovers before the next run
 * writes. Files are created with the default permissions, that is as the process's umask allows (as
 * {@code open(2)} with mode 0666 does), not owner-only.
 */
public final class AtomicFiles {
    private static final String TEMP_SUFFIX = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /**
     * {@return whether it is a temporary file left by {@link #write} ({@code .NAME.RANDOM.tmp})}
     *
     * @param file a file name or path
     */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX) && name.indexOf('.', 1) > 0
                && name.indexOf('.', 1) < name.length() - TEMP_SUFFIX.length();
    }

    /** Writes bytes to an output stream; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the whole content; the caller owns (and closes) the stream.
         *
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
        Path temp = newTemporary(dir, absolute.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
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
     * Creates an empty temporary file next to the target. Unlike {@code Files.createTempFile}, which
     * makes owner-only (0600) files, this leaves the permissions to the umask, as ordinary output
     * files have.
     */
    private static Path newTemporary(Path dir, String targetName) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String random = Long.toUnsignedString(RANDOM.nextLong(), 36);
            Path temp = dir.resolve("." + targetName + "." + random + TEMP_SUFFIX);
            try {
                FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
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
