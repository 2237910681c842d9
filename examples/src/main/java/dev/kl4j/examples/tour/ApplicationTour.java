package dev.kl4j.examples.tour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.data.DataDirectory;
import dev.kl4j.examples.cli.DistillCommand;
import dev.kl4j.examples.cli.Kl4j;
import dev.kl4j.examples.cli.PpoCommand;
import dev.kl4j.examples.cli.VaeCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
     * {@return 0, or the exit status of the first run that failed}
     *
     * @param pictures receives the pictures the runs wrote
     */
    int run(List<Path> pictures) {
        say.section("7. The applications, briefly");
        Path data = dataDirectory();
        int status = ppo(pictures);
        if (status == 0) {
            status = vae(data, pictures);
        }
        if (status == 0) {
            status = distillation(data, pictures);
        }
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

    /**
     * PPO-clip on CartPole-v1 (rl-zoo's settings), then the KL between the old and the new policy of each
     * update three ways, read back from the run's metrics.csv: the closed form, k1 and k3.
     */
    private int ppo(List<Path> pictures) {
        say.line("PPO: policy updates kept close to the old policy; each update's KL(pi_old || pi_new) three ways.");
        long steps = settings.quick() ? 30_720 : 100_000;
        Path dir = settings.out().resolve("ppo");
        int status = runCommand(new PpoCommand(), dir, pictures, "--env", "CartPole-v1", "--algo", "ppo-clip",
                "--steps", String.valueOf(steps), "--seed", String.valueOf(settings.seed()));
        if (status != 0) {
            return status;
        }
        List<String[]> rows;
        List<String> header;
        JsonNode summary;
        try {
            List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
            header = List.of(lines.get(0).split(","));
            rows = lines.stream().skip(1).map(l -> l.split(",")).toList();
            summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PPO run's files in " + dir, e);
        }
        int stepsAt = header.indexOf("steps");
        int ret = header.indexOf("recent_return");
        int exact = header.indexOf("kl_exact");
        int k1 = header.indexOf("kl_k1");
        int k3 = header.indexOf("kl_k3");
        say.line("  update    steps   return   KL exact    k1          k3");
        int every = Math.max(1, rows.size() / 8);
        for (int i = 0; i < rows.size(); i++) {
            if (i % every == 0 || i == rows.size() - 1) {
                String[] r = rows.get(i);
                say.line("  %6d  %7s   %6.1f   %.3e   %+.3e  %.3e", i + 1, r[stepsAt], Double.parseDouble(r[ret]),
                        Double.parseDouble(r[exact]), Double.parseDouble(r[k1]), Double.parseDouble(r[k3]));
            }
        }
        JsonNode reached = summary.get("steps_to_threshold");
        say.line("  evaluation after %d steps: mean return %.1f over %d deterministic episodes; 475 %s", steps,
                summary.get("eval_return_mean").asDouble(), summary.get("eval_episodes").asInt(),
                reached == null || reached.isNull() ? "not reached yet" : "first reached at step " + reached.asLong());
        say.line("  k1 is unbiased but noisy and can be negative; k3 is unbiased and never negative; the exact KL");
        say.line("  needs no samples (kl.png in %s draws all three).", dir);
        say.line("  full runs: ./kl4j ppo --env CartPole-v1 --algo ppo-clip|ppo-kl|trpo (see ppo/README.md)");
        return 0;
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
        int status = runCommand(new VaeCommand(), dir, pictures, "--epochs", "1", "--seed",
                String.valueOf(settings.seed()), "--data-dir", data.toString(), "--iwae-samples", "100",
                "--iwae-images", "500");
        say.line("  full run (10 epochs, the README's figures): ./kl4j vae --out runs/vae");
        return status;
    }

    private int distillation(Path data, List<Path> pictures) {
        say.line("Distillation: a student learns from a teacher's soft targets, T^2 KL(softmax(t/T) || softmax(s/T)).");
        if (settings.quick()) {
            say.line("  skipped in --quick (a teacher epoch and ten student epochs take a minute or more); run: ./kl4j tour");
            return 0;
        }
        if (data == null) {
            return 0;
        }
        say.line("  A CNN teacher trained 1 epoch on a quarter of the images, a 784-256-10 MLP student trained 10");
        say.line("  epochs on 3,000 images: hard labels alone against Hinton's loss (T = 4, alpha = 0.9).");
        Path dir = settings.out().resolve("distill");
        int status = runCommand(new DistillCommand(), dir, pictures, "--teacher-epochs", "1", "--teacher-fraction",
                "0.25", "--epochs", "10", "--train-fraction", "0.05", "--loss", "none,hinton", "--seeds",
                String.valueOf(settings.seed()), "--data-dir", data.toString());
        if (status == 0) {
            explainDistillation(dir.resolve("summary.json"));
        }
        say.line("  full experiment (8 teacher epochs, 100 student epochs, every loss, 3 seeds): ./kl4j distill");
        return status;
    }

    /** Reads the short distillation run's summary and says what its numbers show. */
    private void explainDistillation(Path summaryFile) {
        JsonNode summary;
        try {
            summary = new ObjectMapper().readTree(summaryFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summaryFile, e);
        }
        double teacher = 100 * summary.get("teacher_accuracy").asDouble();
        JsonNode none = null;
        JsonNode hinton = null;
        for (JsonNode r : summary.get("results")) {
            if (r.get("loss").asText().equals("none")) {
                none = r;
            } else if (r.get("loss").asText().equals("hinton")) {
                hinton = r;
            }
        }
        if (none == null || hinton == null) {
            return;
        }
        double scratch = 100 * none.get("student_accuracy_mean").asDouble();
        double distilled = 100 * hinton.get("student_accuracy_mean").asDouble();
        say.line("  The distilled student agrees with its teacher on %.1f%% of the test images, the scratch student on",
                100 * hinton.get("agreement_with_teacher_mean").asDouble());
        say.line("  %.1f%%: soft targets carry the teacher's view of which classes look alike. Accuracy: %.1f%% against",
                100 * none.get("agreement_with_teacher_mean").asDouble(), distilled);
        say.line("  %.1f%% on hard labels, with a teacher of %.1f%%.", scratch, teacher);
        if (teacher - scratch < 3) {
            say.line("  A teacher barely better than the student passes on its mistakes as well: distillation pays");
            say.line("  with a teacher clearly better than the student (the full experiment trains it for 8 epochs).");
        }
    }

    /**
     * Runs one application command into {@code dir} (replacing the previous tour's run there) with the
     * tour's streams, its errors as one line, and collects the pictures it wrote.
     */
    private int runCommand(Object command, Path dir, List<Path> pictures, String... args) {
        CommandLine line = new CommandLine(command);
        line.setCommandName("kl4j tour");   // its errors read "kl4j tour: ...", one line as kl4j's own
        line.setOut(out);
        line.setErr(err);
        Kl4j.handleErrors(line, Kl4j.verboseRun());
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", dir.toString(), "--overwrite"));   // a tour run replaces the previous one
        if (!settings.verbose()) {
            all.add("--no-progress");
        }
        int status = line.execute(all.toArray(String[]::new));
        if (status == 0) {
            pictures.addAll(pngs(dir));
        }
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
