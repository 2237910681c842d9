package dev.kl4j.vae.model;

import dev.kl4j.core.djl.DjlOwnedArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.kl4j.core.djl.DjlScalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gaussian likelihood with a learned per-pixel variance. The decoder output l gives the mean
 * m = sigmoid(l); the variance is σ_j² = σ_min² + e^{s_j} with one parameter s_j per pixel (initialised
 * at 0, so σ² = 1 + 1e-4 at the start) and the floor σ_min² = 1e-4 (σ_min = 0.01: stated, not silent; it
 * keeps the density of always-black border pixels from growing without bound):
 * <pre>
 *   −log p(x|z) = ½ Σ_j [ln 2π + ln σ_j² + (x_j − m_j)² / σ_j²]   nats,
 *   ln σ_j² = ln(σ_min² + e^{s_j}) = softplus(s_j − ln σ_min²) + ln σ_min²   (stable form)
 * </pre>
 * A density on continuous x, so it can be negative and is not comparable with the Bernoulli figure. Per
 * image it equals PyTorch's {@code F.gaussian_nll_loss(m, x, σ², full=True, reduction='none').sum(-1)}
 * (whose variance clamp at 1e-6 never acts here, σ² ≥ 1e-4).
 * Its one parameter is named {@value #PARAMETER}.
 */
public final class GaussianLikelihood implements Likelihood {
    /** Name of the per-pixel variance parameter s. */
    public static final String PARAMETER = "pixel_log_var";
    /** ln σ_min², σ_min² = 1e-4. */
    static final float LOG_VAR_FLOOR = (float) Math.log(1e-4);
    private static final float LOG_2PI = (float) Math.log(2 * Math.PI);

    private final NDArray pixelLogVarRaw;

    private GaussianLikelihood(NDArray pixelLogVarRaw) {
        this.pixelLogVarRaw = pixelLogVarRaw;
        pixelLogVarRaw.setRequiresGradient(true);
    }

    /**
     * {@return the likelihood with s = 0}
     *
     * @param manager   owner of the parameter (the model's manager)
     * @param inputSize pixels per image
     */
    public static GaussianLikelihood create(NDManager manager, int inputSize) {
        NDArray s = DjlOwnedArrays.create(manager, new float[inputSize], new Shape(inputSize));
        NDScope.unregister(s); // parameters outlive any step scope
        return new GaussianLikelihood(s);
    }

    @Override
    public NDArray negLogLikelihood(NDArray out, NDArray x) {
        NDArray logVar = pixelLogVariance();
        NDArray diff = Activation.sigmoid(out).sub(x);
        NDArray twice = diff.square().mul(logVar.neg().exp()).add(logVar);
        twice = twice.add(DjlScalars.of(twice, LOG_2PI));
        NDArray perPixel = twice.mul(DjlScalars.of(twice, 0.5f));
        return perPixel.sum(new int[] {-1});
    }

    /** {@return ln σ_j² = ln(σ_min² + e^{s_j}), {@code [inputSize]}} */
    public NDArray pixelLogVariance() {
        NDArray shifted = Activation.softPlus(pixelLogVarRaw.sub(DjlScalars.of(pixelLogVarRaw, LOG_VAR_FLOOR)));
        return shifted.add(DjlScalars.of(shifted, LOG_VAR_FLOOR));
    }

    @Override
    public NDArray mean(NDArray out) {
        return Activation.sigmoid(out);
    }

    @Override
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(PARAMETER, pixelLogVarRaw);
        return p;
    }
}
