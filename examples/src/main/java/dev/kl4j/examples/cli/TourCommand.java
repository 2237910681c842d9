package dev.kl4j.examples.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kl4j.core.discrete.DiscreteDivergences;
import dev.kl4j.core.discrete.DiscreteOptions;
import dev.kl4j.core.discrete.LogBase;
import dev.kl4j.core.djl.DjlDivergences;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.kl.Estimate;
import dev.kl4j.core.kl.Kl;
import dev.kl4j.core.kl.KlEstimators;
import dev.kl4j.core.kl.MonteCarloKl;
import dev.kl4j.core.nd4j.Nd4jDivergences;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.data.DataDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kl4j tour}: a guided tour that runs each part of kl4j once on this machine and says what it
 * shows. Every number printed is computed, none is typed in.
 */
@Command(
        name = "tour",
        mixinStandardHelpOptions = true,
        description = {
            "A guided tour of kl4j: discrete measures, closed forms against Monte Carlo,",
            "the three front ends agreeing, then a short VAE training run.",
        })
public final class TourCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "1", description = "Seed for every random source (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--vae-epochs", defaultValue = "2", description = "Epochs of the VAE part (default: ${DEFAULT-VALUE}).")
    int vaeEpochs;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Fashion-MNIST directory (default: $KL4J_DATA, else /usr/share/datasets/fashion-mnist).")
    String dataDir;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/tour/vae",
            description = "Where the VAE part writes metrics, summary and pictures (default: ${DEFAULT-VALUE}).")
    Path vaeOut;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        discrete();
        closedFormAgainstMonteCarlo();
        frontEndsAgree();
        int status = vae();
        out.println();
        out.println("Next: './kl4j eval --help' (divergences from JSON Lines), './kl4j vae' (the full 10-epoch run),");
        out.println("'./kl4j bench' (JMH benchmarks). Formulas and figures: README.md, core/README.md, vae/README.md.");
        out.flush();
        return status;
    }

    private int vae() {
        section("4. A VAE trained on the ELBO, whose KL term is the core's closed form");
        Path data;
        try {
            data = DataDirectory.resolve(dataDir);
        } catch (InvalidArgumentException e) {
            out.println("skipped: " + Errors.oneLine(e));
            return 0;
        }
        out.printf(Locale.ROOT, "Training the 784-400-20 VAE for %d epochs on %s (the full run is './kl4j vae', 10 epochs).%n",
                vaeEpochs, data);
        out.flush();
        CommandLine vae = new CommandLine(new VaeCommand());
        vae.setOut(out);
        vae.setErr(spec.commandLine().getErr());
        return vae.execute("--epochs", String.valueOf(vaeEpochs), "--seed", String.valueOf(seed),
                "--data-dir", data.toString(), "--out", vaeOut.toString(),
                "--iwae-samples", "100", "--iwae-images", "500", "--overwrite");
    }

    private void section(String title) {
        out.println();
        out.println("== " + title + " ==");
    }

    private void discrete() {
        section("1. Discrete measures on double[] (SciPy semantics)");
        double[] p = {0.1, 0.7, 0.2};
        double[] q = {0.2, 0.6, 0.2};
        out.printf(Locale.ROOT, "p = [0.1, 0.7, 0.2], q = [0.2, 0.6, 0.2]%n");
        out.printf(Locale.ROOT, "  KL(p||q) = %.12f nats   KL(q||p) = %.12f nats  (KL is not symmetric)%n",
                DiscreteDivergences.kl(p, q), DiscreteDivergences.kl(q, p));
        out.printf(Locale.ROOT, "  KL(p||q) = %.12f bits%n",
                DiscreteDivergences.kl(p, q, DiscreteOptions.DEFAULT.withBase(LogBase.TWO)));
        out.printf(Locale.ROOT, "  JS(p,q)  = %.12f nats (<= ln 2 = %.6f); JS distance = %.12f%n",
                DiscreteDivergences.js(p, q), Math.log(2), DiscreteDivergences.jsDistance(p, q));
        out.printf(Locale.ROOT, "  TV = %.6f  Hellinger = %.6f  chi2 = %.6f  Bhattacharyya = %.6f%n",
                DiscreteDivergences.tv(p, q), DiscreteDivergences.hellinger(p, q),
                DiscreteDivergences.chi2(p, q), DiscreteDivergences.bhattacharyya(p, q));
        out.println("Zeros follow SciPy: 0 log 0 = 0, and mass where q = 0 makes KL infinite:");
        double[] a = {0.5, 0.5, 0.0};
        double[] b = {0.25, 0.25, 0.5};
        out.printf(Locale.ROOT, "  KL([.5,.5,0] || [.25,.25,.5]) = %.6f   KL([.25,.25,.5] || [.5,.5,0]) = %s%n",
                DiscreteDivergences.kl(a, b), format(DiscreteDivergences.kl(b, a)));
        out.println("Renyi divergence grows with its order alpha (alpha = 1 is KL):");
        for (double alpha : new double[] {0, 0.5, 1, 2, 10, Double.POSITIVE_INFINITY}) {
            out.printf(Locale.ROOT, "  D_%-8s = %.6f%n", alpha == Double.POSITIVE_INFINITY ? "inf" : String.valueOf(alpha),
                    DiscreteDivergences.renyi(p, q, alpha));
        }
    }

    private void closedFormAgainstMonteCarlo() {
        section("2. Closed forms, checked by Monte Carlo");
        Normal p = new Normal(0, 1);
        Normal q = new Normal(1, 2);
        RandomGenerator rng = new SplittableRandom(seed);
        double exact = Kl.kl(p, q);
        Estimate mc = MonteCarloKl.estimate(p, q, 100_000, rng);
        out.printf(Locale.ROOT, "KL(N(0,1) || N(1,2^2)): closed form %.6f, Monte Carlo %.6f +- %.6f (n = %d)%n",
                exact, mc.value(), mc.standardError(), mc.samples());
        // Schulman's estimators of KL(q||p) from samples x ~ q, with r = p(x)/q(x): k1 = -ln r is unbiased
        // but noisy, k2 = (ln r)^2 / 2 is biased with low variance, k3 = (r - 1) - ln r is unbiased, >= 0
        // and low-variance. The spread per sample (sd / KL) is what decides how many samples you need.
        int n = 10_000;
        out.printf(Locale.ROOT, "Estimating KL(q||p) from %d samples of q = N(0,1) (Schulman's k1, k2, k3):%n", n);
        out.println("  p            true KL    k1 (sd/KL)          k2 (sd/KL)          k3 (sd/KL)");
        Normal base = new Normal(0, 1);
        for (double shift : new double[] {0.1, 1.0}) {
            Normal target = new Normal(shift, 1);
            double[] logRatio = new double[n];
            for (int i = 0; i < n; i++) {
                double[] x = base.sample(rng);
                logRatio[i] = target.logProb(x) - base.logProb(x);
            }
            double truth = Kl.kl(base, target);
            out.printf(Locale.ROOT, "  N(%.1f,1)     %.4f", shift, truth);
            for (Estimate e : new Estimate[] {
                KlEstimators.k1(logRatio), KlEstimators.k2(logRatio), KlEstimators.k3(logRatio)}) {
                double sdPerSample = e.standardError() * Math.sqrt(e.samples());
                out.printf(Locale.ROOT, "     %.4f (%5.2f)", e.value(), sdPerSample / truth);
            }
            out.println();
        }
        out.println("  k1 and k3 are unbiased; k1's spread explodes as p nears q while k3's stays small;");
        out.println("  k2 is biased once p and q are far apart.");
    }

    private void frontEndsAgree() {
        section("3. Three front ends, one meaning");
        RandomGenerator rng = new SplittableRandom(seed);
        int rows = 4;
        int classes = 10;
        float[] a = new float[rows * classes];
        float[] b = new float[rows * classes];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (3 * rng.nextGaussian());
            b[i] = (float) (3 * rng.nextGaussian());
        }
        double[] reference = new double[rows];
        for (int r = 0; r < rows; r++) {
            reference[r] = DiscreteDivergences.kl(softmax(a, r, classes), softmax(b, r, classes));
        }
        float[] djl;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray la = manager.create(a).reshape(rows, classes);
            NDArray lb = manager.create(b).reshape(rows, classes);
            djl = DjlDivergences.klFromLogits(la, lb).toFloatArray();
        }
        INDArray na = Nd4j.create(a, new long[] {rows, classes}).castTo(DataType.FLOAT);
        INDArray nb = Nd4j.create(b, new long[] {rows, classes}).castTo(DataType.FLOAT);
        double[] nd4j = Nd4jDivergences.klFromLogits(na, nb).toDoubleVector();
        out.println("KL(softmax(a) || softmax(b)) for 4 random rows of 10 logits:");
        out.println("      double[] (exact)     DJL float32       ND4J float32");
        for (int r = 0; r < rows; r++) {
            out.printf(Locale.ROOT, "  %d   %.10f   %.8f   %.8f%n", r, reference[r], djl[r], nd4j[r]);
        }
    }

    private static String format(double value) {
        return Double.isInfinite(value) ? (value > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%.6f", value);
    }

    private static double[] softmax(float[] logits, int row, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            max = Math.max(max, logits[row * classes + j]);
        }
        double[] p = new double[classes];
        double sum = 0;
        for (int j = 0; j < classes; j++) {
            p[j] = Math.exp(logits[row * classes + j] - max);
            sum += p[j];
        }
        for (int j = 0; j < classes; j++) {
            p[j] /= sum;
        }
        return p;
    }
}
