package dev.kl4j.core.distribution;

/**
 * A univariate distribution of Y = f(X) for a {@link Bijection} f and a base distribution X (PyTorch's
 * {@code TransformedDistribution}), e.g. {@link LogNormal} = exp(Normal). The density is
 * p_Y(y) = p_X(f⁻¹(y)) / |f'(f⁻¹(y))|, so for two such distributions with the same f,
 * KL(p_Y ‖ q_Y) = KL(p_X ‖ q_X), the rule the KL registry applies to every pair of {@code Transformed}.
 */
public interface Transformed extends Distribution {
    /** {@return the distribution of X} */
    Distribution base();

    /** {@return f, with Y = f(X)} */
    Bijection bijection();
}
