package dev.kl4j.examples.tour;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.data.DataDirectory;
import dev.kl4j.examples.cli.Kl4j;
import dev.kl4j.examples.cli.VaeCommand;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Part 7: short runs of the applications, each through its own command (so that what the tour shows is
 * what the command does) and each ending with the full command. In quick mode the runs that need more
 * than a few seconds are skipped, and the tour says so.
 */
final class ApplicationTour {
    private final TourPrinter say;
    private final TourSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;

    ApplicationTour(TourPrinter say, TourSettings settings, PrintWriter out, PrintWriter err) {
        this.say = say;
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /**
     * @param pictures receives the pictures the runs wrote
     * @return 0, or the exit status of the first run that failed
     */
    int run(List<Path> pictures) {
        say.section("7. The applications, briefly");
        Path data = dataDirectory();
        int status = vae(data, pictures);
        return status;
    }

    /** The data folder, or null (with a line saying why) when the default one is not installed. */
    private Path dataDirectory() {
        if (settings.dataDir() != null) {
            return DataDirectory.resolve(settings.dataDir().toString()); // an explicit folder must exist
        }
        try {
            return DataDirectory.resolve(null);
        } catch (InvalidArgumentException e) {
            say.line("skipped the runs on Fashion-MNIST: it is not installed here (sudo apt install"
                    + " dataset-fashion-mnist, or --data-dir DIR)");
            return null;
        }
    }

    private int vae(Path data, List<Path> pictures) {
        say.line("VAE: negative ELBO = E_q[-ln p(x|z)] + KL(q(z|x) || N(0, I)), the KL in closed form.");
        if (settings.quick()) {
            say.line("  skipped in --quick (one epoch takes 5-30 s here); run: ./kl4j tour, or ./kl4j vae --epochs 1");
            return 0;
        }
        if (data == null) {
            return 0;
        }
        Path dir = settings.out().resolve("vae");
        CommandLine vae = new CommandLine(new VaeCommand());
        vae.setCommandName("kl4j tour");   // its errors read "kl4j tour: ...", one line as kl4j's own
        vae.setOut(out);
        vae.setErr(err);
        Kl4j.handleErrors(vae, Kl4j.verboseRun());
        List<String> args = new ArrayList<>(List.of("--epochs", "1", "--seed", String.valueOf(settings.seed()),
                "--data-dir", data.toString(), "--out", dir.toString(), "--iwae-samples", "100",
                "--iwae-images", "500"));
        if (!settings.verbose()) {
            args.add("--no-progress");
        }
        int status = vae.execute(args.toArray(String[]::new));
        if (status == 0) {
            pictures.addAll(pngs(dir));
        }
        say.line("  full run (10 epochs, the README's figures): ./kl4j vae --out runs/vae");
        return status;
    }

    private static List<Path> pngs(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
