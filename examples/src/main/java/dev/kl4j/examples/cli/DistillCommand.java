package dev.kl4j.examples.cli;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.data.DataDirectory;
import dev.kl4j.examples.distillation.DistillationExperiment;
import dev.kl4j.core.data.MnistFormat;
import dev.kl4j.core.io.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kl4j distill}: knowledge distillation on Fashion-MNIST, a CNN teacher into an MLP student, with
 * the distillation losses of {@code dev.kl4j.distillation.loss} compared over seeds.
 */
@Command(name = "distill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Distil a CNN teacher into an MLP student on Fashion-MNIST; compare losses.",
            "Writes metrics.csv, summary.json, results.md, accuracy_per_loss.png,",
            "agreement_per_loss.png and checkpoint/teacher.ckpt (the teacher and its",
            "logits; --resume reuses them) into --out. Losses: none (CE only);",
            "hinton (a*T^2*KL + (1-a)*CE at T); fkl, rkl, gjsd, skl, srkl, tv",
            "(a*D + (1-a)*CE, D at temperature 1); dkd (CE + TCKD + 8*NCKD at T); all."})
public final class DistillCommand implements Callable<Integer> {
    @Option(names = "--teacher-epochs", defaultValue = "8", description = "Teacher epochs (default ${DEFAULT-VALUE}).")
    int teacherEpochs;
    @Option(names = "--teacher-fraction", defaultValue = "1", paramLabel = "F",
            description = "Fraction of the training set for the teacher (default ${DEFAULT-VALUE}; less only for smoke runs).")
    double teacherFraction;
    @Option(names = "--teacher-seed", defaultValue = "1", description = "Teacher seed (default ${DEFAULT-VALUE}).")
    long teacherSeed;
    @Option(names = "--epochs", defaultValue = "100", description = "Student epochs (default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--student-hidden", defaultValue = "256", paramLabel = "H",
            description = "Student hidden units, 784-H-10 (default ${DEFAULT-VALUE}).")
    int studentHidden;
    @Option(names = "--train-fraction", defaultValue = "0.05", paramLabel = "F",
            description = "Fraction of the training set for the students (default ${DEFAULT-VALUE} = 3,000 images).")
    double trainFraction;
    @Option(names = "--loss", defaultValue = "all", paramLabel = "NAMES",
            description = "none|hinton|fkl|rkl|gjsd|skl|srkl|tv|dkd, comma-separated, or all (default ${DEFAULT-VALUE}).")
    String loss;
    @Option(names = "--temperature", defaultValue = "4", paramLabel = "T",
            description = "Temperature of hinton and dkd (default ${DEFAULT-VALUE}).")
    float temperature;
    @Option(names = "--alpha", defaultValue = "0.9", paramLabel = "A",
            description = "Weight of the distillation term against CE for hinton, fkl, rkl, gjsd, skl, srkl, tv (default ${DEFAULT-VALUE}).")
    float alpha;
    @Option(names = "--seeds", defaultValue = "1,2,3", description = "Student seeds, comma-separated (default ${DEFAULT-VALUE}).")
    String seeds;
    @Option(names = "--batch", defaultValue = "128", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "MNIST-format data (default: $KL4J_DATA, else /usr/share/datasets/fashion-mnist).")
    String dataDir;
    @Mixin
    RunOptions run;
    @Mixin
    DeviceOption device;
    @Option(names = "--no-progress", description = "No progress bars.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Long> seedList = parseSeeds(seeds);
        if (batch < 1) {
            throw new InvalidArgumentException("batch", "batch must be >= 1, got " + batch);
        }
        if (device.resolve().isGpu()) {
            throw new InvalidArgumentException("device", "--device gpu: kl4j distill trains on the CPU only so far");
        }
        DistillationExperiment.Settings settings = new DistillationExperiment.Settings(teacherEpochs, teacherFraction,
                teacherSeed, epochs, studentHidden, trainFraction, DistillationExperiment.parseLosses(loss), temperature, alpha,
                seedList, batch, DataDirectory.resolve(dataDir), !noProgress);
        run.check("distill");
        MnistFormat.Split split = MnistFormat.load(settings.dataDir());
        try (RunFolder folder = run.open("distill")) {
            Runnable done = run.sayHowToContinueIfInterrupted(folder, System.err);
            try {
                DistillationExperiment.run(settings, split, folder, spec.commandLine().getOut());
            } finally {
                done.run();
            }
        }
        return 0;
    }

    /**
     * {@return the seeds}
     *
     * @param seeds the {@code --seeds} value, e.g. {@code 1,2,3}
     */
    static List<Long> parseSeeds(String seeds) {
        List<Long> out = new ArrayList<>();
        for (String part : seeds.split(",")) {
            try {
                out.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("seeds", "seeds must be integers separated by commas, got '" + seeds + "'");
            }
        }
        return out;
    }
}
