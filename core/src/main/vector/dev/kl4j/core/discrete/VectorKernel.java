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
 * <p><b>KL in two tiers.</b> {@link #relativeEntropy} first runs the fast pass
 * {@link #plainRelativeEntropy}: the plain S = Σ_{p&gt;0} p ln(p/q) (one division and one LOG per lane)
 * with a two-sum accumulator per lane, together with Â = Σ |p ln(p/q)| + Σ p. {@link PlainSumBound}
 * proves |S − KL| ≤ B = Â (4.25 u + O((n/L)² u²)) + n 2⁻¹⁰²⁰ (L lanes) (u = 2⁻⁵³) and S is returned when
 * B ≤ 10⁻¹³ S, as for most inputs. Otherwise (P close to Q, where the terms cancel) the accurate pass
 * {@link #accurateRelativeEntropy} runs, and where S is not finite (some p &gt; 0 = q, or a ratio that
 * overflows or underflows) the scalar {@link ScalarKernel#relativeEntropySum} gives the exact value.
 * The validation statistics come from whichever pass returns; with an invalid entry the fast pass is
 * returned as it is, since validation will throw.
 *
 * <p>The accurate pass sums Σ g + Σ (p − q) with the terms of {@link RelativeEntropyTerms}: per lane
 * g = p ln r + (ρ − (p − q)), r = fl(p/q), ρ = p − r q by a fused multiply-add
 * ({@link VectorOperators#LOG}), blended with the series g = s w² (1 + (1+w) w T(w²)) (Estrin's scheme)
 * in lanes with p/q in [9/11, 11/9]; the series is evaluated only for vectors that have such a lane.
 * Σ (p − q) is a per-lane two-sum, reduced with compensation. Both parts are kept only where
 * p &gt; 0 (masked adds), so p = 0 lanes add 0 even when q = 0, and p &gt; 0 = q lanes add +∞, as in
 * {@link ScalarKernel}. If the vector sum is not finite, either some p &gt; 0 meets q = 0 or a ratio p/q
 * overflowed or underflowed; the scalar rescan {@link ScalarKernel#relativeEntropySum} tells which and
 * gives the exact value.
 */
final class VectorKernel implements FusedKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    static final VectorKernel INSTANCE = new VectorKernel();

    /** p/q bounds of the series range: (1 − 0.1)/(1 + 0.1) and its inverse. */
    private static final double SERIES_LOW = 9.0 / 11.0, SERIES_HIGH = 11.0 / 9.0;

    // T(x) = Σ_{k=0}^{7} x^k/(2k+3) (RelativeEntropyTerms.T_COEFFICIENTS) as constants for Estrin's scheme.
    private static final double C0 = 1.0 / 3, C1 = 1.0 / 5, C2 = 1.0 / 7, C3 = 1.0 / 9, C4 = 1.0 / 11,
            C5 = 1.0 / 13, C6 = 1.0 / 15, C7 = 1.0 / 17;

    private VectorKernel() {
    }

    /** @return lanes per vector on this machine */
    static int lanes() {
        return SPECIES.length();
    }

    /**
     * The fast pass and its rounding-error bound.
     *
     * @param pass  the validation statistics and the plain sum S as {@code value}
     * @param bound B, the bound on |S − KL| of {@link PlainSumBound}
     */
    record PlainPass(FusedPass pass, double bound) {

        /** @return true when the bound certifies S to 10⁻¹³ relative, so S is returned as KL */
        boolean certified() {
            return PlainSumBound.certifies(pass.value(), bound);
        }
    }

    @Override
    public FusedPass relativeEntropy(double[] p, double[] q) {
        PlainPass plain = plainRelativeEntropy(p, q);
        FusedPass pass = plain.pass();
        if (plain.certified() || !pass.entriesValid()) {
            return pass;
        }
        if (!Double.isFinite(pass.value()) || !Double.isFinite(plain.bound())) {
            double exact = ScalarKernel.relativeEntropySum(p, q);
            return new FusedPass(pass.sumP(), pass.minP(), pass.sumQ(), pass.minQ(), exact);
        }
        return accurateRelativeEntropy(p, q);
    }

    /**
     * The fast pass: S = Σ_{p&gt;0} p ln(p/q) summed with a two-sum per lane, and its bound B (see
     * {@link PlainSumBound}). p = 0 lanes add nothing (also for q = 0); p &gt; 0 = q lanes make S
     * non-finite, so such an input is never certified.
     */
    PlainPass plainRelativeEntropy(double[] p, double[] q) {
        int n = p.length;
        int bound = SPECIES.loopBound(n);
        DoubleVector sumP = DoubleVector.zero(SPECIES);
        DoubleVector sumQ = DoubleVector.zero(SPECIES);
        DoubleVector minP = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
        DoubleVector minQ = minP;
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector terms = zero;
        DoubleVector compensation = zero;
        DoubleVector absTerms = zero;
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector vp = DoubleVector.fromArray(SPECIES, p, i);
            DoubleVector vq = DoubleVector.fromArray(SPECIES, q, i);
            sumP = sumP.add(vp);
            sumQ = sumQ.add(vq);
            minP = minP.min(vp);
            minQ = minQ.min(vq);
            VectorMask<Double> positive = vp.compare(VectorOperators.GT, 0.0);
            DoubleVector t = vp.mul(vp.div(vq).lanewise(VectorOperators.LOG));
            t = zero.blend(t, positive); // 0 ln(0/q) = 0; the lane itself holds NaN
            absTerms = absTerms.add(t.max(zero.sub(t)));
            // two-sum: sum + error == terms + t exactly
            DoubleVector sum = terms.add(t);
            DoubleVector tPart = sum.sub(terms);
            compensation = compensation.add(terms.sub(sum.sub(tPart)).add(t.sub(tPart)));
            terms = sum;
        }
        double sp = sumP.reduceLanes(VectorOperators.ADD);
        double sq = sumQ.reduceLanes(VectorOperators.ADD);
        double mp = minP.reduceLanes(VectorOperators.MIN);
        double mq = minQ.reduceLanes(VectorOperators.MIN);
        double abs = absTerms.reduceLanes(VectorOperators.ADD);
        RelativeEntropyTerms.CompensatedSum s = new RelativeEntropyTerms.CompensatedSum();
        for (int lane = 0; lane < SPECIES.length(); lane++) {
            s.add(terms.lane(lane));
            s.add(compensation.lane(lane));
        }
        for (; i < n; i++) {
            double pi = p[i];
            double qi = q[i];
            sp += pi;
            sq += qi;
            mp = Math.min(mp, pi);
            mq = Math.min(mq, qi);
            if (pi > 0.0) {
                double t = pi * Math.log(pi / qi);
                abs += Math.abs(t);
                s.add(t);
            }
        }
        double b = PlainSumBound.of(abs + sp, n, SPECIES.length());
        return new PlainPass(new FusedPass(sp, mp, sq, mq, s.value()), b);
    }

    /** The accurate pass: Σ g + Σ (p − q) as in the class comment, a few ulps per term. */
    FusedPass accurateRelativeEntropy(double[] p, double[] q) {
        int n = p.length;
        int bound = SPECIES.loopBound(n);
        DoubleVector sumP = DoubleVector.zero(SPECIES);
        DoubleVector sumQ = DoubleVector.zero(SPECIES);
        DoubleVector minP = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
        DoubleVector minQ = minP;
        DoubleVector excess = DoubleVector.zero(SPECIES);
        DoubleVector differences = DoubleVector.zero(SPECIES);
        DoubleVector compensation = DoubleVector.zero(SPECIES);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector vp = DoubleVector.fromArray(SPECIES, p, i);
            DoubleVector vq = DoubleVector.fromArray(SPECIES, q, i);
            sumP = sumP.add(vp);
            sumQ = sumQ.add(vq);
            minP = minP.min(vp);
            minQ = minQ.min(vq);
            VectorMask<Double> positive = vp.compare(VectorOperators.GT, 0.0);
            DoubleVector d = vp.sub(vq);
            // p ln(p/q) − d with r = fl(p/q): p ln(p/q) = p ln r + ρ to first order, ρ = p − r q (exact by fma)
            DoubleVector r = vp.div(vq);
            DoubleVector residual = zero.sub(r).fma(vq, vp); // (neg() and abs() were not intrinsified here)
            DoubleVector direct = vp.mul(r.lanewise(VectorOperators.LOG)).add(residual.sub(d));
            // |w| ≤ 0.1 ⇔ r in [9/11, 11/9]; the series is evaluated only for vectors with such a lane
            VectorMask<Double> series = r.compare(VectorOperators.GE, SERIES_LOW)
                    .and(r.compare(VectorOperators.LE, SERIES_HIGH));
            if (series.anyTrue()) {
                excess = excess.add(direct.blend(seriesExcess(vp, vq, d), series), positive);
            } else {
                excess = excess.add(direct, positive);
            }
            // two-sum of the differences, lane by lane
            DoubleVector dPositive = zero.blend(d, positive);
            DoubleVector sum = differences.add(dPositive);
            DoubleVector dPart = sum.sub(differences);
            compensation = compensation.add(differences.sub(sum.sub(dPart)).add(dPositive.sub(dPart)));
            differences = sum;
        }
        double sp = sumP.reduceLanes(VectorOperators.ADD);
        double sq = sumQ.reduceLanes(VectorOperators.ADD);
        double mp = minP.reduceLanes(VectorOperators.MIN);
        double mq = minQ.reduceLanes(VectorOperators.MIN);
        double value = excess.reduceLanes(VectorOperators.ADD);
        RelativeEntropyTerms.CompensatedSum differenceSum = new RelativeEntropyTerms.CompensatedSum();
        for (int lane = 0; lane < SPECIES.length(); lane++) {
            differenceSum.add(differences.lane(lane));
            differenceSum.add(compensation.lane(lane));
        }
        boolean infinite = false;
        for (; i < n; i++) {
            double pi = p[i];
            double qi = q[i];
            sp += pi;
            sq += qi;
            mp = Math.min(mp, pi);
            mq = Math.min(mq, qi);
            if (pi != 0.0) {
                if (qi == 0.0) {
                    infinite = true;
                } else {
                    double d = pi - qi;
                    value += RelativeEntropyTerms.excess(pi, qi, d);
                    differenceSum.add(d);
                }
            }
        }
        value = infinite ? Double.POSITIVE_INFINITY : value + differenceSum.value();
        FusedPass pass = new FusedPass(sp, mp, sq, mq, value);
        if (!Double.isFinite(value) && pass.entriesValid()) {
            pass = new FusedPass(sp, mp, sq, mq, ScalarKernel.relativeEntropySum(p, q));
        }
        return pass;
    }

    /** g = s w² (1 + (1+w) w T(w²)), s = p + q, w = d/s. */
    private static DoubleVector seriesExcess(DoubleVector vp, DoubleVector vq, DoubleVector d) {
        DoubleVector s = vp.add(vq);
        DoubleVector w = d.div(s);
        DoubleVector x = w.mul(w);
        return s.mul(x).mul(w.add(1.0).mul(w).mul(series(x)).add(1.0));
    }

    /** T(x) by Estrin's scheme (short dependency chains; a Horner chain made the loop latency-bound). */
    private static DoubleVector series(DoubleVector x) {
        DoubleVector x2 = x.mul(x);
        DoubleVector a = x.fma(DoubleVector.broadcast(SPECIES, C1), DoubleVector.broadcast(SPECIES, C0));
        DoubleVector b = x.fma(DoubleVector.broadcast(SPECIES, C3), DoubleVector.broadcast(SPECIES, C2));
        DoubleVector c = x.fma(DoubleVector.broadcast(SPECIES, C5), DoubleVector.broadcast(SPECIES, C4));
        DoubleVector d = x.fma(DoubleVector.broadcast(SPECIES, C7), DoubleVector.broadcast(SPECIES, C6));
        DoubleVector low = x2.fma(b, a);
        DoubleVector high = x2.fma(d, c);
        return x2.mul(x2).fma(high, low);
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
