package dev.kl4j.examples.cli;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.io.RunFolder;
import dev.kl4j.distillation.text.FortuneCorpus;
import dev.kl4j.examples.distillation.text.TextDistillationExperiment;
import dev.kl4j.examples.distillation.text.TextLoss;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kl4j distill-text}: knowledge distillation of a character-level LSTM language model on Debian's
 * {@code fortunes}, a larger teacher into a smaller student, off-policy and on-policy (GKD), compared in
 * held-out bits per character over seeds.
 */
@Command(name = "distill-text", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Distil a character-level LSTM teacher into a smaller LSTM student on Debian's fortunes",
            "(apt-get install fortunes); compare losses in held-out bits per character.",
            "Writes metrics.csv, summary.json, results.md, bpc_per_loss.png and checkpoint/teacher.ckpt",
            "(--resume reuses the teacher) into --out. Losses: none (the data alone); fkl, rkl, gjsd, skl",
            "(a*D + (1-a)*CE on the data, D at temperature 1); all. --on-policy adds, for every KD loss,",
            "a GKD run in which a fraction of the steps uses D alone on sequences sampled from the student."})
public final class DistillTextCommand implements Callable<Integer> {
    @Option(names = "--teacher-epochs", defaultValue = "10", description = "Teacher epochs (default ${DEFAULT-VALUE}).")
    int teacherEpochs;
    @Option(names = "--teacher-hidden", defaultValue = "256", paramLabel = "H",
            description = "Teacher LSTM units per layer (default ${DEFAULT-VALUE}).")
    int teacherHidden;
    @Option(names = "--teacher-layers", defaultValue = "2", paramLabel = "L",
            description = "Teacher LSTM layers (default ${DEFAULT-VALUE}).")
    int teacherLayers;
    @Option(names = "--teacher-seed", defaultValue = "1", description = "Teacher seed (default ${DEFAULT-VALUE}).")
    long teacherSeed;
    @Option(names = "--epochs", defaultValue = "10", description = "Student epochs (default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--student-hidden", defaultValue = "64", paramLabel = "H",
            description = "Student LSTM units, one layer (default ${DEFAULT-VALUE}).")
    int studentHidden;
    @Option(names = "--loss", defaultValue = "all", paramLabel = "NAMES",
            description = "none|fkl|rkl|gjsd|skl, comma-separated, or all (default ${DEFAULT-VALUE}).")
    String loss;
    @Option(names = "--on-policy", description = "Also train every KD loss on-policy (GKD, student samples scored by the teacher).")
    boolean onPolicy;
    @Option(names = "--on-policy-fraction", defaultValue = "0.5", paramLabel = "LAMBDA",
            description = "Fraction of on-policy steps in an on-policy run (default ${DEFAULT-VALUE}).")
    float onPolicyFraction;
    @Option(names = "--alpha", defaultValue = "0.5", paramLabel = "A",
            description = "Weight of the divergence against CE on data batches (default ${DEFAULT-VALUE}).")
    float alpha;
    @Option(names = "--seeds", defaultValue = "1,2,3", description = "Student seeds, comma-separated (default ${DEFAULT-VALUE}).")
    String seeds;
    @Option(names = "--batch", defaultValue = "32", description = "Records per step (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--max-length", defaultValue = "128", paramLabel = "T",
            description = "Longest sequence of a batch; longer records are cut (default ${DEFAULT-VALUE}).")
    int maxLength;
    @Option(names = "--records", defaultValue = "0", paramLabel = "N",
            description = "Records kept from the corpus after a fixed shuffle, 0 = all (default ${DEFAULT-VALUE}).")
    int records;
    @Option(names = "--learning-rate", defaultValue = "0.002", paramLabel = "LR",
            description = "Adam step size (default ${DEFAULT-VALUE}).")
    float learningRate;
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of fortune files (default " + FortuneCorpus.DEFAULT_DIRECTORY + ").")
    Path dataDir;
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
        List<Long> seedList = DistillCommand.parseSeeds(seeds);
        if (device.resolve().isGpu()) {
            throw new InvalidArgumentException("device", "--device gpu: kl4j distill-text trains on the CPU only so far");
        }
        TextDistillationExperiment.Settings settings = new TextDistillationExperiment.Settings(teacherEpochs, teacherHidden,
                teacherLayers, teacherSeed, epochs, studentHidden, TextLoss.parse(loss), onPolicy, onPolicyFraction, alpha,
                seedList, batch, maxLength, records, learningRate, dataDir, !noProgress);
        run.check("distill-text");
        FortuneCorpus.load(dataDir);                        // a missing corpus is reported before the folder is made
        try (RunFolder folder = run.open("distill-text")) {
            Runnable done = run.sayHowToContinueIfInterrupted(folder, System.err);
            try {
                TextDistillationExperiment.run(settings, folder, spec.commandLine().getOut());
            } finally {
                done.run();
            }
        }
        return 0;
    }
}
