package dev.kl4j.core.kl;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.Bernoulli;
import dev.kl4j.core.distribution.Beta;
import dev.kl4j.core.distribution.Categorical;
import dev.kl4j.core.distribution.DiagNormal;
import dev.kl4j.core.distribution.Dirichlet;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Exponential;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Laplace;
import dev.kl4j.core.distribution.MultivariateNormal;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Poisson;
import dev.kl4j.core.distribution.Uniform;

/**
 * The standard closed-form pairs: 12 same-family pairs, 6 mixed Gaussian pairs, 18 cross-family
 * formulas and 12 pairs that are +∞ because p has mass outside q's support — 48 in all.
 */
final class StandardPairs {
    private StandardPairs() {
    }

    static void registerAll(KlRegistry r) {
        // Gaussian families, including the mixed pairs (dimensions must agree).
        r.register(Normal.class, Normal.class, (p, q) -> GaussianKl.normal(p.loc(), p.scale(), q.loc(), q.scale()));
        r.register(DiagNormal.class, DiagNormal.class, (p, q) -> {
            requireSameDimension(p, q);
            return GaussianKl.diagonal(p.loc(), p.scale(), q.loc(), q.scale());
        });
        r.register(MultivariateNormal.class, MultivariateNormal.class, StandardPairs::gaussian);
        r.register(Normal.class, DiagNormal.class, StandardPairs::gaussian);
        r.register(DiagNormal.class, Normal.class, StandardPairs::gaussian);
        r.register(Normal.class, MultivariateNormal.class, StandardPairs::gaussian);
        r.register(MultivariateNormal.class, Normal.class, StandardPairs::gaussian);
        r.register(DiagNormal.class, MultivariateNormal.class, StandardPairs::gaussian);
        r.register(MultivariateNormal.class, DiagNormal.class, StandardPairs::gaussian);

        // Other same-family pairs.
        r.register(Categorical.class, Categorical.class, SameFamilyKl::categorical);
        r.register(Bernoulli.class, Bernoulli.class, SameFamilyKl::bernoulli);
        r.register(Poisson.class, Poisson.class, SameFamilyKl::poisson);
        r.register(Exponential.class, Exponential.class, SameFamilyKl::exponential);
        r.register(Gamma.class, Gamma.class, SameFamilyKl::gamma);
        r.register(Beta.class, Beta.class, SameFamilyKl::beta);
        r.register(Dirichlet.class, Dirichlet.class, SameFamilyKl::dirichlet);
        r.register(Laplace.class, Laplace.class, SameFamilyKl::laplace);
        r.register(Uniform.class, Uniform.class, SameFamilyKl::uniform);

        // Cross-family closed forms (some are +∞ for parameters where the supports do not nest).
        r.register(Exponential.class, Gamma.class, CrossFamilyKl::exponentialGamma);
        r.register(Gamma.class, Exponential.class, CrossFamilyKl::gammaExponential);
        r.register(Exponential.class, Normal.class, CrossFamilyKl::toNormal);
        r.register(Gamma.class, Normal.class, CrossFamilyKl::toNormal);
        r.register(Beta.class, Normal.class, CrossFamilyKl::toNormal);
        r.register(Uniform.class, Normal.class, CrossFamilyKl::toNormal);
        r.register(Laplace.class, Normal.class, CrossFamilyKl::toNormal);
        r.register(Normal.class, Laplace.class, CrossFamilyKl::normalLaplace);
        r.register(Uniform.class, Laplace.class, CrossFamilyKl::uniformLaplace);
        r.register(Exponential.class, Laplace.class, CrossFamilyKl::exponentialLaplace);
        r.register(Gamma.class, Laplace.class, CrossFamilyKl::gammaLaplace);
        r.register(Beta.class, Laplace.class, CrossFamilyKl::betaLaplace);
        r.register(Uniform.class, Gamma.class, CrossFamilyKl::uniformGamma);
        r.register(Uniform.class, Exponential.class, CrossFamilyKl::uniformExponential);
        r.register(Uniform.class, Beta.class, CrossFamilyKl::uniformBeta);
        r.register(Beta.class, Exponential.class, CrossFamilyKl::betaExponential);
        r.register(Beta.class, Gamma.class, CrossFamilyKl::betaGamma);
        r.register(Beta.class, Uniform.class, CrossFamilyKl::betaUniform);

        // +∞: p has positive mass where q's density is zero.
        r.register(Normal.class, Exponential.class, CrossFamilyKl::infinite);
        r.register(Normal.class, Gamma.class, CrossFamilyKl::infinite);
        r.register(Normal.class, Beta.class, CrossFamilyKl::infinite);
        r.register(Normal.class, Uniform.class, CrossFamilyKl::infinite);
        r.register(Laplace.class, Exponential.class, CrossFamilyKl::infinite);
        r.register(Laplace.class, Gamma.class, CrossFamilyKl::infinite);
        r.register(Laplace.class, Beta.class, CrossFamilyKl::infinite);
        r.register(Laplace.class, Uniform.class, CrossFamilyKl::infinite);
        r.register(Exponential.class, Uniform.class, CrossFamilyKl::infinite);
        r.register(Exponential.class, Beta.class, CrossFamilyKl::infinite);
        r.register(Gamma.class, Uniform.class, CrossFamilyKl::infinite);
        r.register(Gamma.class, Beta.class, CrossFamilyKl::infinite);
    }

    /** Any two of Normal, DiagNormal, MultivariateNormal of equal dimension, through Cholesky factors. */
    private static double gaussian(Distribution p, Distribution q) {
        requireSameDimension(p, q);
        return GaussianKl.mvnFromScaleTril(p.mean(), scaleTril(p), q.mean(), scaleTril(q));
    }

    private static double[][] scaleTril(Distribution d) {
        if (d instanceof MultivariateNormal m) {
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
