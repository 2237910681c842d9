package dev.kl4j.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The output folder of one training run, opened so that no earlier run is lost and no two processes
 * write into it at once. Every training command (VAE, PPO, distillation) writes through one.
 *
 * <p>A run folder holds {@code metrics.csv}, {@code summary.json}, pictures, a {@code checkpoint/}
 * folder, and two small files of its own: {@value #MARKER} (which command made the run) and
 * {@value #LOCK} (held while a process writes). {@link #open} does, before any work is done:
 * <ol>
 *   <li>checks that the folder can be used: it is a directory or can be created, is not under a file,
 *       and is writable; otherwise a {@link RunFolderException} says why;</li>
 *   <li>takes an exclusive lock on {@value #LOCK} ({@link FileChannel#tryLock()}: the operating system
 *       releases it when the process ends, even by {@code kill -9}, so a killed run never leaves the
 *       folder stuck); a second process is refused;</li>
 *   <li>removes temporary files that an interrupted atomic write left behind
 *       ({@link AtomicFiles#isTemporary}), in the folder and one level below;</li>
 *   <li>applies the {@link Mode}: a {@link Mode#NEW NEW} run refuses a folder that holds a run (or any
 *       other files); {@link Mode#RESUME RESUME} needs a checkpoint made by the same command;
 *       {@link Mode#OVERWRITE OVERWRITE} deletes a previous run's files first, but never files that are
 *       not a kl4j run's.</li>
 * </ol>
 * Messages are in library terms (resume, overwrite); the command line adds its flag names.
 */
public final class RunFolder implements AutoCloseable {
    /** Name of the file that records which command made the run. */
    public static final String MARKER = ".kl4j-run";
    /** Name of the lock file. */
    public static final String LOCK = ".kl4j-lock";
    /** Name of the checkpoint folder inside a run folder. */
    public static final String CHECKPOINT_DIR = "checkpoint";

    /** How to treat what the folder already holds. */
    public enum Mode {
        /** A new run: the folder must be new, empty, or hold nothing but leftovers of an interrupted start. */
        NEW,
        /** Continue the run in the folder from its checkpoint. */
        RESUME,
        /** Delete the run in the folder (only a kl4j run's files) and start a new one. */
        OVERWRITE
    }

    private final Path dir;
    private final String command;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean resumed;

    private RunFolder(Path dir, String command, FileChannel lockChannel, FileLock lock, boolean resumed) {
        this.dir = dir;
        this.command = command;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.resumed = resumed;
    }

    /**
     * Opens {@code dir} for a run of {@code command}; see the class comment for what is checked.
     *
     * @param dir     the run folder (created if missing)
     * @param mode    what to do with a run already in it
     * @param command the command making the run (for example {@code "vae"}); a run of one command is
     *                never resumed by another
     * @return the open folder; {@link #close()} releases the lock
     * @throws RunFolderException when the folder cannot be used, with the reason
     */
    public static RunFolder open(Path dir, Mode mode, String command) {
        Path folder = dir.toAbsolutePath().normalize();
        requireUsable(folder);
        FileChannel channel;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new RunFolderException(RunFolderException.Problem.UNUSABLE, dir,
                    dir + " cannot be used as a run folder: " + reason(e));
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new RunFolderException(RunFolderException.Problem.UNUSABLE, dir,
                    dir + " cannot be locked: " + reason(e));
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new RunFolderException(RunFolderException.Problem.LOCKED, dir,
                    "another kl4j process is writing to " + dir + " (it holds " + LOCK + "); wait for it or"
                            + " choose another folder");
        }
        try {
            removeLeftovers(folder);
            boolean resumed = applyMode(folder, dir, mode, command);
            Files.writeString(folder.resolve(MARKER), "command=" + command + "\n", StandardCharsets.UTF_8);
            return new RunFolder(folder, command, channel, lock, resumed);
        } catch (RuntimeException | IOException e) {
            try {
                lock.release();
            } catch (IOException ignored) {
                // the channel is closed next, which releases the lock too
            }
            closeQuietly(channel);
            if (e instanceof IOException io) {
                throw new RunFolderException(RunFolderException.Problem.UNUSABLE, dir,
                        dir + " cannot be used as a run folder: " + reason(io));
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Checks, without creating or locking anything, that {@code dir} could be opened as a run folder:
     * for commands that want to report an unusable folder before loading data.
     *
     * @param dir the intended run folder
     * @throws RunFolderException when it is a file, under a file, or in a folder that cannot be written
     */
    public static void requireUsable(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new RunFolderException(RunFolderException.Problem.UNUSABLE, dir,
                    dir + " cannot be created: no part of its path exists");
        }
        if (!Files.isDirectory(existing)) {
            String where = existing.equals(folder) ? dir + " is a file, not a folder"
                    : dir + " cannot be created: " + existing + " is a file, not a folder";
            throw new RunFolderException(RunFolderException.Problem.UNUSABLE, dir, where);
        }
        if (!Files.isWritable(existing)) {
            String where = existing.equals(folder) ? dir + " is not writable"
                    : dir + " cannot be created: " + existing + " is not writable";
            throw new RunFolderException(RunFolderException.Problem.UNUSABLE, dir, where + " (permission denied)");
        }
    }

    /** {@return the folder (absolute)} */
    public Path dir() {
        return dir;
    }

    /** {@return the command this run belongs to} */
    public String command() {
        return command;
    }

    /** {@return whether this run continues from a checkpoint ({@link Mode#RESUME})} */
    public boolean resumed() {
        return resumed;
    }

    /** {@return the checkpoint folder, {@code dir/checkpoint} (not created here)} */
    public Path checkpointDir() {
        return dir.resolve(CHECKPOINT_DIR);
    }

    /**
     * {@return its path}
     *
     * @param name a file name inside the run folder
     */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** {@return whether the checkpoint folder holds at least one (complete) file} */
    public boolean hasCheckpoint() {
        return hasCheckpoint(dir);
    }

    /** Releases the lock. The folder and its files stay. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock on " + dir, e);
        } finally {
            closeQuietly(lockChannel);
        }
    }

    private static boolean applyMode(Path folder, Path shown, Mode mode, String command) throws IOException {
        Optional<String> previous = previousCommand(folder);
        List<Path> content = content(folder);
        boolean holdsRun = previous.isPresent() || hasCheckpoint(folder);
        switch (mode) {
            case NEW -> {
                if (holdsRun && !content.isEmpty()) {
                    throw new RunFolderException(RunFolderException.Problem.HOLDS_RUN, shown, shown
                            + " already holds a " + previous.orElse("kl4j") + " run; continue it (resume), write"
                            + " to another folder, or replace it (overwrite)");
                }
                if (!content.isEmpty()) {
                    throw notARun(shown, content);
                }
                return false;
            }
            case RESUME -> {
                if (previous.isPresent() && !previous.get().equals(command)) {
                    throw new RunFolderException(RunFolderException.Problem.OTHER_COMMAND, shown, shown
                            + " holds a " + previous.get() + " run, not a " + command + " run");
                }
                if (!hasCheckpoint(folder)) {
                    throw new RunFolderException(RunFolderException.Problem.NO_CHECKPOINT, shown, holdsRun
                            ? shown + " holds a run that stopped before its first checkpoint; start it again"
                                    + " (overwrite)"
                            : shown + " holds no run to resume");
                }
                return true;
            }
            case OVERWRITE -> {
                if (!holdsRun && !content.isEmpty()) {
                    throw notARun(shown, content);
                }
                for (Path p : content) {
                    deleteRecursively(p);
                }
                return false;
            }
            default -> throw new AssertionError(mode);
        }
    }

    private static RunFolderException notARun(Path shown, List<Path> content) {
        String first = content.get(0).getFileName().toString();
        return new RunFolderException(RunFolderException.Problem.NOT_A_RUN, shown, shown + " is not empty and"
                + " holds no kl4j run (it has " + first + (content.size() > 1 ? " and " + (content.size() - 1)
                + " more" : "") + "); nothing there is replaced: choose a new or empty folder");
    }

    /** What the folder holds, apart from the lock and the marker. */
    private static List<Path> content(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return !name.equals(LOCK) && !name.equals(MARKER);
            }).sorted().toList();
        }
    }

    private static Optional<String> previousCommand(Path folder) throws IOException {
        Path marker = folder.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
            if (line.startsWith("command=")) {
                return Optional.of(line.substring("command=".length()).strip());
            }
        }
        return Optional.of("kl4j");
    }

    private static boolean hasCheckpoint(Path folder) {
        Path checkpoint = folder.resolve(CHECKPOINT_DIR);
        if (!Files.isDirectory(checkpoint)) {
            return false;
        }
        try (Stream<Path> files = Files.list(checkpoint)) {
            return files.anyMatch(p -> Files.isRegularFile(p) && !AtomicFiles.isTemporary(p));
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes {@code .NAME.RANDOM.tmp} files in the folder and in its direct subfolders. */
    private static void removeLeftovers(Path folder) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder, 2)) {
            files.filter(p -> Files.isRegularFile(p) && AtomicFiles.isTemporary(p)).forEach(leftovers::add);
        }
        for (Path p : leftovers) {
            Files.deleteIfExists(p);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + e.getMessage();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }
}
