package dev.kl4j.core.kl;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.ExponentialFamily;
import dev.kl4j.core.distribution.Independent;
import dev.kl4j.core.distribution.Transformed;
import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * Rules that reduce KL to the KL of parts, looked up in the registry that dispatched the call:
 * <pre>
 *   KL(⊗_i p_i ‖ ⊗_i q_i) = Σ_i KL(p_i ‖ q_i)        (independent coordinates; chain rule)
 *   KL(f#p ‖ f#q) = KL(p ‖ q)                        (same bijection f: ln p_Y/q_Y = ln p_X/q_X ∘ f⁻¹)
 * </pre>
 * (PyTorch's {@code _kl_independent_independent} and {@code _kl_transformed_transformed}.) kl4j's
 * {@code LogNormal} is exp of a {@code Normal}, so KL between log-normals is the normal KL of the logs,
 * as TFP computes it.
 */
final class StructuralKl {
    private StructuralKl() {
    }

    static MethodHandles.Lookup lookup() {
        return MethodHandles.lookup();
    }

    /** [_kl_independent_independent] Σ_i KL(p_i ‖ q_i); the lengths must agree (else the error names q). */
    @KlPair
    static double independentIndependent(Independent p, Independent q, KlRegistry registry) {
        List<Distribution> ps = p.components();
        List<Distribution> qs = q.components();
        if (ps.size() != qs.size()) {
            throw new InvalidArgumentException("q", "size mismatch: p has " + ps.size() + " coordinates, q has " + qs.size());
        }
        double s = 0;
        for (int i = 0; i < ps.size(); i++) {
            s += registry.kl(ps.get(i), qs.get(i));
        }
        return s;
    }

    /**
     * [_kl_transformed_transformed] KL of the bases when both use the same bijection (by
     * {@code equals}); otherwise there is no closed form ({@link NoClosedFormException}, as PyTorch's
     * NotImplementedError).
     */
    @KlPair
    static double transformedTransformed(Transformed p, Transformed q, KlRegistry registry) {
        if (!p.bijection().equals(q.bijection())) {
            throw new NoClosedFormException(p.getClass(), q.getClass());
        }
        return registry.kl(p.base(), q.base());
    }

    /**
     * [_kl_expfamily_expfamily] A(ηq) − A(ηp) − ⟨ηq − ηp, E_p T⟩ for two members of the same exponential
     * family class; distinct classes have no closed form ({@link NoClosedFormException}, as PyTorch's
     * NotImplementedError). The generic fallback: families with their own pair (all of kl4j's) use it.
     */
    @KlPair
    static double exponentialFamily(ExponentialFamily p, ExponentialFamily q) {
        if (p.getClass() != q.getClass()) {
            throw new NoClosedFormException(p.getClass(), q.getClass());
        }
        double[] etaP = p.naturalParameters();
        double[] etaQ = q.naturalParameters();
        if (etaP.length != etaQ.length) {
            throw new InvalidArgumentException("q", "size mismatch: p has " + etaP.length + " natural parameters, q has "
                    + etaQ.length);
        }
        double[] meanP = p.meanParameters();
        double inner = 0;
        for (int i = 0; i < etaP.length; i++) {
            inner += (etaQ[i] - etaP[i]) * meanP[i];
        }
        return q.logNormalizer(etaQ) - p.logNormalizer(etaP) - inner;
    }
}
