package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.random.RandomGenerator;

/**
 * A batch of probability distributions on DJL {@code NDArray}s, as a policy network outputs them: one
 * distribution per batch element {@code b = 0..B−1}. Everything except {@link #sample} and {@link #mode}
 * is differentiable in the arrays the distribution was built from, so a loss made of {@code logProb},
 * {@code entropy} or {@code kl} back-propagates into the network that produced them.
 *
 * <p>The methods follow {@code torch.distributions}: {@code logProb(actions)} is ln π(a|s) per batch
 * element, {@code entropy()} is H(π(·|s)), {@code kl(other)} is the closed-form KL(this ‖ other) of the
 * same family, all in nats and of shape {@code [B]}.
 *
 * <p><b>Fisher metric.</b> {@link #parameters()} are the distribution's own parameters, one row per batch
 * element, and {@link #fisherVectorProduct} multiplies a vector in that parameter space by the Fisher
 * information matrix M of each distribution, which is also the Hessian of θ' ↦ KL(π_θ ‖ π_θ') at θ' = θ.
 * TRPO combines it with the network's Jacobian J into the Gauss–Newton product Jᵀ M J v
 * (Schulman et al. 2015, Appendix C; Martens 2020, "New insights and perspectives on the natural
 * gradient method", JMLR 21, on the Fisher as a generalized Gauss–Newton matrix).
 *
 * <p>Implementations: {@link DjlCategorical} (logits, optional action mask) and {@link DjlDiagNormal}
 * (mean and log-standard deviation).
 */
public interface DjlDistribution {

    /**
     * {@return ln π(a_b) per batch element in nats, {@code [B]}, as PyTorch's {@code log_prob} summed over the
     * event axis (the formula is in the implementing class's Javadoc)}
     *
     * @param actions one action per batch element: indices {@code [B]} for a categorical, vectors
     *                {@code [B, A]} for a Gaussian
     */
    NDArray logProb(NDArray actions);

    /**
     * {@return the entropy H = −E[ln π(A)] of each distribution in nats (0 ln 0 = 0), {@code [B]}; the
     * closed form is in the implementing class's Javadoc}
     */
    NDArray entropy();

    /**
     * {@return KL(this ‖ other) = E_this[ln π_this(A) − ln π_other(A)] per batch element in nats, closed
     * form, {@code [B]}; PyTorch's {@code kl_divergence(this, other)} argument order; +∞ where this puts mass
     * on a category other masks}
     *
     * @param other a distribution of the same family and batch size
     * @throws dev.kl4j.core.InvalidArgumentException ({@code "other"}) for another family
     */
    NDArray kl(DjlDistribution other);

    /**
     * Draws one action per batch element from the Java generator (not from the engine's random
     * state), so that the same seed gives the same actions on every engine and device. Not
     * differentiable.
     *
     * @param rng the random source
     * @return actions, {@code [B]} (categorical, int64 indices) or {@code [B, A]} (Gaussian)
     */
    NDArray sample(RandomGenerator rng);

    /** {@return the deterministic action: the most probable category (argmax) or the mean; not differentiable} */
    NDArray mode();

    /**
     * {@return the parameters the Fisher metric acts on, each with the batch as its leading axis: {@code [logits]}
     * ({@code [B, K]}) for a categorical, {@code [mean, logStd]} (both {@code [B, A]}, a shared {@code [A]} log-std
     * broadcast) for a Gaussian}
     */
    NDList parameters();

    /**
     * The product M u of each batch element's Fisher information matrix with a vector u in parameter
     * space, M = E[∇ ln π ∇ ln πᵀ] = the Hessian of KL(π_θ ‖ π_θ') at θ' = θ (the closed form of M is in
     * the implementing class's Javadoc). Not differentiable (a closed form at the current parameters).
     *
     * @param u one array per entry of {@link #parameters()}, same shapes
     * @return M u, same shapes as {@code u}
     */
    NDList fisherVectorProduct(NDList u);
}
