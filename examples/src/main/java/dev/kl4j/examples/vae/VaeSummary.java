package dev.kl4j.examples.vae;

import dev.kl4j.vae.model.VaeConfig;
import dev.kl4j.vae.objective.KlSchedule;
import dev.kl4j.vae.train.EpochMetrics;
import dev.kl4j.vae.train.TrainConfig;
import dev.kl4j.vae.train.VaeTrainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles the keys of {@code summary.json} from a run's final evaluation and history. */
public final class VaeSummary {
    private VaeSummary() {
    }

    /**
     * @param model   model shape
     * @param train   training settings
     * @param eval    final evaluation
     * @param history per-epoch metrics
     * @param extra   more keys for the config section (data directory, threads, ...)
     * @return ordered keys; everything except {@code epoch_seconds}, {@code mean_epoch_seconds} and
     *         {@code rss_mib} is the same for the same seed on the same machine
     */
    public static Map<String, Object> build(VaeConfig model, TrainConfig train, VaeTrainer.Evaluation eval,
            List<EpochMetrics> history, Map<String, Object> extra) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("test_loss", eval.test().loss());
        s.put("test_kl", eval.test().kl());
        s.put("test_recon", eval.test().recon());
        s.put("iwae_nll", eval.iwae().nll());
        s.put("iwae_nll_stderr", eval.iwae().standardError());
        s.put("iwae_samples", eval.iwae().samples());
        s.put("iwae_images", eval.iwae().images());
        s.put("test_loss_on_iwae_images", eval.testOnIwaeImages().loss());
        s.put("active_units", eval.activeUnits());
        s.put("per_dim_kl", eval.test().perDimKl());
        s.put("posterior_mean_variance", eval.posteriorMeanVariance());
        s.put("epochs", history.size());
        s.put("epoch_seconds", history.stream().mapToDouble(EpochMetrics::seconds).toArray());
        s.put("mean_epoch_seconds", history.stream().mapToDouble(EpochMetrics::seconds).average().orElse(Double.NaN));
        s.put("rss_mib", history.stream().mapToDouble(EpochMetrics::rssMib).toArray());
        s.put("seed", train.seed());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("input", model.inputSize());
        config.put("hidden", model.hidden());
        config.put("latent", model.latent());
        config.put("decoder", model.decoder().id());
        config.put("epochs", train.epochs());
        config.put("batch", train.batchSize());
        config.put("lr", train.learningRate());
        KlSchedule schedule = train.klSchedule();
        config.put("beta", schedule.beta());
        config.put("warmup_steps", schedule instanceof KlSchedule.LinearWarmup w ? w.warmupSteps() : 0L);
        config.put("cyclical", schedule instanceof KlSchedule.Cyclical c ? c.cycles() + "," + c.ratio() : null);
        config.put("free_bits", train.freeBits());
        config.put("seed", train.seed());
        config.putAll(extra);
        s.put("config", config);
        return s;
    }
}
