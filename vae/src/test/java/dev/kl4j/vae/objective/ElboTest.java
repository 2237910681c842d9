package dev.kl4j.vae.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kl4j.vae.model.DecoderType;
import dev.kl4j.vae.model.Posterior;
import dev.kl4j.vae.model.VaeConfig;
import dev.kl4j.vae.model.VaeModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ElboTest {

    /** The default model with the given values, in {@link VaeModel#parameterNames()} order. */
    private static VaeModel model(NDManager m, VaeConfig config, float[][] values) {
        VaeModel model = VaeModel.create(m, config, new SplittableRandom(0));
        List<String> names = model.parameterNames();
        assertEquals(names.size(), values.length);
        Map<String, float[]> byName = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            byName.put(names.get(i), values[i]);
        }
        model.loadParameterValues(byName);
        return model;
    }

    private static Elbo.Terms terms(VaeModel model, NDArray x, NDArray eps) {
        return Elbo.terms(model.encoder(), model.decoder(), model.likelihood(), x, eps);
    }

    /** Stable BCE with logits in double: max(l, 0) − l·x + log(1 + e^{−|l|}). */
    private static double bce(double l, double x) {
        return Math.max(l, 0) - l * x + Math.log1p(Math.exp(-Math.abs(l)));
    }

    /** −½(1 + ln σ² − μ² − σ²), the VAE prior KL of one dimension, in double. */
    private static double klStandardNormal(double mu, double logVar) {
        return -0.5 * (1 + logVar - mu * mu - Math.exp(logVar));
    }

    @Test
    void tinyNetworkPiecesMatchHandComputation() {
        // 2 pixels, 1 hidden unit, 1 latent dimension; parameters in VaeModel.parameterNames() order
        float[][] values = {
            {0.5f, 0.3f}, {0.1f},          // w1 [1,2], b1
            {0.8f, -0.4f}, {0.05f, 0.1f},  // wq [2,1] (μ row, ln σ² row), bq
            {1.2f}, {-0.1f},               // w3 [1,1], b3
            {0.9f, -1.5f}, {0.2f, 0.3f}};  // w4 [2,1], b4
        double x0 = 0.2;
        double x1 = 0.9;
        double eps = 0.7;
        // by hand
        double h = Math.max(0, 0.5 * x0 + 0.3 * x1 + 0.1);            // 0.47
        double mu = 0.8 * h + 0.05;                                    // 0.426
        double logVar = -0.4 * h + 0.1;                                // −0.088
        double z = mu + Math.exp(0.5 * logVar) * eps;
        double g = Math.max(0, 1.2 * z - 0.1);
        double l0 = 0.9 * g + 0.2;
        double l1 = -1.5 * g + 0.3;
        double recon = bce(l0, x0) + bce(l1, x1);
        double kl = klStandardNormal(mu, logVar);
        try (NDManager m = NDManager.newBaseManager();
                VaeModel model = model(m, new VaeConfig(2, 1, 1, DecoderType.BERNOULLI), values)) {
            NDArray x = m.create(new float[][] {{(float) x0, (float) x1}});
            NDArray e = m.create(new float[][] {{(float) eps}});
            Elbo.Terms t = terms(model, x, e);
            assertEquals(0.426, mu, 1e-12);
            assertEquals(recon, t.recon().getFloat(0), 1e-5);
            assertEquals(kl, t.klPerDim().getFloat(0, 0), 1e-6);
            assertEquals(recon + kl, t.negativeElbo().getFloat(0), 1e-5);
            assertEquals(recon + 2.5 * kl, Elbo.loss(t, 2.5f, 0f).getFloat(), 1e-5);
        }
    }

    @Test
    void klTermEqualsClosedFormInDouble() {
        try (NDManager m = NDManager.newBaseManager();
                VaeModel model = VaeModel.create(m, new VaeConfig(6, 5, 4, DecoderType.BERNOULLI), new SplittableRandom(3))) {
            SplittableRandom rng = new SplittableRandom(4);
            float[] xs = new float[5 * 6];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (float) rng.nextDouble();
            }
            NDArray x = m.create(xs, new ai.djl.ndarray.types.Shape(5, 6));
            Posterior q = model.encoder().encode(x);
            float[] mu = q.mu().toFloatArray();
            float[] lv = q.logVar().toFloatArray();
            Elbo.Terms t = terms(model, x, m.randomNormal(new ai.djl.ndarray.types.Shape(5, 4)));
            float[] kl = t.klPerDim().toFloatArray();
            float[] klSum = t.kl().toFloatArray();
            for (int b = 0; b < 5; b++) {
                double sum = 0;
                for (int j = 0; j < 4; j++) {
                    double expected = klStandardNormal(mu[b * 4 + j], lv[b * 4 + j]);
                    assertEquals(expected, kl[b * 4 + j], 1e-6);
                    sum += expected;
                }
                assertEquals(sum, klSum[b], 1e-5);
            }
        }
    }

    @Test
    void freeBitsFloorsTheBatchAveragedKlPerDimension() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray recon = m.create(new float[] {10f, 20f});
            // per-dimension KL of 2 images: dimension means are 0.2, 1.5, 0.05
            NDArray kl = m.create(new float[][] {{0.1f, 1f, 0f}, {0.3f, 2f, 0.1f}});
            Elbo.Terms t = new Elbo.Terms(recon, kl);
            // λ = 0.5: 15 + β (max(0.5, 0.2) + max(0.5, 1.5) + max(0.5, 0.05)) = 15 + β · 2.5
            assertEquals(15 + 2 * 2.5, Elbo.loss(t, 2f, 0.5f).getFloat(), 1e-5);
            // no free bits: 15 + β · (0.2 + 1.5 + 0.05)
            assertEquals(15 + 2 * 1.75, Elbo.loss(t, 2f, 0f).getFloat(), 1e-5);
            // λ below every dimension's mean changes nothing
            assertEquals(15 + 1.75, Elbo.loss(t, 1f, 0.01f).getFloat(), 1e-5);
        }
    }

    @Test
    void bernoulliLikelihoodIsStableForLargeLogits() {
        float[][] values = {{0f, 0f, 0f}, {0f}, {0f, 0f}, {0f, 0f}, {0f}, {0f}, {0f, 0f, 0f}, {0f, 0f, 0f}};
        try (NDManager m = NDManager.newBaseManager();
                VaeModel model = model(m, new VaeConfig(3, 1, 1, DecoderType.BERNOULLI), values)) {
            float[] l = {-100f, 100f, 0.5f};
            float[] x = {0.3f, 0.6f, 1f};
            double expected = 0;
            for (int i = 0; i < 3; i++) {
                expected += bce(l[i], x[i]);
            }
            float got = model.likelihood().negLogLikelihood(m.create(l), m.create(x)).getFloat();
            assertTrue(Float.isFinite(got));
            assertEquals(expected, got, 1e-3); // 70 + 40 + 0.47, float32
        }
    }

    @Test
    void gaussianLikelihoodUsesFlooredLearnedVariance() {
        float[] s = {0f, -3f};
        float[][] values = {{0f, 0f}, {0f}, {0f, 0f}, {0f, 0f}, {0f}, {0f}, {0f, 0f}, {0f, 0f}, s};
        try (NDManager m = NDManager.newBaseManager();
                VaeModel model = model(m, new VaeConfig(2, 1, 1, DecoderType.GAUSSIAN), values)) {
            float[] out = {0.4f, -1.2f};
            float[] x = {0.7f, 0.1f};
            double expected = 0;
            for (int i = 0; i < 2; i++) {
                double mean = 1 / (1 + Math.exp(-out[i]));
                double var = 1e-4 + Math.exp(s[i]);
                expected += 0.5 * (Math.log(2 * Math.PI) + Math.log(var) + (x[i] - mean) * (x[i] - mean) / var);
            }
            assertEquals(expected, model.likelihood().negLogLikelihood(m.create(out), m.create(x)).getFloat(), 1e-5);
        }
    }
}
