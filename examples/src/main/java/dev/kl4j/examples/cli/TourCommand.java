package dev.kl4j.examples.cli;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.data.DataDirectory;
import dev.kl4j.core.io.RunFolder;
import dev.kl4j.examples.tour.Tour;
import dev.kl4j.examples.tour.TourSettings;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kl4j tour}: the guided tour ({@link Tour}). Every number it prints is computed, none is typed in;
 * its pictures go to {@code --out}.
 */
@Command(
        name = "tour",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "A guided tour of the KL divergence with kl4j: discrete measures and their zeros, properties",
            "checked live, Gaussians against Monte Carlo, Schulman's k1/k2/k3, forward against reverse KL,",
            "then short runs of the applications. Pictures go to --out.",
        })
public final class TourCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Under a minute: shorter Monte Carlo runs, no long application runs.")
    boolean quick;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random source (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "kl4j-tour",
            description = "Folder for the pictures and the application runs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Fashion-MNIST folder (default: $KL4J_DATA, else /usr/share/datasets/fashion-mnist;"
                    + " only the default may be missing, and its runs are then skipped).")
    Path dataDir;

    @Option(names = "--progress", description = "Show the application runs' progress bars.")
    boolean progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            throw new InvalidArgumentException("data-dir", "--data-dir " + dataDir + (Files.exists(dataDir)
                    ? " is a file, not a folder" : " does not exist")
                    + " (leave it out to use the default, or install Fashion-MNIST: sudo apt install"
                    + " dataset-fashion-mnist)");
        }
        DataDirectory.Choice data = DataDirectory.choose(dataDir == null ? null : dataDir.toString());
        if (!data.isAbsentDefault()) {
            data.require();   // KL4J_DATA, like --data-dir, names a folder that must be there; only the default may be absent
        }
        RunFolder.requireUsable(out);
        try {
            Files.createDirectories(out);
        } catch (FileSystemException e) {
            String reason = e.getReason() != null ? e.getReason()
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.NoSuchFileException ? "the file system there does not allow new folders"
                    : e.getClass().getSimpleName();
            throw new InvalidArgumentException("out", "--out " + out + " cannot be created: " + reason);
        }
        TourSettings settings = new TourSettings(quick, seed, out, dataDir, progress);
        return Tour.run(settings, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
