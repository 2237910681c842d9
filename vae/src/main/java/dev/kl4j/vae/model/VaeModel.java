package dev.kl4j.vae.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.djl.DjlScalars;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A multilayer-perceptron VAE written directly with DJL {@code NDArray} operations over an explicit,
 * ordered parameter list (no {@code Block}/{@code Trainer}: fewer JNI calls per step, and the optimiser
 * state is ours to save and restore).
 *
 * <pre>
 *   encoder  h = relu(x W1ᵀ + b1);  [μ, ln σ²] = h Wqᵀ + bq          (Wq stacks both heads)
 *   sample   z = μ + σ ⊙ ε,  ε ~ N(0, I)                              (reparameterisation)
 *   decoder  g = relu(z W3ᵀ + b3);  out = g W4ᵀ + b4                  (logits, or the Gaussian mean's logits)
 * </pre>
 * Weights use PyTorch's {@code nn.Linear} layout {@code [out, in]} and its default initialisation:
 * weights and biases uniform on ±1/√fan_in. The Gaussian decoder adds one per-pixel parameter s
 * (see {@link DecoderType#GAUSSIAN}).
 *
 * <p>All parameters belong to this model's own manager; {@link #close()} releases them.
 */
public final class VaeModel implements AutoCloseable {
    /** ln σ_min² for the Gaussian decoder, σ_min² = 1e-4. */
    static final float GAUSSIAN_LOG_VAR_FLOOR = (float) Math.log(1e-4);
    private static final float LOG_2PI = (float) Math.log(2 * Math.PI);

    private final VaeConfig config;
    private final NDManager manager;
    private final List<NDArray> parameters;
    private final List<String> names;
    private final NDArray w1, b1, wq, bq, w3, b3, w4, b4, pixelLogVarRaw;

    private VaeModel(VaeConfig config, NDManager manager, List<String> names, List<NDArray> parameters) {
        this.config = config;
        this.manager = manager;
        this.names = Collections.unmodifiableList(names);
        this.parameters = Collections.unmodifiableList(parameters);
        w1 = parameters.get(0);
        b1 = parameters.get(1);
        wq = parameters.get(2);
        bq = parameters.get(3);
        w3 = parameters.get(4);
        b3 = parameters.get(5);
        w4 = parameters.get(6);
        b4 = parameters.get(7);
        pixelLogVarRaw = config.decoder() == DecoderType.GAUSSIAN ? parameters.get(8) : null;
        for (NDArray p : parameters) {
            p.setRequiresGradient(true);
        }
    }

    /**
     * A freshly initialised model (PyTorch {@code nn.Linear} default init, drawn from {@code rng}).
     *
     * @param parent manager that will own the model's manager
     * @param config sizes and decoder
     * @param rng    source of the initial weights
     * @return the model
     */
    public static VaeModel create(NDManager parent, VaeConfig config, RandomGenerator rng) {
        List<Shape> shapes = shapes(config);
        float[][] values = new float[shapes.size()][];
        for (int i = 0; i < shapes.size(); i++) {
            Shape s = shapes.get(i);
            int size = Math.toIntExact(s.size());
            values[i] = new float[size];
            if (i == 8) {
                continue; // Gaussian decoder's s starts at 0: σ² = 1e-4 + 1
            }
            long fanIn = i % 2 == 0 ? s.get(1) : shapes.get(i - 1).get(1);
            double bound = 1 / Math.sqrt(fanIn);
            for (int k = 0; k < size; k++) {
                values[i][k] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        }
        return fromValues(parent, config, values);
    }

    /**
     * A model with the given parameter values, in the order of {@link #parameterNames()}.
     *
     * @param parent manager that will own the model's manager
     * @param config sizes and decoder
     * @param values one flat array per parameter
     * @return the model
     */
    public static VaeModel fromValues(NDManager parent, VaeConfig config, float[][] values) {
        List<Shape> shapes = shapes(config);
        if (values.length != shapes.size()) {
            throw new InvalidArgumentException("values", "expected " + shapes.size() + " parameter arrays, got "
                    + values.length);
        }
        NDManager manager = parent.newSubManager();
        List<NDArray> params = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            if (values[i].length != shapes.get(i).size()) {
                manager.close();
                throw new InvalidArgumentException("values", "parameter " + NAMES.get(i) + " has " + values[i].length
                        + " values, expected " + shapes.get(i).size() + " for shape " + shapes.get(i));
            }
            NDArray p = OwnedArrays.create(manager, values[i], shapes.get(i));
            NDScope.unregister(p); // parameters outlive any step scope
            params.add(p);
        }
        return new VaeModel(config, manager, new ArrayList<>(NAMES.subList(0, shapes.size())), params);
    }

    private static final List<String> NAMES = List.of("encoder.w1", "encoder.b1", "encoder.wq", "encoder.bq",
            "decoder.w3", "decoder.b3", "decoder.w4", "decoder.b4", "decoder.pixel_log_var");

    private static List<Shape> shapes(VaeConfig c) {
        List<Shape> s = new ArrayList<>(List.of(
                new Shape(c.hidden(), c.inputSize()), new Shape(c.hidden()),
                new Shape(2L * c.latent(), c.hidden()), new Shape(2L * c.latent()),
                new Shape(c.hidden(), c.latent()), new Shape(c.hidden()),
                new Shape(c.inputSize(), c.hidden()), new Shape(c.inputSize())));
        if (c.decoder() == DecoderType.GAUSSIAN) {
            s.add(new Shape(c.inputSize()));
        }
        return s;
    }

    /** Mean and log-variance of q(z|x), each {@code [B, latent]}. */
    public record Posterior(NDArray mu, NDArray logVar) {
    }

    /**
     * Encoder: q(z|x) = N(μ, diag e^{ln σ²}).
     *
     * @param x images {@code [B, inputSize]}
     * @return μ and ln σ², {@code [B, latent]} each
     */
    public Posterior encode(NDArray x) {
        NDArray h = Activation.relu(linear(x, w1, b1));
        NDArray both = linear(h, wq, bq);
        NDList heads = both.split(2, both.getShape().dimension() - 1);
        return new Posterior(heads.get(0), heads.get(1));
    }

    /**
     * Reparameterised sample z = μ + e^{½ ln σ²} ⊙ ε.
     *
     * @param q   posterior
     * @param eps standard-normal noise, broadcastable to μ
     * @return z
     */
    public static NDArray sample(Posterior q, NDArray eps) {
        NDArray logVar = q.logVar();
        return logVar.mul(DjlScalars.of(logVar, 0.5f)).exp().mul(eps).add(q.mu());
    }

    /**
     * Decoder network output: Bernoulli logits, or the logits of the Gaussian mean.
     *
     * @param z latents {@code [..., latent]}
     * @return {@code [..., inputSize]}
     */
    public NDArray decode(NDArray z) {
        NDArray g = Activation.relu(linear(z, w3, b3));
        return linear(g, w4, b4);
    }

    /**
     * −log p(x|z) summed over pixels (see {@link DecoderType} for both formulas). The Bernoulli form
     * uses softplus(l) − l·x, which equals max(l, 0) − l·x + log(1 + e^{−|l|}) and is computed stably by
     * libtorch's softplus.
     *
     * @param out decoder output {@code [..., inputSize]}
     * @param x   images, broadcastable to {@code out}
     * @return nats {@code [...]}
     */
    public NDArray negLogLikelihood(NDArray out, NDArray x) {
        if (config.decoder() == DecoderType.BERNOULLI) {
            return Activation.softPlus(out).sub(out.mul(x)).sum(new int[] {-1});
        }
        NDArray logVar = pixelLogVariance();
        NDArray diff = Activation.sigmoid(out).sub(x);
        NDArray twice = diff.square().mul(logVar.neg().exp()).add(logVar).add(LOG_2PI);
        NDArray perPixel = twice.mul(DjlScalars.of(twice, 0.5f));
        return perPixel.sum(new int[] {-1});
    }

    /** @return ln σ_j² = ln(σ_min² + e^{s_j}) of the Gaussian decoder, {@code [inputSize]} */
    NDArray pixelLogVariance() {
        if (pixelLogVarRaw == null) {
            throw new IllegalStateException("the Bernoulli decoder has no pixel variance");
        }
        return Activation.softPlus(pixelLogVarRaw.sub(GAUSSIAN_LOG_VAR_FLOOR)).add(GAUSSIAN_LOG_VAR_FLOOR);
    }

    /**
     * Mean of p(x|z) for pictures: sigmoid(out) for both decoders (Bernoulli probabilities, Gaussian mean).
     *
     * @param out decoder output
     * @return values in (0, 1)
     */
    public static NDArray decoderMean(NDArray out) {
        return Activation.sigmoid(out);
    }

    private static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
    }

    /** @return the sizes and decoder */
    public VaeConfig config() {
        return config;
    }

    /** @return the manager that owns the parameters */
    public NDManager manager() {
        return manager;
    }

    /** @return the parameters, in a fixed order (see {@link #parameterNames()}) */
    public List<NDArray> parameters() {
        return parameters;
    }

    /** @return parameter names, e.g. {@code encoder.w1} */
    public List<String> parameterNames() {
        return names;
    }

    /** @return a copy of every parameter's values, in order */
    public float[][] parameterValues() {
        float[][] v = new float[parameters.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = parameters.get(i).toFloatArray();
        }
        return v;
    }

    /** @return the number of scalar parameters */
    public long parameterCount() {
        long n = 0;
        for (NDArray p : parameters) {
            n += p.size();
        }
        return n;
    }

    // ---- plain-array helpers for callers that draw pictures ----------------------------------------

    /**
     * Posterior means E_q[z] of {@code n} images.
     *
     * @param images flat {@code [n * inputSize]}
     * @param n      number of images
     * @return flat {@code [n * latent]}
     */
    public float[] encodeMeans(float[] images, int n) {
        float[] out = new float[n * config.latent()];
        int chunk = 1000;
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            try (NDScope ignored = new NDScope()) {
                NDArray x = batch(images, start, m, config.inputSize());
                float[] mu = encode(x).mu().toFloatArray();
                System.arraycopy(mu, 0, out, start * config.latent(), mu.length);
            }
        }
        return out;
    }

    /**
     * Decoder means sigmoid(decode(z)).
     *
     * @param z flat {@code [n * latent]}
     * @param n number of latent vectors
     * @return flat {@code [n * inputSize]} in (0, 1)
     */
    public float[] decodeMeans(float[] z, int n) {
        try (NDScope ignored = new NDScope()) {
            return decoderMean(decode(batch(z, 0, n, config.latent()))).toFloatArray();
        }
    }

    /**
     * Reconstructions through the posterior mean: sigmoid(decode(μ(x))).
     *
     * @param images flat {@code [n * inputSize]}
     * @param n      number of images
     * @return flat {@code [n * inputSize]}
     */
    public float[] reconstruct(float[] images, int n) {
        try (NDScope ignored = new NDScope()) {
            NDArray x = batch(images, 0, n, config.inputSize());
            return decoderMean(decode(encode(x).mu())).toFloatArray();
        }
    }

    private NDArray batch(float[] data, int start, int n, int width) {
        float[] slice = java.util.Arrays.copyOfRange(data, start * width, (start + n) * width);
        return OwnedArrays.create(manager, slice, new Shape(n, width));
    }

    @Override
    public void close() {
        manager.close();
    }
}
