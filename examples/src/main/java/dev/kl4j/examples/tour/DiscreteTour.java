package dev.kl4j.examples.tour;

import static dev.kl4j.examples.tour.TourPrinter.value;

import dev.kl4j.core.discrete.DiscreteDivergences;
import dev.kl4j.core.discrete.DiscreteOptions;
import dev.kl4j.core.discrete.LogBase;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.kl.Kl;
import java.util.SplittableRandom;

/**
 * Parts 1–4 of the tour, on probability vectors: what KL is and is not, what zeros do, its properties
 * checked live, and how it compares with JS, Wasserstein-1 and cross-entropy. Conventions are SciPy's
 * ({@code scipy.special.rel_entr}, {@code scipy.spatial.distance.jensenshannon}): 0·ln 0 = 0 and
 * p &gt; 0 where q = 0 gives +∞.
 */
final class DiscreteTour {
    private static final double[] P = {0.1, 0.7, 0.2};
    private static final double[] Q = {0.2, 0.6, 0.2};
    private static final double[] SHIFT_P = {0.30, 0.50, 0.20};
    private static final double[] SHIFT_Q = {0.25, 0.55, 0.20};

    private final TourPrinter say;
    private final long seed;

    DiscreteTour(TourPrinter say, long seed) {
        this.say = say;
        this.seed = seed;
    }

    void run() {
        basics();
        zeros();
        properties();
        comparison();
    }

    private void basics() {
        say.section("1. KL divergence: KL(P||Q) = sum_i p_i ln(p_i / q_i)");
        say.line("P = [0.1, 0.7, 0.2], Q = [0.2, 0.6, 0.2]");
        double pq = DiscreteDivergences.kl(P, Q);
        double qp = DiscreteDivergences.kl(Q, P);
        say.line("  KL(P||Q) = %s nats = %s bits    KL(Q||P) = %s nats   (not symmetric)", value(pq),
                value(DiscreteDivergences.kl(P, Q, DiscreteOptions.DEFAULT.withBase(LogBase.TWO))), value(qp));
        say.line("  Tutorials often print 0.044 for KL(P||Q); it is %.4f nats.", pq);
        double[] a = {0.9, 0.1};
        double[] b = {0.8, 0.2};
        double ab = DiscreteDivergences.kl(a, b);
        say.line("P = [0.9, 0.1], Q = [0.8, 0.2]");
        say.line("  KL(P||Q) = %s nats    KL(Q||P) = %s nats", value(ab), value(DiscreteDivergences.kl(b, a)));
        say.line("  Tutorials often print 0.08 for KL(P||Q); it is %.4f nats.", ab);
        say.line("A distribution shift, P = [0.30, 0.50, 0.20] (before) and Q = [0.25, 0.55, 0.20] (after):");
        say.line("  KL(P||Q) = %s   KL(Q||P) = %s   JS(P,Q) = %s nats   JS distance = %s",
                value(DiscreteDivergences.kl(SHIFT_P, SHIFT_Q)), value(DiscreteDivergences.kl(SHIFT_Q, SHIFT_P)),
                value(DiscreteDivergences.js(SHIFT_P, SHIFT_Q)), value(DiscreteDivergences.jsDistance(SHIFT_P, SHIFT_Q)));
        say.line("  JS is symmetric and bounded; scipy.spatial.distance.jensenshannon returns the distance sqrt(JS).");
    }

    private void zeros() {
        say.section("2. Zero probabilities: KL is +inf where Q misses mass that P has");
        double[] p = {0.2, 0.5, 0.3};
        double[] q = {0.4, 0.6, 0.0};
        say.line("P = [0.2, 0.5, 0.3], Q = [0.4, 0.6, 0.0]");
        say.line("  KL(P||Q) = %s (0.3 ln(0.3/0) = +inf)    KL(Q||P) = %s (0 ln 0 = 0)",
                value(DiscreteDivergences.kl(p, q)), value(DiscreteDivergences.kl(q, p)));
        say.line("A silent epsilon-clip, q -> max(q, eps) without renormalising, turns +inf into a number that");
        say.line("depends only on eps:");
        for (double eps : new double[] {1e-10, 1e-6, 1e-3}) {
            say.line("  eps = %-6s KL = %s", shortNumber(eps), value(clippedKl(p, q, eps)));
        }
        say.line("Explicit renormalising smoothing, (x + s) / (1 + K s) on both P and Q, is an assumption you state:");
        for (double s : new double[] {1e-3, 1e-2}) {
            say.line("  s = %-6s KL = %s", shortNumber(s),
                    value(DiscreteDivergences.kl(p, q, DiscreteOptions.DEFAULT.withSmoothing(s))));
        }
    }

    /** Σ p ln(p / max(q, ε)): the clip many codes apply, written out here to show what it does. */
    static double clippedKl(double[] p, double[] q, double eps) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                sum += p[i] * Math.log(p[i] / Math.max(q[i], eps));
            }
        }
        return sum;
    }

    private void properties() {
        say.section("3. Properties, checked on this run");
        SplittableRandom rng = new SplittableRandom(seed);
        double smallest = Double.POSITIVE_INFINITY;
        int pairs = 10_000;
        for (int i = 0; i < pairs; i++) {
            smallest = Math.min(smallest, DiscreteDivergences.kl(randomSimplex(rng, 5), randomSimplex(rng, 5)));
        }
        say.line("Non-negative (Gibbs): the smallest KL over %d random pairs of 5 outcomes is %s >= 0.", pairs,
                value(smallest));
        double cross = DiscreteDivergences.crossEntropy(P, Q);
        double entropy = DiscreteDivergences.entropy(P);
        say.line("KL(P||Q) = H(P,Q) - H(P): %s - %s = %s; KL(P||Q) = %s.", value(cross), value(entropy),
                value(cross - entropy), value(DiscreteDivergences.kl(P, Q)));
        double[] x = {0.9, 0.1};
        double[] y = {0.5, 0.5};
        double[] z = {0.1, 0.9};
        double xy = DiscreteDivergences.kl(x, y);
        double yz = DiscreteDivergences.kl(y, z);
        double xz = DiscreteDivergences.kl(x, z);
        say.line("No triangle inequality: P = [0.9, 0.1], Q = [0.5, 0.5], R = [0.1, 0.9]:");
        say.line("  KL(P||Q) + KL(Q||R) = %s + %s = %s < KL(P||R) = %s", value(xy), value(yz), value(xy + yz),
                value(xz));
        double g1 = Kl.kl(Normal.of(0, 1), Normal.of(1, 1));
        double g2 = Kl.kl(Normal.of(1, 1), Normal.of(2, 1));
        double g3 = Kl.kl(Normal.of(0, 1), Normal.of(2, 1));
        say.line("  nor is KL additive along a path: P = N(0,1), Q = N(1,1), R = N(2,1):");
        say.line("  D(P||Q) + D(Q||R) = %s + %s = %s, but D(P||R) = %s", value(g1), value(g2), value(g1 + g2),
                value(g3));
        double[] p2 = {0.6, 0.4};
        double[] q2 = {0.5, 0.5};
        double product = DiscreteDivergences.kl(outer(P, p2), outer(Q, q2));
        double sum = DiscreteDivergences.kl(P, Q) + DiscreteDivergences.kl(p2, q2);
        say.line("Additive over independent products: KL(P1 x P2 || Q1 x Q2) = %s = KL(P1||Q1) + KL(P2||Q2) = %s",
                value(product), value(sum));
        double[] left = {1, 0};
        double[] right = {0, 1};
        say.line("JS <= ln 2 = %s nats: JS of disjoint [1, 0] and [0, 1] is %s nats = %s bit (<= 1 only in bits).",
                value(Math.log(2)), value(DiscreteDivergences.js(left, right)),
                value(DiscreteDivergences.js(left, right, DiscreteOptions.DEFAULT.withBase(LogBase.TWO))));
    }

    private void comparison() {
        say.section("4. KL, JS, Wasserstein-1 and cross-entropy side by side");
        say.line("On the shift P = [0.30, 0.50, 0.20], Q = [0.25, 0.55, 0.20] (outcomes 0, 1, 2 for W1):");
        say.line("  %-22s %-10s %-22s %s", "measure", "symmetric", "range", "value");
        say.line("  %-22s %-10s %-22s %s", "KL(P||Q)", "no", "[0, inf]", value(DiscreteDivergences.kl(SHIFT_P, SHIFT_Q)));
        say.line("  %-22s %-10s %-22s %s", "JS(P,Q)", "yes", "[0, ln 2]", value(DiscreteDivergences.js(SHIFT_P, SHIFT_Q)));
        say.line("  %-22s %-10s %-22s %s", "W1(P,Q)", "yes", "[0, max distance]",
                value(DiscreteDivergences.wasserstein1(SHIFT_P, SHIFT_Q)));
        say.line("  %-22s %-10s %-22s %s", "cross-entropy H(P,Q)", "no", "[H(P), inf]",
                value(DiscreteDivergences.crossEntropy(SHIFT_P, SHIFT_Q)));
        say.line("KL and cross-entropy differ by H(P), a constant when P is the data: minimising either fits the");
        say.line("same model. W1 alone sees how far mass moves, and stays finite on disjoint supports.");
    }

    /** A uniform draw from the simplex: normalised standard exponentials (a Dirichlet(1, ..., 1) sample). */
    static double[] randomSimplex(SplittableRandom rng, int k) {
        double[] x = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            x[i] = -Math.log(1 - rng.nextDouble());
            sum += x[i];
        }
        for (int i = 0; i < k; i++) {
            x[i] /= sum;
        }
        return x;
    }

    static double[] outer(double[] a, double[] b) {
        double[] product = new double[a.length * b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                product[i * b.length + j] = a[i] * b[j];
            }
        }
        return product;
    }

    private static String shortNumber(double v) {
        return String.format(java.util.Locale.ROOT, "%.0e", v).replace("e-0", "e-");
    }
}
