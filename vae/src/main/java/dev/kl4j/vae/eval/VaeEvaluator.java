package dev.kl4j.vae.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.StableMath;
import dev.kl4j.core.data.ImageSet;
import dev.kl4j.core.djl.DjlScalars;
import dev.kl4j.core.djl.DjlOwnedArrays;
import dev.kl4j.vae.model.Posterior;
import dev.kl4j.vae.model.VaeModel;
import dev.kl4j.vae.objective.Elbo;

/**
 * Measures a VAE on a data set. Noise comes from libtorch's generator, so seed it first
 * ({@code Engine.getInstance().setRandomSeed}) for repeatable figures.
 */
public final class VaeEvaluator {
    /** Threshold on Var_x(E_q[z_j]) above which dimension j counts as active (Burda et al. 2016). */
    public static final double ACTIVE_UNIT_THRESHOLD = 0.01;
    private static final int EVAL_BATCH = 1000;
    private static final int IWAE_ROWS = 8192;

    private VaeEvaluator() {
    }

    /**
     * Negative ELBO over a data set (one reparameterised sample per image, closed-form KL), in nats per
     * image.
     *
     * @param loss     mean −ELBO
     * @param recon    mean −log p(x|z)
     * @param kl       mean KL(q(z|x) ‖ N(0, I))
     * @param perDimKl mean KL of each latent dimension (sums to {@code kl})
     * @param images   images evaluated
     */
    public record ElboResult(double loss, double recon, double kl, double[] perDimKl, int images) {
    }

    /**
     * Importance-weighted estimate of −log p(x), averaged over images:
     * <pre>
     *   log p̂(x) = logsumexp_i [log p(x|z_i) + log N(z_i; 0, I) − log q(z_i|x)] − log K,  z_i ~ q(z|x)
     * </pre>
     * a lower bound on log p(x) that tightens with K; K = 1 is the one-sample ELBO (Burda, Grosse &amp;
     * Salakhutdinov 2016, "Importance Weighted Autoencoders", their bound L_K). With
     * z_i = μ + σ⊙ε_i the prior-over-posterior term is −½ Σ_j (z_ij² − ε_ij² − ln σ_j²).
     *
     * @param nll           mean of −log p̂(x) over the images
     * @param standardError standard error of that mean across images
     * @param samples       K
     * @param images        images evaluated (the first ones of the set)
     */
    public record IwaeResult(double nll, double standardError, int samples, int images) {
    }

    /**
     * {@return −ELBO and its parts, averaged over the images: the estimator of {@link Elbo} (Kingma &amp;
     * Welling 2014, eq. 10 with one sample of ε per image, closed-form KL of appendix B), in nats per image}
     *
     * @param model  the VAE
     * @param data   images
     * @param images how many of the first images to use
     */
    public static ElboResult elbo(VaeModel model, ImageSet data, int images) {
        requireCount("images", images, data.count());
        int d = model.latent();
        int in = data.imageSize();
        double recon = 0;
        double[] perDim = new double[d];
        for (int start = 0; start < images; start += EVAL_BATCH) {
            int m = Math.min(EVAL_BATCH, images - start);
            try (NDScope ignored = new NDScope()) {
                NDArray x = slice(model, data, start, m);
                NDArray eps = model.manager().randomNormal(new Shape(m, d));
                Elbo.Terms t = Elbo.terms(model.encoder(), model.decoder(), model.likelihood(), x, eps);
                recon += t.recon().sum().getFloat();
                float[] kl = t.klPerDim().sum(new int[] {0}).toFloatArray();
                for (int j = 0; j < d; j++) {
                    perDim[j] += kl[j];
                }
            }
        }
        double kl = 0;
        for (int j = 0; j < d; j++) {
            perDim[j] /= images;
            kl += perDim[j];
        }
        recon /= images;
        assert in > 0;
        return new ElboResult(recon + kl, recon, kl, perDim, images);
    }

    /**
     * The IWAE estimate −log p̂(x) of {@link IwaeResult} (formula and source there), averaged over the first
     * {@code images} images, its standard error the sample standard deviation over images / √N; in chunks of about
     * {@value #IWAE_ROWS} decoder rows (K decoder passes per image).
     *
     * @param model   the VAE
     * @param data    images
     * @param images  N, images to evaluate
     * @param samples K ≥ 1
     * @return the estimate
     */
    public static IwaeResult iwae(VaeModel model, ImageSet data, int images, int samples) {
        requireCount("images", images, data.count());
        if (samples < 1) {
            throw new InvalidArgumentException("samples", "samples = " + samples + " must be >= 1");
        }
        int d = model.latent();
        int sampleChunk = Math.min(samples, IWAE_ROWS);
        int imageChunk = Math.max(1, IWAE_ROWS / sampleChunk);
        double sum = 0;
        double sumSq = 0;
        for (int start = 0; start < images; start += imageChunk) {
            int n = Math.min(imageChunk, images - start);
            double[][] logW = new double[n][samples];
            try (NDScope ignored = new NDScope()) {
                NDArray x = slice(model, data, start, n);
                Posterior q = model.encoder().encode(x);
                for (int s0 = 0; s0 < samples; s0 += sampleChunk) {
                    int s = Math.min(sampleChunk, samples - s0);
                    try (NDScope inner = new NDScope()) {
                        NDArray eps = model.manager().randomNormal(new Shape(s, n, d));
                        NDArray z = q.sample(eps);                                    // [s, n, d]
                        NDArray logLik = model.likelihood().negLogLikelihood(model.decoder().decode(z), x).neg(); // [s, n]
                        // log N(z; 0, I) − log q(z|x) = −½ Σ_j (z² − ε² − ln σ²)
                        NDArray halfNegated = z.square().sub(eps.square()).sub(q.logVar()).sum(new int[] {-1});
                        NDArray logPriorOverQ = halfNegated.mul(DjlScalars.of(halfNegated, -0.5f));
                        float[] w = logLik.add(logPriorOverQ).toFloatArray();
                        for (int i = 0; i < s; i++) {
                            for (int k = 0; k < n; k++) {
                                logW[k][s0 + i] = w[i * n + k];
                            }
                        }
                    }
                }
            }
            for (int k = 0; k < n; k++) {
                double nll = -(logSumExp(logW[k]) - Math.log(samples));
                sum += nll;
                sumSq += nll * nll;
            }
        }
        double mean = sum / images;
        double var = images > 1 ? Math.max(0, (sumSq - images * mean * mean) / (images - 1)) : 0;
        return new IwaeResult(mean, Math.sqrt(var / images), samples, images);
    }

    /**
     * Var_x(E_q[z_j]) = (1/N) Σ_x (μ_j(x) − μ̄_j)² of each latent dimension over the data (population
     * variance of the posterior means; the activity statistic of Burda et al. 2016).
     *
     * @param model the VAE
     * @param data  images
     * @return one variance per latent dimension
     */
    public static double[] posteriorMeanVariance(VaeModel model, ImageSet data) {
        int d = model.latent();
        float[] mu = model.encodeMeans(data.pixels(), data.count());
        double[] mean = new double[d];
        double[] var = new double[d];
        int n = data.count();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += mu[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = mu[i * d + j] - mean[j];
                var[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            var[j] /= n;
        }
        return var;
    }

    /**
     * {@return how many exceed {@value #ACTIVE_UNIT_THRESHOLD}: the number of active units of Burda et al.
     * 2016 (a strict inequality)}
     *
     * @param variances Var_x(E_q[z_j]) per dimension
     */
    public static int activeUnits(double[] variances) {
        int a = 0;
        for (double v : variances) {
            if (v > ACTIVE_UNIT_THRESHOLD) {
                a++;
            }
        }
        return a;
    }

    /**
     * log Σ e^{a_i}, computed around the maximum ({@link StableMath#logSumExp}).
     *
     * @param a values
     * @return the log-sum-exp (−∞ for all −∞)
     */
    public static double logSumExp(double[] a) {
        return StableMath.logSumExp(a);
    }

    private static NDArray slice(VaeModel model, ImageSet data, int start, int n) {
        int in = data.imageSize();
        float[] x = java.util.Arrays.copyOfRange(data.pixels(), start * in, (start + n) * in);
        return DjlOwnedArrays.create(model.manager(), x, new Shape(n, in));
    }

    private static void requireCount(String name, int n, int available) {
        if (n < 1 || n > available) {
            throw new InvalidArgumentException(name, name + " = " + n + " must be in [1, " + available + "]");
        }
    }
}
