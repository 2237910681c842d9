package dev.kl4j.core.discrete;

/**
 * The plain-Java {@link FusedKernel}. KL is summed as Σ g + Σ (p − q) with the accurate terms of
 * {@link RelativeEntropyTerms}: a short series for p/q in [9/11, 11/9], one {@code Math.log} elsewhere.
 */
final class ScalarKernel implements FusedKernel {

    static final ScalarKernel INSTANCE = new ScalarKernel();

    private ScalarKernel() {
    }

    /**
     * Σ rel_entr(p_i, q_i) for valid entries, returning +∞ at the first p &gt; 0 = q; summed as
     * Σ g + Σ (p − q) (see {@link RelativeEntropyTerms}). Where p/q overflows or is subnormal the term
     * uses ln p − ln q, so a finite term stays finite (SciPy returns ±inf there).
     */
    static double relativeEntropySum(double[] p, double[] q) {
        double excess = 0.0;
        RelativeEntropyTerms.CompensatedSum differences = new RelativeEntropyTerms.CompensatedSum();
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            if (pi != 0.0) {
                double qi = q[i];
                if (qi == 0.0) {
                    return Double.POSITIVE_INFINITY;
                }
                double d = pi - qi;
                excess += RelativeEntropyTerms.excess(pi, qi, d);
                differences.add(d);
            }
        }
        return excess + differences.value();
    }

    @Override
    public FusedPass relativeEntropy(double[] p, double[] q) {
        double sumP = 0.0;
        double sumQ = 0.0;
        double minP = Double.POSITIVE_INFINITY;
        double minQ = Double.POSITIVE_INFINITY;
        double excess = 0.0;
        boolean infinite = false;
        RelativeEntropyTerms.CompensatedSum differences = new RelativeEntropyTerms.CompensatedSum();
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            double qi = q[i];
            sumP += pi;
            sumQ += qi;
            minP = Math.min(minP, pi);
            minQ = Math.min(minQ, qi);
            if (pi != 0.0) { // 0 ln(0/q) = 0, also for q = 0
                if (qi == 0.0) {
                    infinite = true;
                } else {
                    double d = pi - qi;
                    excess += RelativeEntropyTerms.excess(pi, qi, d);
                    differences.add(d);
                }
            }
        }
        double kl = infinite ? Double.POSITIVE_INFINITY : excess + differences.value();
        return new FusedPass(sumP, minP, sumQ, minQ, kl);
    }

    @Override
    public FusedPass entropy(double[] p) {
        double sumP = 0.0;
        double minP = Double.POSITIVE_INFINITY;
        double pLnP = 0.0;
        for (double pi : p) {
            sumP += pi;
            minP = Math.min(minP, pi);
            if (pi > 0.0) {
                pLnP += pi * Math.log(pi);
            }
        }
        return new FusedPass(sumP, minP, 1.0, 0.0, 0.0 - pLnP); // 0.0 - x: no -0.0
    }
}
