package dev.kl4j.examples.cli;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.io.CheckpointFile;
import dev.kl4j.core.io.RunFolder;
import dev.kl4j.examples.ppo.PpoRunFiles;
import dev.kl4j.ppo.algo.ReferenceKlEstimator;
import dev.kl4j.ppo.algo.TargetKlPlacement;
import dev.kl4j.ppo.env.Environments;
import dev.kl4j.ppo.policy.Policy;
import dev.kl4j.ppo.train.Algorithm;
import dev.kl4j.ppo.train.EvalResult;
import dev.kl4j.ppo.train.PpoConfig;
import dev.kl4j.ppo.train.PpoTrainer;
import dev.kl4j.ppo.train.UpdateMetrics;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kl4j ppo}: trains a policy with PPO-clip, PPO-KL or TRPO and writes {@code metrics.csv},
 * {@code summary.json}, {@code returns.png}, {@code kl.png} and {@code checkpoint/} into the run folder.
 * Every hyper-parameter has a flag; those not given take the per-environment defaults of
 * {@link PpoConfig#defaults}.
 */
@Command(name = "ppo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a policy with PPO-clip, PPO with adaptive KL penalty, or TRPO on a",
            "Gymnasium classic-control environment, logging KL(pi_old || pi_new) exactly",
            "and as k1 and k3 at every update. Unset hyper-parameters take per-environment",
            "defaults (rl-baselines3-zoo's tuned values where they exist); summary.json",
            "lists every value a run used."})
public final class PpoCommand implements Callable<Integer> {
    static final String KIND = "ppo";
    static final int FORMAT_VERSION = 1;
    static final String STATE_FILE = "state.bin";

    @Option(names = "--env", defaultValue = "CartPole-v1", description = "Environment (default ${DEFAULT-VALUE}).")
    String env;
    @Option(names = "--algo", defaultValue = "ppo-clip", description = "ppo-clip, ppo-kl or trpo (default ${DEFAULT-VALUE}).")
    String algo;
    @Option(names = "--steps", description = "Environment steps to train for.")
    Long steps;
    @Option(names = "--envs", description = "Environment copies stepped together.")
    Integer envs;
    @Option(names = "--seed", defaultValue = "1", description = "The one seed of the run (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--n-steps", description = "Steps per copy per update (rollout length).")
    Integer rolloutSteps;
    @Option(names = "--batch", description = "Minibatch size.")
    Integer batch;
    @Option(names = "--epochs", description = "PPO epochs per update.")
    Integer epochs;
    @Option(names = "--gamma", description = "Discount.")
    Double gamma;
    @Option(names = "--gae-lambda", description = "GAE lambda.")
    Double gaeLambda;
    @Option(names = "--lr", description = "Adam learning rate.")
    Double lr;
    @Option(names = "--anneal-lr", negatable = true, description = "Anneal the learning rate linearly to 0.")
    Boolean annealLr;
    @Option(names = "--clip", description = "PPO-clip epsilon.")
    Double clip;
    @Option(names = "--anneal-clip", negatable = true, description = "Anneal the clip range linearly to 0.")
    Boolean annealClip;
    @Option(names = "--clip-vf", description = "Value clipping range (default: none).")
    Double clipVf;
    @Option(names = "--ent-coef", description = "Entropy bonus coefficient.")
    Double entCoef;
    @Option(names = "--vf-coef", description = "Value loss coefficient.")
    Double vfCoef;
    @Option(names = "--max-grad-norm", description = "Global gradient norm limit.")
    Double maxGradNorm;
    @Option(names = "--norm-adv", negatable = true, description = "Per-minibatch advantage normalisation.")
    Boolean normAdv;
    @Option(names = "--target-kl", description = "Early stop when k3 exceeds it (default: none).")
    Double targetKl;
    @Option(names = "--target-kl-at", description = "minibatch (SB3, at 1.5x target) or epoch (CleanRL).")
    String targetKlAt;
    @Option(names = "--adam-eps", description = "Adam epsilon.")
    Double adamEps;
    @Option(names = "--hidden", description = "Units in each of the two hidden layers.")
    Integer hidden;
    @Option(names = "--kl-target", description = "PPO-KL: d_targ.")
    Double klTarget;
    @Option(names = "--kl-beta", description = "PPO-KL: initial beta.")
    Double klBeta;
    @Option(names = "--max-kl", description = "TRPO: delta, the mean-KL bound of a step.")
    Double maxKl;
    @Option(names = "--cg-iters", description = "TRPO: conjugate-gradient iterations.")
    Integer cgIters;
    @Option(names = "--cg-damping", description = "TRPO: damping added to the Fisher matrix.")
    Double cgDamping;
    @Option(names = "--value-epochs", description = "TRPO: critic epochs per update.")
    Integer valueEpochs;
    @Option(names = "--ref-checkpoint", paramLabel = "FILE", description = "Reference policy: a ppo checkpoint (checkpoint/state.bin) for the same env.")
    Path refCheckpoint;
    @Option(names = "--ref-kl-coef", description = "Reference KL penalty beta (needs --ref-checkpoint).")
    Double refKlCoef;
    @Option(names = "--ref-kl-target", description = "Adapt the reference beta towards this per-step KL (Ziegler et al.).")
    Double refKlTarget;
    @Option(names = "--ref-kl-horizon", description = "Horizon of the adaptive controller (default 10000).")
    Double refKlHorizon;
    @Option(names = "--ref-kl-estimator", description = "k1, k3 or exact (default k1).")
    String refKlEstimator;
    @Option(names = "--eval-episodes", description = "Deterministic episodes of the final evaluation (default 100).")
    Integer evalEpisodes;
    @Option(names = "--eval-interval", description = "Steps between evaluations during training (0: none).")
    Long evalInterval;
    @Option(names = "--threads", defaultValue = "1",
            description = "libtorch threads (default ${DEFAULT-VALUE}: the 64-unit networks' operations are too small to"
                    + " gain from more, and spinning OpenMP threads slow a shared machine down by orders of magnitude).")
    Integer threads;
    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;
    @Mixin
    RunOptions run;
    @Mixin
    DeviceOption device;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EngineThreads.apply(threads);
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = spec.commandLine().getOut();
        PpoConfig config = config();
        ai.djl.Device where = device.resolve();
        if (config.hasReferencePenalty() != (refCheckpoint != null)) {
            throw new InvalidArgumentException("ref-checkpoint", refCheckpoint == null
                    ? "--ref-kl-coef needs --ref-checkpoint FILE, the reference policy"
                    : "--ref-checkpoint needs --ref-kl-coef BETA > 0");
        }
        run.check(KIND);
        try (NDManager refManager = NDManager.newBaseManager();
                RunFolder folder = run.open(KIND)) {
            Policy reference = refCheckpoint == null ? null : PpoEvalCommand.loadPolicy(refCheckpoint, config.env(),
                    refManager).policy();
            Path state = folder.checkpointDir().resolve(STATE_FILE);
            PpoTrainer trainer;
            if (run.resume()) {
                CheckpointFile.Contents contents = CheckpointFile.read(state, KIND);
                if (contents.header().formatVersion() != FORMAT_VERSION) {
                    throw new InvalidArgumentException("resume", state + " has PPO format version "
                            + contents.header().formatVersion() + "; this kl4j reads version " + FORMAT_VERSION);
                }
                String theirEnv = contents.header().setting("env");
                if (!theirEnv.equals(config.env())) {
                    throw new InvalidArgumentException("env", state + " is a checkpoint for " + theirEnv + ", not "
                            + config.env() + " (use --env " + theirEnv + ")");
                }
                Set<String> keys = new HashSet<>(config.settings().keySet());
                contents.header().requireMatching(config.settings(), keys);
                trainer = PpoTrainer.restore(config, contents.payload(), reference, where);
                out.printf(Locale.ROOT, "resuming after update %d (%d steps) from %s%n", trainer.update(),
                        trainer.steps(), state);
            } else {
                trainer = PpoTrainer.create(config, reference, where);
            }
            Runnable done = run.sayHowToContinueIfInterrupted(folder, System.err);
            try (trainer) {
                out.printf(Locale.ROOT, "%s on %s: %d updates of %d envs x %d steps, seed %d -> %s%n",
                        config.algorithm().cliName(), config.env(), config.updates(), config.envs(),
                        config.rolloutSteps(), config.seed(), folder.dir());
                out.flush();
                train(trainer, folder, state, out);
                // a resumed run that had already finished has no evaluation in memory: run it again (deterministic)
                EvalResult eval = trainer.lastEvaluation() != null ? trainer.lastEvaluation()
                        : trainer.evaluate(config.evalEpisodes());
                double wall = trainer.history().stream().mapToDouble(UpdateMetrics::seconds).sum();
                Map<String, Object> summary = PpoRunFiles.summary(config, eval, trainer.history(),
                        trainer.firstSolvedStep(), wall);
                PpoRunFiles.writeSummary(folder.resolve("summary.json"), summary);
                PpoRunFiles.writePictures(folder.dir(), config.env() + ", " + config.algorithm().cliName() + ", seed "
                        + config.seed(), trainer.history());
                out.printf(Locale.ROOT, "eval: %.2f +- %.2f over %d deterministic episodes; %d steps in %.1f s"
                        + " (%.0f steps/s); threshold %s reached at %s%n", eval.mean(), eval.std(), eval.episodes(),
                        trainer.steps(), wall, trainer.steps() / wall, fmt(PpoConfig.solvedThreshold(config.env())),
                        trainer.firstSolvedStep() < 0 ? "no evaluation" : trainer.firstSolvedStep() + " steps");
                out.printf("wrote %s/{metrics.csv, summary.json, returns.png, kl.png, checkpoint/}%n", folder.dir());
            } finally {
                done.run();
            }
        }
        return 0;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "(none)" : String.format(Locale.ROOT, "%.0f", v);
    }

    private void train(PpoTrainer trainer, RunFolder folder, Path state, PrintWriter out) throws Exception {
        PpoConfig config = trainer.config();
        ProgressBar bar = noProgress ? null : new ProgressBarBuilder().setTaskName(config.algorithm().cliName())
                .setInitialMax(config.updates() * (long) config.stepsPerUpdate()).setUnit(" steps", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500)
                .startsFrom(trainer.steps(), java.time.Duration.ZERO).build();
        try {
            while (!trainer.finished()) {
                UpdateMetrics m = trainer.trainOneUpdate();
                List<UpdateMetrics> history = trainer.history();
                PpoRunFiles.writeMetrics(folder.resolve("metrics.csv"), history);
                CheckpointFile.write(state, new CheckpointFile.Header(KIND, FORMAT_VERSION, config.settings()),
                        trainer.checkpoint());
                if (bar != null) {
                    bar.stepTo(m.steps());
                    bar.setExtraMessage(String.format(Locale.ROOT, "return %.1f, KL %.4f", m.recentReturn(), m.klExact()));
                }
                if (!Double.isNaN(m.evalReturn())) {
                    String line = String.format(Locale.ROOT, "update %d, %d steps: eval %.2f, recent return %.1f, KL exact"
                            + " %.5f (k1 %.5f, k3 %.5f), %.0f steps/s, RSS %.0f MiB", m.update(), m.steps(),
                            m.evalReturn(), m.recentReturn(), m.klExact(), m.klK1(), m.klK3(), m.stepsPerSecond(),
                            m.rssMib());
                    if (bar != null) {
                        System.err.print("\r");
                    }
                    out.println(line);
                    out.flush();
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** The configuration from the defaults and the flags given; errors name the flag. */
    PpoConfig config() {
        if (!Environments.ids().contains(env)) {
            throw new InvalidArgumentException("env", "--env: unknown environment '" + env + "'; known: "
                    + String.join(", ", Environments.ids()));
        }
        Algorithm algorithm = Algorithm.parse(algo);
        PpoConfig.Builder b = PpoConfig.defaults(env, algorithm).seed(seed);
        if (steps != null) b.totalSteps(steps);
        if (envs != null) b.envs(envs);
        if (rolloutSteps != null) b.rolloutSteps(rolloutSteps);
        if (batch != null) b.minibatchSize(batch);
        if (epochs != null) b.epochs(epochs);
        if (gamma != null) b.gamma(gamma);
        if (gaeLambda != null) b.gaeLambda(gaeLambda);
        if (lr != null) b.learningRate(lr);
        if (annealLr != null) b.annealLearningRate(annealLr);
        if (clip != null) b.clipRange(clip);
        if (annealClip != null) b.annealClipRange(annealClip);
        if (clipVf != null) b.valueClipRange(clipVf);
        if (entCoef != null) b.entropyCoefficient(entCoef);
        if (vfCoef != null) b.valueCoefficient(vfCoef);
        if (maxGradNorm != null) b.maxGradNorm(maxGradNorm);
        if (normAdv != null) b.normalizeAdvantages(normAdv);
        if (targetKl != null) b.targetKl(targetKl);
        if (targetKlAt != null) {
            try {
                b.targetKlPlacement(TargetKlPlacement.valueOf(targetKlAt.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException("target-kl-at", "--target-kl-at: '" + targetKlAt
                        + "' is not minibatch or epoch");
            }
        }
        if (adamEps != null) b.adamEpsilon(adamEps);
        if (hidden != null) b.hiddenSize(hidden);
        if (klTarget != null) b.klTarget(klTarget);
        if (klBeta != null) b.klBetaInit(klBeta);
        if (maxKl != null) b.trpoMaxKl(maxKl);
        if (cgIters != null) b.trpoCgIterations(cgIters);
        if (cgDamping != null) b.trpoDamping(cgDamping);
        if (valueEpochs != null) b.valueEpochs(valueEpochs);
        if (refKlCoef != null) b.refKlCoefficient(refKlCoef);
        if (refKlTarget != null) b.refKlTarget(refKlTarget);
        if (refKlHorizon != null) b.refKlHorizon(refKlHorizon);
        if (refKlEstimator != null) b.refKlEstimator(ReferenceKlEstimator.parse(refKlEstimator));
        if (evalEpisodes != null) b.evalEpisodes(evalEpisodes);
        if (evalInterval != null) b.evalInterval(evalInterval);
        try {
            return b.build();
        } catch (InvalidArgumentException e) {
            String flag = FLAGS.getOrDefault(e.argument(), e.argument());
            throw new InvalidArgumentException(e.argument(), e.getMessage().replace(e.argument(), "--" + flag));
        }
    }

    /** Library field names → the flags that set them, for error messages. */
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("totalSteps", "steps"),
            Map.entry("envs", "envs"), Map.entry("rolloutSteps", "n-steps"), Map.entry("minibatchSize", "batch"),
            Map.entry("epochs", "epochs"), Map.entry("gamma", "gamma"), Map.entry("gaeLambda", "gae-lambda"),
            Map.entry("learningRate", "lr"), Map.entry("clipRange", "clip"), Map.entry("valueClipRange", "clip-vf"),
            Map.entry("entropyCoefficient", "ent-coef"), Map.entry("valueCoefficient", "vf-coef"),
            Map.entry("maxGradNorm", "max-grad-norm"), Map.entry("targetKl", "target-kl"),
            Map.entry("adamEpsilon", "adam-eps"), Map.entry("hiddenSize", "hidden"), Map.entry("klTarget", "kl-target"),
            Map.entry("klBetaInit", "kl-beta"), Map.entry("trpoMaxKl", "max-kl"), Map.entry("trpoCgIterations", "cg-iters"),
            Map.entry("trpoDamping", "cg-damping"), Map.entry("valueEpochs", "value-epochs"),
            Map.entry("refKlCoefficient", "ref-kl-coef"), Map.entry("refKlTarget", "ref-kl-target"),
            Map.entry("refKlHorizon", "ref-kl-horizon"), Map.entry("evalEpisodes", "eval-episodes"),
            Map.entry("evalInterval", "eval-interval"));
}
