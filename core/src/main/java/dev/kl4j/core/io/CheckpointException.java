package dev.kl4j.core.io;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that cannot be used: missing, not a kl4j checkpoint, damaged, or of another kind. */
public final class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * A checkpoint file that cannot be read or written, naming the file.
     *
     * @param file    the checkpoint file
     * @param message one line naming the file and what is wrong
     */
    public CheckpointException(Path file, String message) {
        super(message);
        this.file = file;
    }

    /** {@return the checkpoint file} */
    public Path file() {
        return file;
    }
}
