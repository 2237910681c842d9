package dev.kl4j.examples.tour;

import static dev.kl4j.examples.tour.TourPrinter.value;

import dev.kl4j.core.io.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Part 6: fitting one Gaussian q = N(μ, σ²) to the two-mode mixture p = ½N(−2, 0.6²) + ½N(2, 0.6²).
 * Minimising the forward KL(p‖q) matches moments (μ = E_p[x], σ² = Var_p[x]: it covers both modes);
 * minimising the reverse KL(q‖p) = −H(q) − E_q[ln p] picks one mode (Bishop, <i>Pattern Recognition and
 * Machine Learning</i>, 2006, §10.1.2, Fig. 10.3). The reverse fit is found numerically: the expectation
 * by the trapezoid rule on μ ± 12σ, the minimum by Nelder–Mead from μ = −3, −1, 1, 3 with σ = 1 (the best of
 * the four: a broad q centred between the modes is a stationary point too).
 */
final class ForwardReverseTour {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    static final String PICTURE = "forward_vs_reverse.png";
    static final double MODE = 2.0;
    static final double MODE_SD = 0.6;

    private final TourPrinter say;
    private final TourSettings settings;

    ForwardReverseTour(TourPrinter say, TourSettings settings) {
        this.say = say;
        this.settings = settings;
    }

    /** The mixture's density. */
    static double mixture(double x) {
        return 0.5 * normalDensity(x, -MODE, MODE_SD) + 0.5 * normalDensity(x, MODE, MODE_SD);
    }

    /** ln p(x) as a log-sum-exp of the two components, finite where the density underflows. */
    static double logMixture(double x) {
        double a = logNormalDensity(x, -MODE, MODE_SD);
        double b = logNormalDensity(x, MODE, MODE_SD);
        double max = Math.max(a, b);
        return Math.log(0.5) + max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    static double normalDensity(double x, double mu, double sigma) {
        return Math.exp(logNormalDensity(x, mu, sigma));
    }

    static double logNormalDensity(double x, double mu, double sigma) {
        double z = (x - mu) / sigma;
        return -0.5 * z * z - Math.log(sigma * Math.sqrt(2 * Math.PI));
    }

    /** KL(q‖p) for q = N(μ, σ²): −½ ln(2πe σ²) − ∫ q ln p, the integral by the trapezoid rule on μ ± 12σ. */
    static double reverseKl(double mu, double sigma) {
        double crossEntropy = -integrate(x -> normalDensity(x, mu, sigma) * logMixture(x),
                mu - 12 * sigma, mu + 12 * sigma, 4000);
        return crossEntropy - 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
    }

    /** KL(p‖q) for q = N(μ, σ²), by the trapezoid rule on [−15, 15], where p's mass lies. */
    static double forwardKl(double mu, double sigma) {
        return integrate(x -> {
            double logP = logMixture(x);
            return Math.exp(logP) * (logP - logNormalDensity(x, mu, sigma));
        }, -15, 15, 6000);
    }

    void run(List<Path> pictures) throws IOException {
        say.section("6. Forward against reverse KL: fitting one Gaussian to two modes");
        say.line("p = 1/2 N(-2, 0.6^2) + 1/2 N(2, 0.6^2); q = N(mu, sigma^2).");
        // argmin_q KL(p||q) over Gaussians: the moments of p.
        double forwardMu = 0;
        double forwardSigma = Math.sqrt(MODE_SD * MODE_SD + MODE * MODE);
        // The reverse objective has a saddle between the modes; start from four places and keep the best.
        double[] reverse = null;
        double best = Double.POSITIVE_INFINITY;
        for (double start : new double[] {-3, -1, 1, 3}) {
            double[] found = nelderMead(v -> reverseKl(v[0], Math.exp(v[1])), new double[] {start, 0.0});
            double value = reverseKl(found[0], Math.exp(found[1]));
            if (value < best - 1e-9) {
                best = value;
                reverse = found;
            }
        }
        double reverseMu = reverse[0];
        double reverseSigma = Math.exp(reverse[1]);
        say.line("  min KL(p||q), mass covering: mu = %s, sigma = %s (the moments of p)   KL(p||q) = %s",
                value(forwardMu), value(forwardSigma), value(forwardKl(forwardMu, forwardSigma)));
        say.line("  min KL(q||p), mode seeking:  mu = %s, sigma = %s (one mode)          KL(q||p) = %s",
                value(reverseMu), value(reverseSigma), value(reverseKl(reverseMu, reverseSigma)));
        say.line("  Each fit is poor by the other's measure: KL(q||p) of the covering fit = %s,",
                value(reverseKl(forwardMu, forwardSigma)));
        say.line("  KL(p||q) of the mode-seeking fit = %s. The mode-seeking fit's KL(q||p) is close to ln 2 = %s:",
                value(forwardKl(reverseMu, reverseSigma)), value(Math.log(2)));
        say.line("  q puts all its mass where p has half of its own.");
        Path picture = settings.out().resolve(PICTURE);
        write(picture, forwardMu, forwardSigma, reverseMu, reverseSigma);
        pictures.add(picture);
        say.line("  picture: %s", picture);
        say.line("  Variational inference (the VAE's ELBO) minimises the reverse direction; maximum likelihood and");
        say.line("  distillation with the forward KL minimise the forward one.");
    }

    private static void write(Path file, double fMu, double fSigma, double rMu, double rSigma) throws IOException {
        int n = 601;
        double[] x = new double[n];
        double[] p = new double[n];
        double[] f = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -6 + 12.0 * i / (n - 1);
            p[i] = mixture(x[i]);
            f[i] = normalDensity(x[i], fMu, fSigma);
            r[i] = normalDensity(x[i], rMu, rSigma);
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("One Gaussian fitted to two modes").xAxisTitle("x").yAxisTitle("density").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        addLine(chart, "p: the mixture", x, p, Color.BLACK);
        addLine(chart, "argmin KL(p||q): covers both modes", x, f, new Color(31, 119, 180));
        addLine(chart, "argmin KL(q||p): seeks one mode", x, r, new Color(214, 39, 40));
        AtomicFiles.writeBytes(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    private static void addLine(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
    }

    /** Composite trapezoid rule with {@code n} intervals. */
    static double integrate(DoubleUnaryOperator f, double a, double b, int n) {
        double h = (b - a) / n;
        double sum = 0.5 * (f.applyAsDouble(a) + f.applyAsDouble(b));
        for (int i = 1; i < n; i++) {
            sum += f.applyAsDouble(a + i * h);
        }
        return sum * h;
    }

    /**
     * Nelder–Mead simplex minimisation in two dimensions (reflection 1, expansion 2, contraction ½,
     * shrink ½; Nelder and Mead 1965), from {@code start} with steps of 0.5, until the simplex's values
     * agree to 1e-12 or 500 iterations.
     */
    static double[] nelderMead(ToDoubleFunction<double[]> f, double[] start) {
        double[][] s = {start.clone(), {start[0] + 0.5, start[1]}, {start[0], start[1] + 0.5}};
        double[] v = {f.applyAsDouble(s[0]), f.applyAsDouble(s[1]), f.applyAsDouble(s[2])};
        for (int iteration = 0; iteration < 500; iteration++) {
            sort(s, v);
            if (Math.abs(v[2] - v[0]) <= 1e-12 * (1 + Math.abs(v[0]))) {
                break;
            }
            double[] centroid = {(s[0][0] + s[1][0]) / 2, (s[0][1] + s[1][1]) / 2};
            double[] reflected = along(centroid, s[2], -1);
            double fr = f.applyAsDouble(reflected);
            if (fr < v[0]) {
                double[] expanded = along(centroid, s[2], -2);
                double fe = f.applyAsDouble(expanded);
                s[2] = fe < fr ? expanded : reflected;
                v[2] = Math.min(fe, fr);
            } else if (fr < v[1]) {
                s[2] = reflected;
                v[2] = fr;
            } else {
                double[] contracted = along(centroid, s[2], 0.5);
                double fc = f.applyAsDouble(contracted);
                if (fc < v[2]) {
                    s[2] = contracted;
                    v[2] = fc;
                } else {
                    for (int i = 1; i < 3; i++) {
                        s[i] = along(s[0], s[i], 0.5);
                        v[i] = f.applyAsDouble(s[i]);
                    }
                }
            }
        }
        sort(s, v);
        return s[0];
    }

    /** c + t (x − c). */
    private static double[] along(double[] c, double[] x, double t) {
        return new double[] {c[0] + t * (x[0] - c[0]), c[1] + t * (x[1] - c[1])};
    }

    private static void sort(double[][] s, double[] v) {
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                if (v[j] < v[i]) {
                    double tv = v[i];
                    v[i] = v[j];
                    v[j] = tv;
                    double[] ts = s[i];
                    s[i] = s[j];
                    s[j] = ts;
                }
            }
        }
    }
}
