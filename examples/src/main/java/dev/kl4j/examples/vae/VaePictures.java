package dev.kl4j.examples.vae;

import dev.kl4j.core.data.ImageSet;
import dev.kl4j.core.io.AtomicFiles;
import dev.kl4j.vae.model.VaeModel;
import dev.kl4j.vae.train.EpochMetrics;
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
 * The pictures of a VAE run, each a PNG written atomically into the output directory:
 * <ul>
 *   <li>{@code reconstructions.png}: pairs of rows, test inputs above their reconstructions
 *       sigmoid(decode(μ(x)));</li>
 *   <li>{@code samples.png}: decoder means of z ~ N(0, I);</li>
 *   <li>{@code traversals.png}: one row per latent dimension (the 8 with the most KL), that coordinate
 *       swept over −3..3 from the first test image's posterior mean;</li>
 *   <li>{@code latent_map.png}: test posterior means, coloured by class (the two leading principal
 *       components when the latent has more than two dimensions);</li>
 *   <li>{@code learning_curves.png}: train and test −ELBO per epoch; {@code kl_curves.png}: KL and β.</li>
 * </ul>
 */
public final class VaePictures {
    private static final int SCALE = 3;
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};

    /** Fashion-MNIST's class names, label 0 to 9. */
    public static final String[] FASHION_MNIST_CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

    private VaePictures() {
    }

    /**
     * Writes all pictures.
     *
     * @param dir      output directory
     * @param model    the trained model
     * @param test     test images
     * @param perDimKl mean KL per latent dimension (chooses the traversal rows)
     * @param history  per-epoch metrics
     * @param seed     seed for the prior samples
     * @param classNames legend names per label (e.g. {@link #FASHION_MNIST_CLASSES}), or {@code null}
     * @return the files written
     * @throws IOException on write failure
     */
    public static List<Path> writeAll(Path dir, VaeModel model, ImageSet test, double[] perDimKl,
            List<EpochMetrics> history, long seed, String[] classNames) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(reconstructions(dir.resolve("reconstructions.png"), model, test, 16));
        files.add(priorSamples(dir.resolve("samples.png"), model, test, 64, seed));
        files.add(traversals(dir.resolve("traversals.png"), model, test, perDimKl));
        files.add(latentMap(dir.resolve("latent_map.png"), model, test, Math.min(test.count(), 5000), classNames));
        files.addAll(learningCurves(dir, history));
        return files;
    }

    static Path reconstructions(Path file, VaeModel model, ImageSet test, int count) throws IOException {
        int n = Math.min(count, test.count());
        int in = test.imageSize();
        int perRow = 8;
        float[] inputs = java.util.Arrays.copyOf(test.pixels(), n * in);
        float[] recon = model.reconstruct(inputs, n);
        // interleave: a row of inputs, then the row of their reconstructions
        float[] grid = new float[2 * n * in];
        int tiles = 0;
        for (int r0 = 0; r0 < n; r0 += perRow) {
            int m = Math.min(perRow, n - r0);
            System.arraycopy(inputs, r0 * in, grid, tiles * in, m * in);
            tiles += perRow;
            System.arraycopy(recon, r0 * in, grid, tiles * in, m * in);
            tiles += perRow;
        }
        ImageGrid.writePng(ImageGrid.draw(grid, tiles, test.rows(), test.cols(), perRow, SCALE), file);
        return file;
    }

    static Path priorSamples(Path file, VaeModel model, ImageSet shape, int count, long seed) throws IOException {
        int d = model.latent();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] z = new float[count * d];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        float[] x = model.decodeMeans(z, count);
        ImageGrid.writePng(ImageGrid.draw(x, count, shape.rows(), shape.cols(), 8, SCALE), file);
        return file;
    }

    static Path traversals(Path file, VaeModel model, ImageSet test, double[] perDimKl) throws IOException {
        int d = model.latent();
        int rows = Math.min(8, d);
        int steps = 9;
        Integer[] dims = new Integer[d];
        for (int j = 0; j < d; j++) {
            dims[j] = j;
        }
        java.util.Arrays.sort(dims, (a, b) -> Double.compare(perDimKl[b], perDimKl[a]));
        float[] base = model.encodeMeans(java.util.Arrays.copyOf(test.pixels(), test.imageSize()), 1);
        float[] z = new float[rows * steps * d];
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < steps; s++) {
                int off = (r * steps + s) * d;
                System.arraycopy(base, 0, z, off, d);
                z[off + dims[r]] = -3f + 6f * s / (steps - 1);
            }
        }
        float[] x = model.decodeMeans(z, rows * steps);
        ImageGrid.writePng(ImageGrid.draw(x, rows * steps, test.rows(), test.cols(), steps, SCALE), file);
        return file;
    }

    static Path latentMap(Path file, VaeModel model, ImageSet test, int count, String[] classNames)
            throws IOException {
        int d = model.latent();
        float[] mu = model.encodeMeans(java.util.Arrays.copyOf(test.pixels(), count * test.imageSize()), count);
        double[] xy;
        String xTitle;
        String yTitle;
        if (d > 2) {
            xy = Pca.project(mu, count, d, 2);
            xTitle = "principal component 1 of E_q[z]";
            yTitle = "principal component 2 of E_q[z]";
        } else {
            xy = new double[count * 2];
            for (int i = 0; i < count; i++) {
                xy[2 * i] = mu[i * d];
                xy[2 * i + 1] = d == 2 ? mu[i * d + 1] : 0;
            }
            xTitle = "E_q[z_1]";
            yTitle = d == 2 ? "E_q[z_2]" : "";
        }
        XYChart chart = new XYChartBuilder().width(800).height(640)
                .title("Test latent means by class (" + count + " images)").xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        int maxLabel = 0;
        for (int i = 0; i < count; i++) {
            maxLabel = Math.max(maxLabel, test.labels()[i]);
        }
        for (int c = 0; c <= maxLabel; c++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (test.labels()[i] == c) {
                    xs.add(xy[2 * i]);
                    ys.add(xy[2 * i + 1]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            String name = classNames != null && c < classNames.length ? c + " " + classNames[c] : "class " + c;
            XYSeries s = chart.addSeries(name, xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(PALETTE[c % PALETTE.length]);
            s.setLineColor(PALETTE[c % PALETTE.length]);
            s.setFillColor(PALETTE[c % PALETTE.length]);
        }
        writeChart(chart, file);
        return file;
    }

    static List<Path> learningCurves(Path dir, List<EpochMetrics> history) throws IOException {
        double[] epochs = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
        XYChart loss = new XYChartBuilder().width(800).height(500).title("Negative ELBO per epoch")
                .xAxisTitle("epoch").yAxisTitle("nats per image").build();
        loss.getStyler().setChartBackgroundColor(Color.WHITE);
        loss.addSeries("train -ELBO", epochs, history.stream().mapToDouble(EpochMetrics::trainLoss).toArray());
        loss.addSeries("test -ELBO", epochs, history.stream().mapToDouble(EpochMetrics::testLoss).toArray());
        Path lossFile = dir.resolve("learning_curves.png");
        writeChart(loss, lossFile);

        XYChart kl = new XYChartBuilder().width(800).height(500).title("KL(q(z|x) || N(0, I)) and beta per epoch")
                .xAxisTitle("epoch").yAxisTitle("nats per image").build();
        kl.getStyler().setChartBackgroundColor(Color.WHITE);
        kl.addSeries("train KL", epochs, history.stream().mapToDouble(EpochMetrics::trainKl).toArray());
        kl.addSeries("test KL", epochs, history.stream().mapToDouble(EpochMetrics::testKl).toArray());
        XYSeries beta = kl.addSeries("beta (right axis)", epochs, history.stream().mapToDouble(EpochMetrics::beta).toArray());
        beta.setYAxisGroup(1);
        kl.setYAxisGroupTitle(1, "beta");
        kl.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        Path klFile = dir.resolve("kl_curves.png");
        writeChart(kl, klFile);
        return List.of(lossFile, klFile);
    }

    private static void writeChart(XYChart chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.writeBytes(file, png);
    }
}
