package dev.kl4j.core.distribution;

/**
 * A distribution of an exponential family, p_η(x) = h(x) exp(⟨η, T(x)⟩ − A(η)) (PyTorch's
 * {@code ExponentialFamily}). Implementing it gives a family KL to itself without a formula of its own:
 * the registry's generic pair (PyTorch's {@code _kl_expfamily_expfamily}) is the Bregman divergence of the
 * log-normaliser,
 * <pre>
 *   KL(p_ηp ‖ p_ηq) = A(ηq) − A(ηp) − ⟨ηq − ηp, ∇A(ηp)⟩,   ∇A(ηp) = E_p[T(X)],
 * </pre>
 * where PyTorch takes ∇A by autograd and kl4j asks the family for its mean parameters. It applies only
 * when p and q are of the same class (same T and h); a family with its own registered pair uses that.
 */
public interface ExponentialFamily extends Distribution {
    /** {@return η, the natural parameters} */
    double[] naturalParameters();

    /**
     * {@return the log-normaliser A(η)}
     *
     * @param eta natural parameters of this family
     */
    double logNormalizer(double[] eta);

    /** {@return ∇A(η) = E[T(X)] at this distribution's η, the mean parameters} */
    double[] meanParameters();
}
