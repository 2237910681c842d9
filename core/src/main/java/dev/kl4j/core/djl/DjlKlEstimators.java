package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

/**
 * Schulman's Monte Carlo estimators of KL(q ‖ p) ("Approximating KL Divergence", 2020) on DJL arrays, the
 * tensor counterpart of {@link dev.kl4j.core.kl.KlEstimators} with the same convention: the input is the
 * log-ratio {@code logRatio = ln p(x) − ln q(x)} for samples x ~ q, and with r = p(x)/q(x)
 * <pre>
 *   k1 = −ln r            unbiased; high variance; single samples can be negative
 *   k2 = ½ (ln r)²        biased; low variance; ≥ 0
 *   k3 = (r − 1) − ln r   unbiased; ≥ 0; low variance when p ≈ q
 * </pre>
 * In PPO the samples come from the old policy, {@code logRatio = ln π_new(a|s) − ln π_old(a|s)}, and the
 * estimates are of KL(π_old ‖ π_new): CleanRL logs {@code mean(k1)} as {@code old_approx_kl} and
 * {@code mean(k3)} as {@code approx_kl}; GRPO penalises with k3.
 *
 * <p>These methods return the <b>per-sample</b> terms, same shape as {@code logRatio}; the estimate is
 * their mean ({@code k3(logRatio).mean()}), and a per-step penalty uses the terms themselves. They are
 * differentiable. k3 is evaluated in float64 and converted back to the input's type, because DJL has no
 * {@code expm1} and (r − 1) − ln r computed in float32 loses all its digits when r ≈ 1 (the terms are of
 * order (ln r)²/2, below float32's resolution of r − 1); for |ln r| &lt; 0.01 it uses the Taylor series
 * x²/2 + x³/6 + x⁴/24 + x⁵/120 of eˣ − 1 − x, so the result keeps full float32 precision everywhere.
 */
public final class DjlKlEstimators {
    private DjlKlEstimators() {
    }

    /**
     * {@return the k1 terms −ln r, same shape (their mean estimates KL(q ‖ p) without bias; class comment,
     * Schulman 2020)}
     *
     * @param logRatio ln p(x) − ln q(x) for samples x ~ q, any shape
     */
    public static NDArray k1(NDArray logRatio) {
        return logRatio.neg();
    }

    /**
     * {@return the k2 terms ½ (ln r)², same shape (biased, ≥ 0; class comment, Schulman 2020)}
     *
     * @param logRatio ln p(x) − ln q(x) for samples x ~ q, any shape
     */
    public static NDArray k2(NDArray logRatio) {
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray square = logRatio.square();
            return square.mul(DjlScalars.of(square, 0.5f)); // engine-owned ½ (DjlScalars)
        });
    }

    /**
     * {@return the k3 terms (r − 1) − ln r = exp(ln r) − 1 − ln r, same shape and data type (unbiased, ≥ 0;
     * evaluated in float64 with the series of the class comment; Schulman 2020)}
     *
     * @param logRatio ln p(x) − ln q(x) for samples x ~ q, any shape
     */
    public static NDArray k3(NDArray logRatio) {
        return DjlScopes.withIntermediatesClosed(() -> {
            DataType type = logRatio.getDataType();
            NDArray x = type == DataType.FLOAT64 ? logRatio : logRatio.toType(DataType.FLOAT64, false);
            // |x| ≥ 1e-2: exp(x) − 1 − x in float64 (relative error ≲ 1e-16 / (x²/2) ≤ 2e-12).
            NDArray direct = x.exp().sub(DjlScalars.of(x, 1f)).sub(x);
            // |x| < 1e-2: the Taylor series x²(1/2 + x(1/6 + x(1/24 + x/120))), truncation ≤ x⁴/360 relative.
            NDArray series = x.mul(DjlScalars.of(x, 1f / 120)).add(DjlScalars.of(x, 1f / 24));
            series = series.mul(x).add(DjlScalars.of(x, 1f / 6));
            series = series.mul(x).add(DjlScalars.of(x, 0.5f));
            series = series.mul(x.square());
            NDArray k3 = NDArrays.where(x.abs().lt(DjlScalars.of(x, 1e-2f)), series, direct);
            return type == DataType.FLOAT64 ? k3 : k3.toType(type, false);
        });
    }
}
