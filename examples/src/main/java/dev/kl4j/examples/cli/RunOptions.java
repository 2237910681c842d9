package dev.kl4j.examples.cli;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.io.RunFolder;
import dev.kl4j.core.io.RunFolderException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/**
 * The run-folder flags every training command shares ({@code --out}, {@code --resume},
 * {@code --overwrite}), as a picocli mixin: {@code @Mixin RunOptions run;}. It opens the folder through
 * {@link RunFolder} and words its refusals in flag names.
 *
 * <p>Typical use, before any data is loaded:
 * <pre>{@code
 *   run.check("vae");                                   // flags and folder usable? (nothing created)
 *   ... load data ...
 *   try (RunFolder folder = run.open("vae")) {
 *       Runnable done = run.sayHowToContinueIfInterrupted(folder, System.err);
 *       try {
 *           ... train, writing into folder ...
 *       } finally {
 *           done.run();      // a signal skips this: only then is the line printed
 *       }
 *   }
 * }</pre>
 */
public final class RunOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Run folder (default runs/<command>-<timestamp>). It receives metrics.csv, summary.json,"
                    + " pictures and checkpoint/.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its checkpoint.")
    boolean resume;

    @Option(names = "--overwrite", description = "Replace the run in --out (only a kl4j run's files are deleted).")
    boolean overwrite;

    private Path chosen;

    /** {@return whether {@code --resume} was given} */
    public boolean resume() {
        return resume;
    }

    /**
     * The run folder: {@code --out}, or {@code runs/COMMAND-yyyyMMdd-HHmmss} (fixed at the first call).
     *
     * @param command the command's name
     * @return the folder
     */
    public Path folder(String command) {
        if (chosen == null) {
            chosen = out != null ? out : Path.of("runs", command + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return chosen;
    }

    /**
     * Checks the flags and that the folder could be used, without creating anything: call it before
     * loading data, so that a mistake costs nothing.
     *
     * @param command the command's name
     */
    public void check(String command) {
        if (resume && overwrite) {
            throw new InvalidArgumentException("resume", "--resume and --overwrite exclude each other");
        }
        if (resume && out == null) {
            throw new InvalidArgumentException("resume", "--resume needs --out DIR, the folder of the run to continue");
        }
        try {
            RunFolder.requireUsable(folder(command));
        } catch (RunFolderException e) {
            throw inFlagTerms(e, command);
        }
    }

    /**
     * Opens the run folder (lock, leftovers, mode); see {@link RunFolder#open}.
     *
     * @param command the command's name
     * @return the open folder
     */
    public RunFolder open(String command) {
        check(command);
        RunFolder.Mode mode = resume ? RunFolder.Mode.RESUME : overwrite ? RunFolder.Mode.OVERWRITE : RunFolder.Mode.NEW;
        try {
            return RunFolder.open(folder(command), mode, command);
        } catch (RunFolderException e) {
            throw inFlagTerms(e, command);
        }
    }

    /**
     * Prints, if the process is stopped (Ctrl-C) before the returned action runs, one line saying how to
     * continue: {@code --resume} when a checkpoint exists, else {@code --overwrite}.
     *
     * @param folder the open run folder
     * @param err    where to print
     * @return run it when the work ends by itself (in a {@code finally} block)
     */
    public Runnable sayHowToContinueIfInterrupted(RunFolder folder, PrintStream err) {
        String again = "./kl4j " + folder.command() + " --out " + folder(folder.command());
        Thread hook = new Thread(() -> {
            if (folder.hasCheckpoint()) {
                err.println("kl4j " + folder.command() + ": interrupted; continue with: " + again + " --resume"
                        + " (and the same settings)");
            } else {
                err.println("kl4j " + folder.command() + ": interrupted before the first checkpoint; start again with: "
                        + again + " --overwrite");
            }
            err.flush();
        }, "kl4j-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; nothing to undo
            }
        };
    }

    private RunFolderException inFlagTerms(RunFolderException e, String command) {
        Path dir = e.folder();
        String message = switch (e.problem()) {
            case HOLDS_RUN -> dir + " already holds a run: add --resume to continue it, choose another --out, or add"
                    + " --overwrite to replace it";
            case NO_CHECKPOINT -> e.getMessage().replace("(overwrite)", "with --overwrite instead of --resume");
            case NOT_A_RUN -> e.getMessage().replace("choose a new or empty folder", "choose a new or empty --out");
            default -> e.getMessage();
        };
        return new RunFolderException(e.problem(), dir, "--out " + message);
    }
}
