package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.kl4j.core.InvalidArgumentException;
import java.util.random.RandomGenerator;

/**
 * A batch of diagonal Gaussians N(μ_b, diag σ²) over actions in ℝ^A, the continuous policy head; the
 * tensor counterpart of {@link dev.kl4j.core.distribution.DiagNormal}. The mean is state-dependent
 * ({@code [B, A]}); the log-standard deviation is either state-dependent ({@code [B, A]}) or one shared
 * parameter {@code [A]} broadcast against the means, as in PPO's and TRPO's continuous-control policies
 * (Schulman et al. 2015, 2017; CleanRL's {@code actor_logstd}).
 * <pre>
 *   ln π(a) = Σ_i [ −½ ((a_i − μ_i)/σ_i)² − ln σ_i − ½ ln 2π ]
 *   H       = Σ_i [ ½ + ½ ln 2π + ln σ_i ]
 *   KL      = {@link DjlGaussianKl#diagonalFromLogStd}
 * </pre>
 * These equal PyTorch's {@code Independent(Normal(μ, exp(logStd)), 1)} ({@code log_prob}, {@code entropy},
 * {@code kl_divergence}). Sampling: μ + σ ⊙ ε, ε ~ N(0, I) from the Java generator.
 * <b>Fisher metric</b> in (μ, ln σ) per dimension: 1/σ² on the mean and 2 on the log-standard deviation
 * (no cross terms), so M u = (u_μ / σ², 2 u_{ln σ}).
 */
public final class DjlDiagNormal implements DjlDistribution {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final NDArray mean;
    private final NDArray logStd;

    private DjlDiagNormal(NDArray mean, NDArray logStd) {
        this.mean = mean;
        this.logStd = logStd;
    }

    /**
     * {@return the diagonal Gaussians}
     *
     * @param mean   means μ {@code [B, A]}
     * @param logStd ln σ, {@code [B, A]} or a shared {@code [A]}
     */
    public static DjlDiagNormal fromLogStd(NDArray mean, NDArray logStd) {
        Shape m = mean.getShape();
        if (m.dimension() == 0 || m.get(m.dimension() - 1) == 0) {
            throw new InvalidArgumentException("mean", "mean has shape " + m + "; it needs a non-empty last axis (the action dimensions)");
        }
        Shape s = logStd.getShape();
        boolean shared = s.dimension() == 1 && s.get(0) == m.get(m.dimension() - 1);
        if (!s.equals(m) && !shared) {
            throw new InvalidArgumentException("logStd", "logStd has shape " + s + " but mean has shape " + m
                    + "; it must be " + m + " or [" + m.get(m.dimension() - 1) + "]");
        }
        return new DjlDiagNormal(mean, logStd);
    }

    /** {@return the means μ {@code [B, A]}} */
    public NDArray mean() {
        return mean;
    }

    /** {@return ln σ as given: {@code [B, A]} or the shared {@code [A]}} */
    public NDArray logStd() {
        return logStd;
    }

    /** {@return the number of action dimensions A} */
    public int dimension() {
        return (int) mean.getShape().get(mean.getShape().dimension() - 1);
    }

    /**
     * {@return ln π(a_b), {@code [B]}}
     *
     * @param actions {@code [B, A]}
     */
    @Override
    public NDArray logProb(NDArray actions) {
        DjlChecks.requireSameShape("mean", mean, "actions", actions);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray z = actions.sub(mean).mul(logStd.neg().exp());               // (a − μ)/σ
            NDArray squares = z.square().sum(new int[] {-1});
            NDArray half = squares.mul(DjlScalars.of(squares, -0.5f));           // −½ Σ z², engine-owned −½
            NDArray logStdSum = logStdSumPerRow();
            return half.sub(logStdSum).sub(constant(half, dimension() * HALF_LOG_TWO_PI));
        });
    }

    @Override
    public NDArray entropy() {
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray logStdSum = logStdSumPerRow();
            return logStdSum.add(constant(logStdSum, dimension() * (0.5 + HALF_LOG_TWO_PI)));
        });
    }

    /**
     * An engine-owned scalar of {@code like}'s type holding {@code value} to that type's precision:
     * {@link DjlScalars#of} for float32 (and narrower); for float64 a copy made by the engine of the
     * double scalar, so the constant neither loses digits to float nor points at Java memory.
     */
    private static NDArray constant(NDArray like, double value) {
        if (like.getDataType() != ai.djl.ndarray.types.DataType.FLOAT64) {
            return DjlScalars.of(like, (float) value);
        }
        try (NDArray wrapped = like.getManager().create(value)) {
            return wrapped.duplicate();
        }
    }

    /** Σ_i ln σ_i per batch element, {@code [B]} (a shared log-std is summed once and broadcast). */
    private NDArray logStdSumPerRow() {
        if (logStd.getShape().equals(mean.getShape())) {
            return logStd.sum(new int[] {-1});
        }
        Shape batch = mean.getShape().slice(0, mean.getShape().dimension() - 1);
        return logStd.sum().broadcast(batch);
    }

    @Override
    public NDArray kl(DjlDistribution other) {
        if (!(other instanceof DjlDiagNormal normal)) {
            throw new InvalidArgumentException("other", "KL(DjlDiagNormal ‖ "
                    + (other == null ? "null" : other.getClass().getSimpleName()) + ") has no closed form here");
        }
        DjlChecks.requireSameShape("mean", mean, "other.mean", normal.mean);
        return DjlGaussianKl.diagonalFromLogStd(mean, logStd, normal.mean, normal.logStd);
    }

    /**
     * a = μ + σ ⊙ ε with ε_{b,i} = rng.nextGaussian() drawn in row-major order on the host.
     *
     * @param rng the random source
     * @return actions {@code [B, A]}, not differentiable
     */
    @Override
    public NDArray sample(RandomGenerator rng) {
        Shape shape = mean.getShape();
        int n = (int) shape.size();
        float[] noise = new float[n];
        for (int i = 0; i < n; i++) {
            noise[i] = (float) rng.nextGaussian();
        }
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray epsilon = mean.getManager().create(noise, shape).toType(mean.getDataType(), false);
            NDArray sigma = logStd.stopGradient().exp();
            return mean.stopGradient().add(epsilon.mul(sigma));
        });
    }

    /** {@return the means, detached from the autograd graph} */
    @Override
    public NDArray mode() {
        return mean.stopGradient();
    }

    /** {@return {@code [mean, logStd]}, both {@code [B, A]} (a shared log-std broadcast, still differentiable)} */
    @Override
    public NDList parameters() {
        NDArray fullLogStd = logStd.getShape().equals(mean.getShape()) ? logStd : logStd.broadcast(mean.getShape());
        return new NDList(mean, fullLogStd);
    }

    /**
     * {@return {@code [u_mean / σ², 2 u_logStd]}}
     *
     * @param u {@code [u_mean, u_logStd]}, both {@code [B, A]}
     */
    @Override
    public NDList fisherVectorProduct(NDList u) {
        if (u.size() != 2) {
            throw new InvalidArgumentException("u", "u has " + u.size() + " arrays; a diagonal Gaussian has two parameters (mean, logStd)");
        }
        NDArray uMean = u.get(0);
        NDArray uLogStd = u.get(1);
        DjlChecks.requireSameShape("mean", mean, "u[0]", uMean);
        DjlChecks.requireSameShape("mean", mean, "u[1]", uLogStd);
        NDArray onMean = DjlScopes.withIntermediatesClosed(() -> {
            NDArray logStdDetached = logStd.stopGradient();
            NDArray inverseVariance = logStdDetached.add(logStdDetached).neg().exp();   // 1/σ² = exp(−2 ln σ)
            return uMean.mul(inverseVariance);
        });
        NDArray onLogStd = uLogStd.add(uLogStd);                                          // 2 u
        return new NDList(onMean, onLogStd);
    }
}
