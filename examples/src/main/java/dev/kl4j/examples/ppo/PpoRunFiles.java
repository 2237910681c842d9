package dev.kl4j.examples.ppo;

import dev.kl4j.core.io.AtomicFiles;
import dev.kl4j.examples.vae.RunFiles;
import dev.kl4j.ppo.train.EvalResult;
import dev.kl4j.ppo.train.PpoConfig;
import dev.kl4j.ppo.train.UpdateMetrics;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes a PPO run's files, each atomically: {@code metrics.csv} (one row per update, the columns of
 * {@link UpdateMetrics#COLUMNS}), {@code summary.json}, {@code returns.png} (recent training return and
 * evaluation returns against environment steps) and {@code kl.png} (KL(π_old ‖ π_new) per update: the
 * exact closed form beside the estimators k1 and k3).
 */
public final class PpoRunFiles {
    private PpoRunFiles() {
    }

    /**
     * @param file    target
     * @param history per-update metrics
     * @throws IOException on write failure
     */
    public static void writeMetrics(Path file, List<UpdateMetrics> history) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", UpdateMetrics.COLUMNS)).append('\n');
        for (UpdateMetrics m : history) {
            double[] v = m.values();
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(v[i] == Math.rint(v[i]) && Math.abs(v[i]) < 1e15 ? Long.toString((long) v[i])
                        : Double.isNaN(v[i]) ? "nan" : String.format(Locale.ROOT, "%.8g", v[i]));
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /**
     * The summary's keys: env, algo, steps, eval_return_mean, eval_return_std, eval_episodes,
     * steps_to_threshold (null if never reached), threshold, wall_seconds, steps_per_second, seed, updates,
     * final KL figures and the settings.
     *
     * @param config          the run's settings
     * @param eval            the final evaluation
     * @param history         per-update metrics
     * @param stepsToThreshold first step at which an evaluation reached the threshold, or -1
     * @param wallSeconds     training wall time (sum over updates, across resumes)
     * @return the ordered map
     */
    public static Map<String, Object> summary(PpoConfig config, EvalResult eval, List<UpdateMetrics> history,
            long stepsToThreshold, double wallSeconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        long steps = history.isEmpty() ? 0 : history.get(history.size() - 1).steps();
        s.put("env", config.env());
        s.put("algo", config.algorithm().cliName());
        s.put("steps", steps);
        s.put("eval_return_mean", eval.mean());
        s.put("eval_return_std", eval.std());
        s.put("eval_episodes", eval.episodes());
        s.put("threshold", PpoConfig.solvedThreshold(config.env()));
        s.put("steps_to_threshold", stepsToThreshold < 0 ? null : stepsToThreshold);
        s.put("wall_seconds", wallSeconds);
        s.put("steps_per_second", wallSeconds > 0 ? steps / wallSeconds : null);
        s.put("seed", config.seed());
        s.put("updates", history.size());
        if (!history.isEmpty()) {
            UpdateMetrics last = history.get(history.size() - 1);
            s.put("final_recent_return", finite(last.recentReturn()));
            s.put("final_kl_exact", finite(last.klExact()));
            s.put("final_kl_k1", finite(last.klK1()));
            s.put("final_kl_k3", finite(last.klK3()));
        }
        s.put("settings", config.settings());
        return s;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * @param file    target
     * @param summary the map from {@link #summary}
     * @throws IOException on write failure
     */
    public static void writeSummary(Path file, Map<String, Object> summary) throws IOException {
        RunFiles.writeSummary(file, summary);
    }

    /**
     * Writes {@code returns.png} and {@code kl.png}.
     *
     * @param dir     output folder
     * @param title   e.g. "CartPole-v1, ppo-clip, seed 1"
     * @param history per-update metrics
     * @return the files
     * @throws IOException on write failure
     */
    public static List<Path> writePictures(Path dir, String title, List<UpdateMetrics> history) throws IOException {
        List<Path> files = new ArrayList<>();
        if (history.isEmpty()) {
            return files;
        }
        double[] steps = history.stream().mapToDouble(m -> m.steps() / 1000.0).toArray();
        XYChart returns = chart("Return, " + title, "environment steps (thousands)", "undiscounted return");
        double[][] recent = finitePoints(steps, history.stream().mapToDouble(UpdateMetrics::recentReturn).toArray());
        if (recent[0].length > 0) {
            returns.addSeries("training (last 100 episodes)", recent[0], recent[1]).setMarker(SeriesMarkers.NONE);
        }
        double[][] eval = finitePoints(steps, history.stream().mapToDouble(UpdateMetrics::evalReturn).toArray());
        if (eval[0].length > 0) {
            returns.addSeries("evaluation (deterministic)", eval[0], eval[1]).setMarker(SeriesMarkers.CIRCLE);
        }
        files.add(write(returns, dir.resolve("returns.png")));

        XYChart kl = chart("KL(pi_old || pi_new) per update, " + title, "environment steps (thousands)", "nats");
        kl.addSeries("k1 = -log r", steps, history.stream().mapToDouble(UpdateMetrics::klK1).toArray())
                .setMarker(SeriesMarkers.NONE);
        kl.addSeries("k3 = (r - 1) - log r", steps, history.stream().mapToDouble(UpdateMetrics::klK3).toArray())
                .setMarker(SeriesMarkers.NONE);
        // drawn last, on top: the closed form the estimators approximate
        kl.addSeries("exact (closed form)", steps, history.stream().mapToDouble(UpdateMetrics::klExact).toArray())
                .setMarker(SeriesMarkers.NONE).setLineWidth(1.5f);
        files.add(write(kl, dir.resolve("kl.png")));
        return files;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setXAxisDecimalPattern("#,##0");
        c.getStyler().setXAxisTickMarkSpacingHint(120);
        c.getStyler().setXAxisLabelRotation(90);
        return c;
    }

    private static double[][] finitePoints(double[] x, double[] y) {
        int n = 0;
        for (double v : y) {
            if (Double.isFinite(v)) {
                n++;
            }
        }
        double[][] out = new double[2][n];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                out[0][k] = x[i];
                out[1][k++] = y[i];
            }
        }
        return out;
    }

    private static Path write(XYChart chart, Path file) throws IOException {
        AtomicFiles.writeBytes(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        return file;
    }
}
