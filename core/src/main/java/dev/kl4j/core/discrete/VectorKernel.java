package dev.kl4j.core.discrete;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link FusedKernel} on the incubating Vector API ({@code jdk.incubator.vector}), with
 * {@link VectorOperators#LOG} on the preferred species (8 doubles with AVX-512, 4 with AVX2).
 *
 * <p>Only {@link Kernels} refers to this class, and only after checking that the module is in the boot
 * layer, so the class is never loaded (and cannot fail to link) without it.
 *
 * <p>Per lane the KL term is p · ln(p/q), kept where p &gt; 0 (a masked add), so p = 0 lanes add 0 even
 * when q = 0, and p &gt; 0 = q lanes add +∞, exactly as in {@link ScalarKernel#relEntr}. If the vector
 * sum is not finite, either some p &gt; 0 meets q = 0 or a ratio p/q overflowed or underflowed; the
 * scalar rescan {@link ScalarKernel#relativeEntropySum} tells which and gives the exact value.
 */
final class VectorKernel implements FusedKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    static final VectorKernel INSTANCE = new VectorKernel();

    private VectorKernel() {
    }

    /** @return lanes per vector on this machine */
    static int lanes() {
        return SPECIES.length();
    }

    @Override
    public FusedPass relativeEntropy(double[] p, double[] q) {
        int n = p.length;
        int bound = SPECIES.loopBound(n);
        DoubleVector sumP = DoubleVector.zero(SPECIES);
        DoubleVector sumQ = DoubleVector.zero(SPECIES);
        DoubleVector minP = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
        DoubleVector minQ = minP;
        DoubleVector kl = DoubleVector.zero(SPECIES);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector vp = DoubleVector.fromArray(SPECIES, p, i);
            DoubleVector vq = DoubleVector.fromArray(SPECIES, q, i);
            sumP = sumP.add(vp);
            sumQ = sumQ.add(vq);
            minP = minP.min(vp);
            minQ = minQ.min(vq);
            VectorMask<Double> positive = vp.compare(VectorOperators.GT, 0.0);
            DoubleVector term = vp.mul(vp.div(vq).lanewise(VectorOperators.LOG));
            kl = kl.add(term, positive);
        }
        double sp = sumP.reduceLanes(VectorOperators.ADD);
        double sq = sumQ.reduceLanes(VectorOperators.ADD);
        double mp = minP.reduceLanes(VectorOperators.MIN);
        double mq = minQ.reduceLanes(VectorOperators.MIN);
        double value = kl.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double pi = p[i];
            double qi = q[i];
            sp += pi;
            sq += qi;
            mp = Math.min(mp, pi);
            mq = Math.min(mq, qi);
            value += ScalarKernel.relEntr(pi, qi);
        }
        FusedPass pass = new FusedPass(sp, mp, sq, mq, value);
        if (!Double.isFinite(value) && pass.entriesValid()) {
            pass = new FusedPass(sp, mp, sq, mq, ScalarKernel.relativeEntropySum(p, q));
        }
        return pass;
    }

    @Override
    public FusedPass entropy(double[] p) {
        int n = p.length;
        int bound = SPECIES.loopBound(n);
        DoubleVector sumP = DoubleVector.zero(SPECIES);
        DoubleVector minP = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
        DoubleVector pLnP = DoubleVector.zero(SPECIES);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector vp = DoubleVector.fromArray(SPECIES, p, i);
            sumP = sumP.add(vp);
            minP = minP.min(vp);
            VectorMask<Double> positive = vp.compare(VectorOperators.GT, 0.0);
            pLnP = pLnP.add(vp.mul(vp.lanewise(VectorOperators.LOG)), positive);
        }
        double sp = sumP.reduceLanes(VectorOperators.ADD);
        double mp = minP.reduceLanes(VectorOperators.MIN);
        double value = pLnP.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double pi = p[i];
            sp += pi;
            mp = Math.min(mp, pi);
            if (pi > 0.0) {
                value += pi * Math.log(pi);
            }
        }
        return new FusedPass(sp, mp, 1.0, 0.0, 0.0 - value); // 0.0 - x: no -0.0
    }
}
