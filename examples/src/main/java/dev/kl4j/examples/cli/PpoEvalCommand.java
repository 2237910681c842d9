package dev.kl4j.examples.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.io.CheckpointFile;
import dev.kl4j.examples.ppo.render.AnimatedGif;
import dev.kl4j.examples.ppo.render.EnvironmentRenderer;
import dev.kl4j.ppo.env.Environment;
import dev.kl4j.ppo.env.Environments;
import dev.kl4j.ppo.env.StepResult;
import dev.kl4j.ppo.policy.MlpPolicy;
import dev.kl4j.ppo.train.EvalResult;
import dev.kl4j.ppo.train.PpoConfig;
import dev.kl4j.ppo.train.PpoTrainer;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kl4j ppo-eval}: deterministic evaluation episodes (the mode of the policy) of a checkpoint
 * written by {@code kl4j ppo}, and optionally an animated GIF of one more episode.
 */
@Command(name = "ppo-eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a kl4j ppo checkpoint with deterministic episodes (argmax / mean action);",
            "optionally render one episode as an animated GIF."})
public final class PpoEvalCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "A checkpoint file (RUN/checkpoint/state.bin) or a run folder.")
    Path checkpoint;
    @Option(names = "--episodes", defaultValue = "100", description = "Episodes (default ${DEFAULT-VALUE}).")
    int episodes;
    @Option(names = "--seed", defaultValue = "1000000", description = "Seed of the evaluation copies (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--gif", paramLabel = "FILE", description = "Also write one episode as an animated GIF.")
    Path gif;
    @Option(names = "--gif-size", defaultValue = "300", description = "GIF width and height in pixels (default ${DEFAULT-VALUE}).")
    int gifSize;

    @Spec
    CommandSpec spec;

    /** A policy read from a checkpoint, with its run's settings. */
    record Loaded(PpoConfig config, MlpPolicy policy) {
    }

    /**
     * @param file        a state.bin, a checkpoint/ folder or a run folder
     * @param expectedEnv the env the policy must be for, or null for any
     * @param manager     owner of the parameters
     * @return the policy and settings
     */
    static Loaded loadPolicy(Path file, String expectedEnv, NDManager manager) throws java.io.IOException {
        Path f = file;
        if (Files.isDirectory(f) && Files.isRegularFile(f.resolve(PpoCommand.STATE_FILE))) {
            f = f.resolve(PpoCommand.STATE_FILE);
        } else if (Files.isDirectory(f) && Files.isRegularFile(f.resolve("checkpoint").resolve(PpoCommand.STATE_FILE))) {
            f = f.resolve("checkpoint").resolve(PpoCommand.STATE_FILE);
        }
        if (!Files.isRegularFile(f)) {
            throw new InvalidArgumentException("checkpoint", file + " is not a checkpoint file (expected"
                    + " RUN/checkpoint/" + PpoCommand.STATE_FILE + ")");
        }
        CheckpointFile.Contents contents = CheckpointFile.read(f, PpoCommand.KIND);
        PpoConfig config = PpoConfig.fromSettings(contents.header().settings());
        if (expectedEnv != null && !expectedEnv.equals(config.env())) {
            throw new InvalidArgumentException("checkpoint", f + " is a checkpoint for " + config.env()
                    + ", not " + expectedEnv);
        }
        return new Loaded(config, PpoTrainer.policyFromCheckpoint(config, contents.payload(), manager));
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (episodes < 1) {
            throw new InvalidArgumentException("episodes", "--episodes " + episodes + " must be >= 1");
        }
        if (gifSize < 16 || gifSize > 2000) {
            throw new InvalidArgumentException("gif-size", "--gif-size " + gifSize + " must be in 16..2000");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (NDManager manager = NDManager.newBaseManager()) {
            Loaded loaded = loadPolicy(checkpoint, null, manager);
            String env = loaded.config().env();
            EvalResult r = PpoTrainer.evaluate(loaded.policy(), env, episodes, seed);
            out.printf(Locale.ROOT, "%s (%s, seed %d): mean return %.2f +- %.2f over %d deterministic episodes"
                    + " (min %.1f, max %.1f, mean length %.1f)%n", env, loaded.config().algorithm().cliName(),
                    loaded.config().seed(), r.mean(), r.std(), r.episodes(),
                    java.util.Arrays.stream(r.returns()).min().orElse(Double.NaN),
                    java.util.Arrays.stream(r.returns()).max().orElse(Double.NaN),
                    java.util.Arrays.stream(r.lengths()).average().orElse(Double.NaN));
            if (gif != null) {
                double ret = renderEpisode(loaded.policy(), env, manager);
                out.printf(Locale.ROOT, "wrote %s (one episode, return %.1f)%n", gif, ret);
            }
        }
        return 0;
    }

    private double renderEpisode(MlpPolicy policy, String id, NDManager manager) throws java.io.IOException {
        Environment env = Environments.make(id);
        double[] obs = env.reset(seed);
        List<BufferedImage> frames = new ArrayList<>();
        double ret = 0;
        frames.add(EnvironmentRenderer.frame(env, gifSize, gifSize, id + "  t=0"));
        while (true) {
            double[] action;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                float[] o = new float[obs.length];
                for (int i = 0; i < o.length; i++) {
                    o[i] = (float) obs[i];
                }
                NDArray x = manager.create(o, new Shape(1, o.length)).duplicate();
                float[] a = policy.distribution(x).mode().toType(DataType.FLOAT32, false).toFloatArray();
                action = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    action[i] = a[i];
                }
            }
            StepResult step = env.step(action);
            ret += step.reward();
            obs = step.observation();
            frames.add(EnvironmentRenderer.frame(env, gifSize, gifSize,
                    String.format(Locale.ROOT, "%s  t=%d  return %.0f", id, env.elapsedSteps(), ret)));
            if (step.terminated() || step.truncated()) {
                break;
            }
        }
        AnimatedGif.write(gif, frames, 20);
        return ret;
    }
}
