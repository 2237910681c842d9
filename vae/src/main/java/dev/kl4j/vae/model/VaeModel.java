package dev.kl4j.vae.model;

import dev.kl4j.core.djl.DjlOwnedArrays;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.kl4j.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A VAE: an {@link Encoder} for q(z|x), a {@link Decoder} and a {@link Likelihood} for p(x|z), and the
 * manager that owns their parameters.
 * <pre>
 *   q(z|x) = N(μ(x), diag σ²(x))          encoder
 *   z = μ + σ ⊙ ε,  ε ~ N(0, I)            reparameterisation ({@link Posterior#sample})
 *   log p(x|z)                             likelihood of the decoder's output
 * </pre>
 * Parameters are addressed by name: {@code encoder.<name>}, {@code decoder.<name>} and
 * {@code likelihood.<name>} with the part's own names ({@code encoder.w1}, {@code decoder.01Linear_weight},
 * {@code likelihood.pixel_log_var}); checkpoints store them by these names.
 *
 * <p>{@link #create} builds the default, pytorch/examples' 784-400-20 MLP ({@link MlpEncoder},
 * {@link MlpDecoder}), hand-written for speed; {@link #of} assembles any parts, e.g. DJL blocks through
 * {@link BlockEncoder} and {@link BlockDecoder}. {@link #close()} releases the manager and so every
 * parameter.
 */
public final class VaeModel implements AutoCloseable {
    private final NDManager manager;
    private final int inputSize;
    private final Encoder encoder;
    private final Decoder decoder;
    private final Likelihood likelihood;
    private final Map<String, NDArray> parameters;

    private VaeModel(NDManager manager, int inputSize, Encoder encoder, Decoder decoder, Likelihood likelihood) {
        this.manager = manager;
        this.inputSize = inputSize;
        this.encoder = encoder;
        this.decoder = decoder;
        this.likelihood = likelihood;
        Map<String, NDArray> all = new LinkedHashMap<>();
        addAll(all, "encoder.", encoder.parameters());
        addAll(all, "decoder.", decoder.parameters());
        addAll(all, "likelihood.", likelihood.parameters());
        if (all.isEmpty()) {
            throw new InvalidArgumentException("encoder", "the model has no parameters to train");
        }
        this.parameters = Collections.unmodifiableMap(all);
    }

    private static void addAll(Map<String, NDArray> all, String prefix, Map<String, NDArray> part) {
        for (Map.Entry<String, NDArray> e : part.entrySet()) {
            if (e.getValue() == null) {
                throw new InvalidArgumentException(prefix.substring(0, prefix.length() - 1), "parameter "
                        + prefix + e.getKey() + " has no array (initialise the block first)");
            }
            all.put(prefix + e.getKey(), e.getValue());
        }
    }

    /**
     * The default model: an {@link MlpEncoder} and an {@link MlpDecoder} of {@code config}'s sizes, initialised
     * as PyTorch's {@code nn.Linear} (weights and biases uniform on ±1/√fan_in) from {@code rng} (encoder
     * first, then decoder), and the likelihood
     * {@code config.decoder()} names.
     *
     * @param parent manager that will own the model's manager
     * @param config sizes and likelihood
     * @param rng    source of the initial weights
     * @return the model
     */
    public static VaeModel create(NDManager parent, VaeConfig config, RandomGenerator rng) {
        return createIn(parent.newSubManager(), config, rng);
    }

    /**
     * The default model in a manager of its own (released by {@link #close()}); see
     * {@link #create(NDManager, VaeConfig, RandomGenerator)}.
     *
     * @param config sizes and likelihood
     * @param rng    source of the initial weights
     * @return the model
     */
    public static VaeModel create(VaeConfig config, RandomGenerator rng) {
        return createIn(NDManager.newBaseManager(), config, rng);
    }

    /**
     * The default model on a given device (e.g. {@code Device.gpu(0)}) in a manager of its own; the
     * trainer then creates every batch, the noise and Adam's state there too.
     *
     * @param config sizes and likelihood
     * @param rng    source of the initial weights
     * @param device where the parameters live
     * @return the model
     */
    public static VaeModel create(VaeConfig config, RandomGenerator rng, Device device) {
        return createIn(NDManager.newBaseManager(device), config, rng);
    }

    private static VaeModel createIn(NDManager manager, VaeConfig config, RandomGenerator rng) {
        try {
            Encoder encoder = MlpEncoder.create(manager, config.inputSize(), config.hidden(), config.latent(), rng);
            Decoder decoder = MlpDecoder.create(manager, config.latent(), config.hidden(), config.inputSize(), rng);
            Likelihood likelihood = config.decoder().create(manager, config.inputSize());
            return new VaeModel(manager, config.inputSize(), encoder, decoder, likelihood);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A model of any parts. The parts' parameters must belong to {@code manager} (or to a manager that
     * outlives the model) and require gradients (DJL's
     * {@code Block.initialize} and {@link MlpEncoder} do both); the model takes ownership of {@code manager} and
     * closes it in {@link #close()}.
     *
     * @param manager    owner of the parameters; also creates the batches and noise during training
     * @param inputSize  pixels per image
     * @param encoder    q(z|x)
     * @param decoder    z ↦ the likelihood's input
     * @param likelihood p(x|z)
     * @return the model
     */
    public static VaeModel of(NDManager manager, int inputSize, Encoder encoder, Decoder decoder,
            Likelihood likelihood) {
        if (inputSize < 1) {
            throw new InvalidArgumentException("inputSize", "inputSize = " + inputSize + " must be >= 1");
        }
        if (manager == null || encoder == null || decoder == null || likelihood == null) {
            throw new InvalidArgumentException("model", "manager, encoder, decoder and likelihood must not be null");
        }
        return new VaeModel(manager, inputSize, encoder, decoder, likelihood);
    }

    /** {@return the encoder q(z|x)} */
    public Encoder encoder() {
        return encoder;
    }

    /** {@return the decoder} */
    public Decoder decoder() {
        return decoder;
    }

    /** {@return the likelihood p(x|z)} */
    public Likelihood likelihood() {
        return likelihood;
    }

    /** {@return latent dimensions} */
    public int latent() {
        return encoder.latent();
    }

    /** {@return pixels per image} */
    public int inputSize() {
        return inputSize;
    }

    /** {@return the manager that owns the parameters} */
    public NDManager manager() {
        return manager;
    }

    /** {@return every trainable array by its name ({@code encoder.w1}, ...), in a fixed order} */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** {@return the arrays of {@link #parameters()}, in the same order (what the optimiser updates)} */
    public List<NDArray> parameterList() {
        return List.copyOf(parameters.values());
    }

    /** {@return a copy of every parameter's values by name, in order} */
    public Map<String, float[]> parameterValues() {
        Map<String, float[]> v = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            v.put(e.getKey(), e.getValue().toFloatArray());
        }
        return v;
    }

    /**
     * Overwrites every parameter with saved values (a checkpoint's), by name.
     *
     * @param values one flat array per parameter name; exactly this model's names and sizes
     * @throws InvalidArgumentException ({@code parameters}) naming the first missing, unexpected or
     *                                  wrongly sized parameter
     */
    public void loadParameterValues(Map<String, float[]> values) {
        for (String name : values.keySet()) {
            if (!parameters.containsKey(name)) {
                throw new InvalidArgumentException("parameters", "saved parameter " + name
                        + " does not exist in this model (it has " + String.join(", ", parameters.keySet()) + ")");
            }
        }
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            float[] v = values.get(e.getKey());
            if (v == null) {
                throw new InvalidArgumentException("parameters", "parameter " + e.getKey() + " is missing");
            }
            if (v.length != e.getValue().size()) {
                throw new InvalidArgumentException("parameters", "parameter " + e.getKey() + " has " + v.length
                        + " values, the model's has " + e.getValue().size() + " (shape " + e.getValue().getShape() + ")");
            }
        }
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            e.getValue().set(values.get(e.getKey()));
        }
    }

    /** {@return the number of scalar parameters} */
    public long parameterCount() {
        long n = 0;
        for (NDArray p : parameters.values()) {
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
        int latent = latent();
        float[] out = new float[n * latent];
        int chunk = 1000;
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            try (NDScope ignored = new NDScope()) {
                NDArray x = batch(images, start, m, inputSize);
                float[] mu = encoder.encode(x).mu().toFloatArray();
                System.arraycopy(mu, 0, out, start * latent, mu.length);
            }
        }
        return out;
    }

    /**
     * Means of p(x|z) of the decoded latents (sigmoid of the output for both likelihoods).
     *
     * @param z flat {@code [n * latent]}
     * @param n number of latent vectors
     * @return flat {@code [n * inputSize]}
     */
    public float[] decodeMeans(float[] z, int n) {
        try (NDScope ignored = new NDScope()) {
            return likelihood.mean(decoder.decode(batch(z, 0, n, latent()))).toFloatArray();
        }
    }

    /**
     * Reconstructions through the posterior mean: the mean of p(x | z = μ(x)).
     *
     * @param images flat {@code [n * inputSize]}
     * @param n      number of images
     * @return flat {@code [n * inputSize]}
     */
    public float[] reconstruct(float[] images, int n) {
        try (NDScope ignored = new NDScope()) {
            NDArray x = batch(images, 0, n, inputSize);
            return likelihood.mean(decoder.decode(encoder.encode(x).mu())).toFloatArray();
        }
    }

    private NDArray batch(float[] data, int start, int n, int width) {
        float[] slice = Arrays.copyOfRange(data, start * width, (start + n) * width);
        return DjlOwnedArrays.create(manager, slice, new Shape(n, width));
    }

    /** {@return the parameter names, in order} */
    public List<String> parameterNames() {
        return new ArrayList<>(parameters.keySet());
    }

    @Override
    public void close() {
        manager.close();
    }
}
