package dev.kl4j.core.data;

import dev.kl4j.core.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the directory that holds an MNIST-format data set: the command-line value if given, else the
 * environment variable {@code KL4J_DATA}, else {@link #DEFAULT} (the Debian package
 * {@code dataset-fashion-mnist}).
 *
 * <p>{@link #resolve(String, String)} requires the chosen directory to exist. A caller that may do
 * without the data (the tour) uses {@link #choose(String, String)} and skips its data part only when
 * {@link Choice#isAbsentDefault()}: a directory the user named and that is not there is always an error.
 */
public final class DataDirectory {
    /** Where Debian's {@code dataset-fashion-mnist} installs Fashion-MNIST. */
    public static final Path DEFAULT = Path.of("/usr/share/datasets/fashion-mnist");
    /** Environment variable naming the data directory. */
    public static final String ENV = "KL4J_DATA";
    /** The command that installs the default data set on Debian and Ubuntu. */
    public static final String INSTALL_COMMAND = "sudo apt install dataset-fashion-mnist";

    private DataDirectory() {
    }

    /** Where the chosen directory came from. */
    public enum Source {
        /** The command line's {@code --data-dir}. */
        FLAG("from --data-dir"),
        /** The environment variable {@value DataDirectory#ENV}. */
        ENVIRONMENT("from " + ENV),
        /** Neither was given: {@link DataDirectory#DEFAULT}. */
        DEFAULT("the default; --data-dir and " + ENV + " are not set");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        /** {@return how a message says where the path came from, e.g. "from --data-dir"} */
        public String description() {
            return description;
        }
    }

    /**
     * The directory chosen from the flag, the environment and the default, not yet checked.
     *
     * @param dir    the directory
     * @param source where it came from
     */
    public record Choice(Path dir, Source source) {

        /** {@return whether nothing was asked for and the default directory is not there} */
        public boolean isAbsentDefault() {
            return source == Source.DEFAULT && !Files.exists(dir);
        }

        /**
         * Checks that the directory exists and is a directory.
         *
         * @return {@link #dir()}
         * @throws InvalidArgumentException ({@code data-dir}) when it does not exist or is not a directory;
         *                                  the message names the path, where it came from and how to get
         *                                  the data
         */
        public Path require() {
            String problem;
            if (Files.isDirectory(dir)) {
                return dir;
            } else if (Files.exists(dir)) {
                problem = "is a file, not a directory";
            } else {
                problem = "does not exist";
            }
            throw new InvalidArgumentException("data-dir", "data directory " + dir + " (" + source.description()
                    + ") " + problem + "; install Fashion-MNIST with '" + INSTALL_COMMAND + "'"
                    + " or point --data-dir or " + ENV + " to a directory holding "
                    + MnistFormat.TRAIN_IMAGES + "[.gz] and the other three MNIST-format files");
        }
    }

    /**
     * Resolves with the process environment.
     *
     * @param flag the {@code --data-dir} value, or {@code null}
     * @return an existing directory
     * @throws InvalidArgumentException ({@code data-dir}) when the chosen directory does not exist or is
     *                                  not a directory
     */
    public static Path resolve(String flag) {
        return resolve(flag, System.getenv(ENV));
    }

    /**
     * Resolves: {@code flag}, else {@code env}, else {@link #DEFAULT}, and requires a directory there.
     *
     * @param flag the {@code --data-dir} value, or {@code null}
     * @param env  the value of {@code KL4J_DATA}, or {@code null}
     * @return an existing directory
     * @throws InvalidArgumentException ({@code data-dir}) when the chosen directory does not exist or is
     *                                  a file; the message says where the path came from and how to get
     *                                  the data
     */
    public static Path resolve(String flag, String env) {
        return choose(flag, env).require();
    }

    /**
     * Chooses with the process environment, without checking.
     *
     * @param flag the {@code --data-dir} value, or {@code null}
     * @return the choice
     */
    public static Choice choose(String flag) {
        return choose(flag, System.getenv(ENV));
    }

    /**
     * Chooses {@code flag}, else {@code env}, else {@link #DEFAULT} (blank counts as not given), without
     * checking the file system.
     *
     * @param flag the {@code --data-dir} value, or {@code null}
     * @param env  the value of {@code KL4J_DATA}, or {@code null}
     * @return the choice
     */
    public static Choice choose(String flag, String env) {
        if (flag != null && !flag.isBlank()) {
            return new Choice(Path.of(flag), Source.FLAG);
        } else if (env != null && !env.isBlank()) {
            return new Choice(Path.of(env), Source.ENVIRONMENT);
        }
        return new Choice(DEFAULT, Source.DEFAULT);
    }
}
