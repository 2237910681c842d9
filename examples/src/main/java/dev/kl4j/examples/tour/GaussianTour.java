package dev.kl4j.examples.tour;

import static dev.kl4j.examples.tour.TourPrinter.value;

import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.io.AtomicFiles;
import dev.kl4j.core.kl.Estimate;
import dev.kl4j.core.kl.Kl;
import dev.kl4j.core.kl.KlEstimators;
import dev.kl4j.core.kl.MonteCarloKl;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Part 5: the closed form KL(N(0,1) ‖ N(1,2²)) = ln 2 + (1 + 1)/8 − ½ against its Monte Carlo estimate
 * as the sample count grows (picture with the ±2 standard-error band), and Schulman's experiment with the
 * estimators k1 = −ln r, k2 = ½(ln r)², k3 = (r − 1) − ln r of KL(q‖p) from x ~ q, r = p(x)/q(x)
 * (J. Schulman, "Approximating KL Divergence", 2020): q = N(0,1), p = N(0.1,1) and p = N(1,1).
 */
final class GaussianTour {
    /** Width and height of the picture, pixels. */
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    static final String PICTURE = "mc_convergence.png";

    private final TourPrinter say;
    private final TourSettings settings;

    GaussianTour(TourPrinter say, TourSettings settings) {
        this.say = say;
        this.settings = settings;
    }

    List<Path> run() throws IOException {
        say.section("5. Gaussians: closed form against Monte Carlo, and the k1/k2/k3 estimators");
        Normal p = Normal.of(0, 1);
        Normal q = Normal.of(1, 2);
        double exact = Kl.kl(p, q);
        say.line("KL(N(0,1) || N(1,2^2)) = ln 2 + (1 + 1)/8 - 1/2 = %s (closed form).", value(exact));
        say.line("  samples    Monte Carlo    +- 2 s.e.     |error| / s.e.");
        int largest = settings.quick() ? 10_000 : 1_000_000;
        List<Double> counts = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> lows = new ArrayList<>();
        List<Double> highs = new ArrayList<>();
        // Sample counts 10, 20, 50, 100, ... for the picture; the table shows the powers of ten.
        for (int decade = 10; decade <= largest; decade *= 10) {
            for (int multiple : decade == largest ? new int[] {1} : new int[] {1, 2, 5}) {
                int n = decade * multiple;
                Estimate e = MonteCarloKl.estimate(p, q, n, new SplittableRandom(settings.seed() + n));
                if (multiple == 1) {
                    say.line("  %8d   %s       %s      %.2f", n, value(e.value()), value(2 * e.standardError()),
                            Math.abs(e.value() - exact) / e.standardError());
                }
                counts.add((double) n);
                means.add(e.value());
                lows.add(e.value() - 2 * e.standardError());
                highs.add(e.value() + 2 * e.standardError());
            }
        }
        say.line("  The error shrinks as 1/sqrt(n) and stays within a few standard errors: the estimate is");
        say.line("  unbiased, the closed form exact.");
        Path picture = settings.out().resolve(PICTURE);
        writeConvergence(picture, exact, counts, means, lows, highs);
        say.line("  picture: %s", picture);

        int n = settings.quick() ? 100_000 : 500_000;
        say.line("Schulman's experiment: estimate KL(q||p) from %d samples x ~ q = N(0,1), r = p(x)/q(x).", n);
        say.line("  p          true KL   estimator   bias/true   stdev/true");
        for (double shift : new double[] {0.1, 1.0}) {
            Normal target = Normal.of(shift, 1);
            Normal base = Normal.standard();
            SplittableRandom rng = new SplittableRandom(settings.seed());
            double[] logRatio = new double[n];
            for (int i = 0; i < n; i++) {
                double[] x = base.sample(rng);
                logRatio[i] = target.logProb(x) - base.logProb(x);
            }
            double truth = Kl.kl(base, target);
            Estimate[] estimates = {KlEstimators.k1(logRatio), KlEstimators.k2(logRatio), KlEstimators.k3(logRatio)};
            String[] names = {"k1", "k2", "k3"};
            for (int k = 0; k < 3; k++) {
                double sdPerSample = estimates[k].standardError() * Math.sqrt(estimates[k].samples());
                say.line("  %-10s %-9s %-11s %+.4f     %.2f", k == 0 ? String.format(java.util.Locale.ROOT,
                        "N(%.1f,1)", shift) : "", k == 0 ? String.format(java.util.Locale.ROOT, "%.4f", truth) : "",
                        names[k], (estimates[k].value() - truth) / truth, sdPerSample / truth);
            }
        }
        say.line("  k1 and k3 are unbiased, but k1's spread is 20x the KL when p is near q, k3's 1.4x;");
        say.line("  k2 is as quiet as k3 and biased once p and q are far apart. PPO logs k1 and k3 for this reason.");
        return List.of(picture);
    }

    private static void writeConvergence(Path file, double exact, List<Double> counts, List<Double> means,
            List<Double> lows, List<Double> highs) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Monte Carlo KL(N(0,1) || N(1,4)) against the closed form")
                .xAxisTitle("samples n").yAxisTitle("KL, nats").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        XYSeries high = chart.addSeries("estimate + 2 s.e.", counts, highs);
        high.setMarker(SeriesMarkers.NONE);
        high.setLineColor(new Color(160, 190, 230));
        XYSeries low = chart.addSeries("estimate - 2 s.e.", counts, lows);
        low.setMarker(SeriesMarkers.NONE);
        low.setLineColor(new Color(160, 190, 230));
        XYSeries mean = chart.addSeries("Monte Carlo estimate", counts, means);
        mean.setLineColor(new Color(31, 119, 180));
        mean.setMarkerColor(new Color(31, 119, 180));
        List<Double> flat = new ArrayList<>();
        counts.forEach(c -> flat.add(exact));
        XYSeries line = chart.addSeries("closed form", counts, flat);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(new Color(214, 39, 40));
        AtomicFiles.writeBytes(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
