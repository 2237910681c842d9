package dev.kl4j.core.data;

import dev.kl4j.core.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the directory that holds an MNIST-format data set: the command-line value if given, else the
 * environment variable {@code KL4J_DATA}, else {@link #DEFAULT} (the Debian package
 * {@code dataset-fashion-mnist}).
 */
public final class DataDirectory {
    /** Where Debian's {@code dataset-fashion-mnist} installs Fashion-MNIST. */
    public static final Path DEFAULT = Path.of("/usr/share/datasets/fashion-mnist");
    /** Environment variable naming the data directory. */
    public static final String ENV = "KL4J_DATA";

    private DataDirectory() {
    }

    /**
     * Resolves with the process environment.
     *
     * @param flag the {@code --data-dir} value, or {@code null}
     * @return an existing directory
     * @throws InvalidArgumentException ({@code data-dir}) when the chosen directory does not exist
     */
    public static Path resolve(String flag) {
        return resolve(flag, System.getenv(ENV));
    }

    /**
     * Resolves: {@code flag}, else {@code env}, else {@link #DEFAULT}.
     *
     * @param flag the {@code --data-dir} value, or {@code null}
     * @param env  the value of {@code KL4J_DATA}, or {@code null}
     * @return an existing directory
     * @throws InvalidArgumentException ({@code data-dir}) when the chosen directory does not exist; the
     *                                  message says where the path came from and how to get the data
     */
    public static Path resolve(String flag, String env) {
        Path dir;
        String source;
        if (flag != null && !flag.isBlank()) {
            dir = Path.of(flag);
            source = "from --data-dir";
        } else if (env != null && !env.isBlank()) {
            dir = Path.of(env);
            source = "from " + ENV;
        } else {
            dir = DEFAULT;
            source = "the default; --data-dir and " + ENV + " are not set";
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidArgumentException("data-dir", "data directory " + dir + " (" + source
                    + ") does not exist; install Fashion-MNIST with 'sudo apt install dataset-fashion-mnist'"
                    + " or point --data-dir or " + ENV + " to a directory holding "
                    + MnistFormat.TRAIN_IMAGES + "[.gz] and the other three MNIST-format files");
        }
        return dir;
    }
}
