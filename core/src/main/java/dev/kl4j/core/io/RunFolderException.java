package dev.kl4j.core.io;

import dev.kl4j.core.InvalidArgumentException;
import java.nio.file.Path;

/**
 * A run folder that cannot be opened as asked, with the {@link Problem} so that a command line can
 * add its own flag names to the message (the message itself speaks of resume and overwrite, not of
 * flags). The argument name is {@code "out"}.
 */
public final class RunFolderException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the folder. */
    public enum Problem {
        /** It is a file, under a file, not writable, or cannot be created. */
        UNUSABLE,
        /** Another process holds its lock. */
        LOCKED,
        /** A new run was asked for, but the folder holds a run. */
        HOLDS_RUN,
        /** The folder holds files that are not a kl4j run's; nothing there is replaced. */
        NOT_A_RUN,
        /** A resume was asked for, but there is no checkpoint. */
        NO_CHECKPOINT,
        /** A resume was asked for, but the run was made by another command. */
        OTHER_COMMAND
    }

    /** What is wrong with the folder, for callers that react to the kind of problem. */
    private final Problem problem;
    private final transient Path folder;

    /**
     * A run folder that cannot be used, with the kind of problem and the folder.
     *
     * @param problem what is wrong
     * @param folder  the folder as the caller gave it
     * @param message one line naming the folder and the reason
     */
    public RunFolderException(Problem problem, Path folder, String message) {
        super("out", message);
        this.problem = problem;
        this.folder = folder;
    }

    /** {@return what is wrong} */
    public Problem problem() {
        return problem;
    }

    /** {@return the folder as the caller gave it} */
    public Path folder() {
        return folder;
    }
}
