package dev.kl4j.examples.distillation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kl4j.core.io.AtomicFiles;
import dev.kl4j.distillation.train.EpochMetrics;
import dev.kl4j.distillation.train.RunResult;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The files of a {@code kl4j distill} run: {@code metrics.csv} (one row per loss, seed and epoch),
 * {@code summary.json}, {@code results.md} and two PNG bar charts (test accuracy per loss, agreement
 * with the teacher per loss, each the mean over seeds with the standard deviation as error bar). The bar
 * chart and the mean and standard deviation over seeds are public for experiment 2 ({@code kl4j distill-text}).
 */
public final class DistillationReport {
    /** One student run. */
    record StudentRun(String loss, long seed, RunResult result) {
    }

    /** The aggregate over seeds of one loss. */
    record LossSummary(String loss, double accuracyMean, double accuracyStd, double agreementMean, double agreementStd,
            List<Long> seeds, double epochSeconds) {
    }

    private DistillationReport() {
    }

    static void writeMetrics(Path file, List<StudentRun> runs) throws IOException {
        StringBuilder csv = new StringBuilder("loss,seed,epoch,train_loss,test_accuracy,agreement_with_teacher,epoch_seconds\n");
        for (StudentRun run : runs) {
            for (EpochMetrics m : run.result().epochs()) {
                csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%.6f,%.6f,%.4f%n", run.loss(), run.seed(), m.epoch(),
                        m.trainLoss(), m.testAccuracy(), m.teacherAgreement(), m.seconds()));
            }
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    static List<LossSummary> summarise(List<StudentRun> runs) {
        Map<String, List<StudentRun>> byLoss = new LinkedHashMap<>();
        for (StudentRun run : runs) {
            byLoss.computeIfAbsent(run.loss(), k -> new ArrayList<>()).add(run);
        }
        List<LossSummary> out = new ArrayList<>();
        byLoss.forEach((loss, list) -> {
            double[] accuracy = list.stream().mapToDouble(r -> r.result().last().testAccuracy()).toArray();
            double[] agreement = list.stream().mapToDouble(r -> r.result().last().teacherAgreement()).toArray();
            double seconds = list.stream().mapToDouble(r -> r.result().meanEpochSeconds()).average().orElse(Double.NaN);
            out.add(new LossSummary(loss, mean(accuracy), std(accuracy), mean(agreement), std(agreement),
                    list.stream().map(StudentRun::seed).toList(), seconds));
        });
        return out;
    }

    static void writeSummary(Path file, Map<String, Object> header, List<LossSummary> summaries) throws IOException {
        List<Map<String, Object>> results = new ArrayList<>();
        for (LossSummary s : summaries) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("loss", s.loss());
            r.put("student_accuracy_mean", s.accuracyMean());
            r.put("student_accuracy_std", s.accuracyStd());
            r.put("agreement_with_teacher_mean", s.agreementMean());
            r.put("agreement_with_teacher_std", s.agreementStd());
            r.put("seeds", s.seeds());
            r.put("epoch_seconds", s.epochSeconds());
            results.add(r);
        }
        writeSummaryJson(file, header, results);
    }

    /**
     * Writes {@code summary.json} atomically: the header's keys, then {@code "results"}, indented.
     *
     * @param file    the file
     * @param header  run-level keys, in order
     * @param results one map per loss, in order
     * @throws IOException if the file cannot be written
     */
    public static void writeSummaryJson(Path file, Map<String, Object> header, List<Map<String, Object>> results)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>(header);
        json.put("results", results);
        AtomicFiles.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json) + "\n");
    }

    /**
     * {@return a progress bar on standard error, or null when {@code show} is false}
     *
     * @param show  whether to show one
     * @param task  its name
     * @param steps its length
     */
    public static ProgressBar progressBar(boolean show, String task, long steps) {
        if (!show) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500).build();
    }

    static String markdownTable(double teacherAccuracy, List<LossSummary> summaries) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Teacher test accuracy: %.2f%%%n%n", 100 * teacherAccuracy));
        md.append("| loss | student accuracy (%) | agreement with teacher (%) | seeds | s/epoch |\n");
        md.append("|---|---|---|---|---|\n");
        for (LossSummary s : summaries) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f ± %.2f | %.2f ± %.2f | %d | %.2f |%n", s.loss(),
                    100 * s.accuracyMean(), 100 * s.accuracyStd(), 100 * s.agreementMean(), 100 * s.agreementStd(),
                    s.seeds().size(), s.epochSeconds()));
        }
        return md.toString();
    }

    static List<Path> writePictures(Path dir, double teacherAccuracy, List<LossSummary> summaries) throws IOException {
        List<String> names = summaries.stream().map(LossSummary::loss).toList();
        Path accuracyFile = dir.resolve("accuracy_per_loss.png");
        bars(accuracyFile, "Student test accuracy per loss (teacher " + String.format(Locale.ROOT, "%.2f%%)", 100 * teacherAccuracy),
                "accuracy (%)", names, summaries.stream().map(s -> 100 * s.accuracyMean()).toList(),
                summaries.stream().map(s -> 100 * s.accuracyStd()).toList());
        Path agreementFile = dir.resolve("agreement_per_loss.png");
        bars(agreementFile, "Agreement of the student's class with the teacher's (test set)", "agreement (%)", names,
                summaries.stream().map(s -> 100 * s.agreementMean()).toList(),
                summaries.stream().map(s -> 100 * s.agreementStd()).toList());
        return List.of(accuracyFile, agreementFile);
    }

    /**
     * A PNG bar chart, one bar per name with an error bar; the y axis starts 5 below the lowest bar (at least 0).
     *
     * @param file   the PNG
     * @param title  chart title
     * @param yTitle y-axis title
     * @param names  bar names
     * @param values bar heights
     * @param errors error-bar half-widths
     * @throws IOException if the file cannot be written
     */
    public static void bars(Path file, String title, String yTitle, List<String> names, List<Double> values,
            List<Double> errors) throws IOException {
        double low = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        bars(file, title, yTitle, names, values, errors, Math.max(0, Math.floor(low - 5)));
    }

    /**
     * A PNG bar chart, one bar per name with an error bar, the y axis starting at {@code yAxisMin}.
     *
     * @param file     the PNG
     * @param title    chart title
     * @param yTitle   y-axis title
     * @param names    bar names
     * @param values   bar heights
     * @param errors   error-bar half-widths
     * @param yAxisMin where the y axis starts
     * @throws IOException if the file cannot be written
     */
    public static void bars(Path file, String title, String yTitle, List<String> names, List<Double> values,
            List<Double> errors, double yAxisMin) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("loss").yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(yAxisMin);
        int longestName = names.stream().mapToInt(String::length).max().orElse(0);
        if (longestName * 9 > 700 / Math.max(1, names.size())) {
            chart.getStyler().setXAxisLabelRotation(30); // names wider than their bars would overlap
        }
        chart.addSeries("mean over seeds", names, values, errors);
        AtomicFiles.writeBytes(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * {@return their mean; NaN for none}
     *
     * @param x values
     */
    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    /**
     * {@return their sample standard deviation (n − 1); 0 for a single value}
     *
     * @param x values
     */
    public static double std(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
