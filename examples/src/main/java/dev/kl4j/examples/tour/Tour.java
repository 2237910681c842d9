package dev.kl4j.examples.tour;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The guided tour behind {@code kl4j tour}: parts 1–7 in order, each printing short explanations with
 * computed values, pictures written into {@link TourSettings#out()}.
 *
 * <p>{@code main} runs the quick tour into {@code kl4j-tour/}; tests call {@link #run} with tiny settings.
 */
public final class Tour {
    private Tour() {
    }

    /**
     * Runs the tour.
     *
     * @param settings what to run
     * @param out      where the explanations go
     * @param err      where the application runs report errors
     * @return the exit status: 0, or that of the first application run that failed
     * @throws IOException when a picture cannot be written
     */
    public static int run(TourSettings settings, PrintWriter out, PrintWriter err) throws IOException {
        Files.createDirectories(settings.out());
        TourPrinter say = new TourPrinter(out);
        say.line("kl4j tour%s: every number below is computed on this machine now (seed %d).",
                settings.quick() ? " --quick" : "", settings.seed());
        new DiscreteTour(say, settings.seed()).run();
        List<Path> pictures = new ArrayList<>(new GaussianTour(say, settings).run());
        new ForwardReverseTour(say, settings).run(pictures);
        int status = new ApplicationTour(say, settings, out, err).run(pictures);
        if (status != 0) {
            return status;
        }
        say.section("Pictures");
        for (Path p : pictures) {
            say.line("  %s", p);
        }
        say.line("");
        say.line("Next: ./kl4j eval --help (divergences from JSON Lines), ./kl4j vae, ./kl4j bench;");
        say.line("formulas and measured figures in README.md and each module's README.");
        return 0;
    }

    /**
     * The quick tour into {@code kl4j-tour/}.
     *
     * @param args ignored
     * @throws IOException when a picture cannot be written
     */
    public static void main(String[] args) throws IOException {
        PrintWriter out = new PrintWriter(System.out, true);
        System.exit(run(new TourSettings(true, 1, Path.of("kl4j-tour"), null, false), out, new PrintWriter(System.err, true)));
    }
}
