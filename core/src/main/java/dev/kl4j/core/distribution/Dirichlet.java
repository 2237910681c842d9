package dev.kl4j.core.distribution;

import dev.kl4j.core.discrete.ProbabilityVectors;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DirichletSampler;

/**
 * Dirichlet distribution on the probability simplex in ℝ^K with concentration α_i &gt; 0, α₀ = Σ α_i.
 * <pre>
 *   ln p(x) = Σ (α_i − 1) ln x_i + ln Γ(α₀) − Σ ln Γ(α_i)
 *   H = Σ ln Γ(α_i) − ln Γ(α₀) + (α₀ − K) ψ(α₀) − Σ (α_i − 1) ψ(α_i)
 *   mean α_i/α₀, variance α_i(α₀ − α_i) / (α₀²(α₀ + 1))
 * </pre>
 * {@code logProb} off the simplex (a negative entry, or a sum off 1 by more than 1e-9) is −∞.
 * Sampling: Commons RNG {@link DirichletSampler}. Source: PyTorch's
 * {@code torch.distributions.Dirichlet(concentration)}.
 */
public final class Dirichlet implements Distribution {
    private final double[] concentration;
    private final double total;
    private final double logNormalizer;

    /**
     * Creates Dir(α); a bad entry throws {@link dev.kl4j.core.InvalidArgumentException} naming it.
     *
     * @param concentration α_i &gt; 0, finite, at least one entry
     */
    public Dirichlet(double[] concentration) {
        this.concentration = Checks.positive("concentration", concentration);
        double t = 0;
        double lg = 0;
        for (double a : this.concentration) {
            t += a;
            lg += LogGamma.value(a);
        }
        this.total = t;
        this.logNormalizer = LogGamma.value(t) - lg;
    }

    /**
     * Returns Dirichlet(concentration).
     *
     * @param concentration α_i &gt; 0, finite, at least one entry
     * @return Dirichlet(concentration)
     */
    public static Dirichlet of(double... concentration) {
        return new Dirichlet(concentration);
    }

    /** {@return a copy of the concentrations α_i &gt; 0 (dimensionless); density ∝ Π x_i^(α_i − 1)} */
    public double[] concentration() {
        return concentration.clone();
    }

    /** {@return E[ln X_i] = ψ(α_i) − ψ(α₀)} */
    public double[] meanLog() {
        double d0 = Digamma.value(total);
        double[] m = new double[concentration.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Digamma.value(concentration[i]) - d0;
        }
        return m;
    }

    @Override
    public String name() {
        return "dirichlet";
    }

    @Override
    public int eventSize() {
        return concentration.length;
    }

    @Override
    public double logProb(double[] x) {
        Checks.event(x, concentration.length);
        double sum = 0;
        double s = logNormalizer;
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            sum += x[i];
            if (concentration[i] != 1) {
                s += (concentration[i] - 1) * Math.log(x[i]);
            }
        }
        return Math.abs(sum - 1) <= ProbabilityVectors.SUM_TOLERANCE ? s : Double.NEGATIVE_INFINITY;
    }

    @Override
    public double[] sample(RandomGenerator rng) {
        UniformRandomProvider provider = rng::nextLong;
        return DirichletSampler.of(provider, concentration).sample();
    }

    @Override
    public double entropy() {
        int k = concentration.length;
        double h = -logNormalizer + (total - k) * Digamma.value(total);
        for (double a : concentration) {
            h -= (a - 1) * Digamma.value(a);
        }
        return h;
    }

    @Override
    public double[] mean() {
        double[] m = new double[concentration.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = concentration[i] / total;
        }
        return m;
    }

    @Override
    public double[] variance() {
        double[] v = new double[concentration.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = concentration[i] * (total - concentration[i]) / (total * total * (total + 1));
        }
        return v;
    }

    @Override
    public String toString() {
        return "Dirichlet(concentration=" + Arrays.toString(concentration) + ")";
    }
}
