package dev.kl4j.examples.vae;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kl4j.core.io.AtomicFiles;
import dev.kl4j.vae.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code metrics.csv} and {@code summary.json} of a run, atomically. */
public final class RunFiles {
    /** Header of {@code metrics.csv}. */
    public static final String METRICS_HEADER =
            "epoch,train_loss,train_kl,train_recon,test_loss,test_kl,test_recon,beta,seconds,rss_mib";

    private RunFiles() {
    }

    /**
     * One row per epoch, plain numbers.
     *
     * @param file    target
     * @param history epochs
     * @throws IOException on write failure
     */
    public static void writeMetrics(Path file, List<EpochMetrics> history) throws IOException {
        StringBuilder sb = new StringBuilder(METRICS_HEADER).append('\n');
        for (EpochMetrics e : history) {
            sb.append(e.epoch()).append(',')
                    .append(num(e.trainLoss())).append(',').append(num(e.trainKl())).append(',')
                    .append(num(e.trainRecon())).append(',').append(num(e.testLoss())).append(',')
                    .append(num(e.testKl())).append(',').append(num(e.testRecon())).append(',')
                    .append(num(e.beta())).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", e.seconds())).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", e.rssMib())).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /**
     * Pretty-printed JSON of an ordered map.
     *
     * @param file    target
     * @param summary keys and values (numbers, strings, arrays, nested maps)
     * @throws IOException on write failure
     */
    public static void writeSummary(Path file, Map<String, Object> summary) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.writeBytes(file, mapper.writeValueAsBytes(summary));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
