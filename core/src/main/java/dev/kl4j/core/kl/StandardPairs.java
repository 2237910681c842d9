package dev.kl4j.core.kl;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.DiagNormal;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.LowRankMultivariateNormal;
import dev.kl4j.core.distribution.MultivariateNormal;
import dev.kl4j.core.distribution.Normal;
import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * The built-in closed-form pairs: the {@link KlPair} methods of the classes listed in {@link #HOLDERS},
 * and the Gaussian pairs below (Normal, DiagNormal, MultivariateNormal and LowRankMultivariateNormal in any
 * combination of equal dimension). To add a pair to kl4j, write its formula as an annotated static method in one of these
 * classes (or a new one added to the list); to add one from outside, see {@link KlPairProvider}.
 */
final class StandardPairs {
    /** The classes whose {@link KlPair} methods make up the built-in registry. */
    static final List<MethodHandles.Lookup> HOLDERS = List.of(MethodHandles.lookup(), SameFamilyKl.lookup(),
            CrossFamilyKl.lookup(), DiscreteFamilyKl.lookup(), ExtremeValueKl.lookup(), ContinuousBernoulliKl.lookup(),
            StructuralKl.lookup());

    private StandardPairs() {
    }

    static void registerAll(KlRegistry r) {
        for (MethodHandles.Lookup holder : HOLDERS) {
            r.registerAnnotated(holder);
        }
    }

    /** [_kl_normal_normal] {@link GaussianKl#normal}. */
    @KlPair
    static double normalNormal(Normal p, Normal q) {
        return GaussianKl.normal(p.loc(), p.scale(), q.loc(), q.scale());
    }

    /** [_kl_independent_independent over Normal] {@link GaussianKl#diagonal}, dimensions must agree. */
    @KlPair
    static double diagDiag(DiagNormal p, DiagNormal q) {
        requireSameDimension(p, q);
        return GaussianKl.diagonal(p.loc(), p.scale(), q.loc(), q.scale());
    }

    /**
     * [_kl_multivariatenormal_multivariatenormal, _kl_lowrankmultivariatenormal_lowrankmultivariatenormal,
     * _kl_multivariatenormal_lowrankmultivariatenormal, _kl_lowrankmultivariatenormal_multivariatenormal]
     * Any two of Normal, DiagNormal, MultivariateNormal and LowRankMultivariateNormal of equal dimension,
     * through Cholesky factors ({@link GaussianKl#mvnFromScaleTril}); PyTorch's low-rank pairs use the
     * capacitance identities instead, which give the same value.
     */
    @KlPair(p = MultivariateNormal.class, q = MultivariateNormal.class)
    @KlPair(p = Normal.class, q = DiagNormal.class)
    @KlPair(p = DiagNormal.class, q = Normal.class)
    @KlPair(p = Normal.class, q = MultivariateNormal.class)
    @KlPair(p = MultivariateNormal.class, q = Normal.class)
    @KlPair(p = DiagNormal.class, q = MultivariateNormal.class)
    @KlPair(p = MultivariateNormal.class, q = DiagNormal.class)
    @KlPair(p = LowRankMultivariateNormal.class, q = LowRankMultivariateNormal.class)
    @KlPair(p = MultivariateNormal.class, q = LowRankMultivariateNormal.class)
    @KlPair(p = LowRankMultivariateNormal.class, q = MultivariateNormal.class)
    @KlPair(p = Normal.class, q = LowRankMultivariateNormal.class)
    @KlPair(p = LowRankMultivariateNormal.class, q = Normal.class)
    @KlPair(p = DiagNormal.class, q = LowRankMultivariateNormal.class)
    @KlPair(p = LowRankMultivariateNormal.class, q = DiagNormal.class)
    static double gaussian(Distribution p, Distribution q) {
        requireSameDimension(p, q);
        return GaussianKl.mvnFromScaleTril(p.mean(), scaleTril(p), q.mean(), scaleTril(q));
    }

    private static double[][] scaleTril(Distribution d) {
        if (d instanceof MultivariateNormal m) {
            return m.scaleTril();
        }
        if (d instanceof LowRankMultivariateNormal m) {
            return m.scaleTril();
        }
        double[] sd = d instanceof DiagNormal g ? g.scale() : new double[] {((Normal) d).scale()};
        double[][] l = new double[sd.length][sd.length];
        for (int i = 0; i < sd.length; i++) {
            l[i][i] = sd[i];
        }
        return l;
    }

    private static void requireSameDimension(Distribution p, Distribution q) {
        if (p.eventSize() != q.eventSize()) {
            throw new InvalidArgumentException("q", "dimension mismatch: p has dimension " + p.eventSize()
                    + ", q has dimension " + q.eventSize());
        }
    }
}
