package dev.kl4j.core.discrete;

/** The plain-Java {@link FusedKernel}: one {@code Math.log} per entry. */
final class ScalarKernel implements FusedKernel {

    static final ScalarKernel INSTANCE = new ScalarKernel();

    private ScalarKernel() {
    }

    /**
     * SciPy's {@code rel_entr(p, q)} for p, q ≥ 0: p ln(p/q), 0 when p = 0, +∞ when p &gt; 0 = q.
     * Where p/q overflows or is subnormal the term is p(ln p − ln q), so a finite
     * term stays finite (SciPy computes {@code x * log(x / y)} and returns ±inf there).
     */
    static double relEntr(double p, double q) {
        if (p == 0.0) {
            return 0.0;
        }
        if (q == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        return p * logRatio(p, q);
    }

    /**
     * ln(p/q) for p, q &gt; 0, also when p/q overflows or is subnormal (a subnormal quotient has lost
     * significant digits, which matter once the logarithm is scaled and exponentiated, as in Rényi).
     */
    static double logRatio(double p, double q) {
        double r = p / q;
        if (r >= Double.MIN_NORMAL && r < Double.POSITIVE_INFINITY) {
            return Math.log(r);
        }
        return Math.log(p) - Math.log(q);
    }

    /** Σ rel_entr(p_i, q_i) for valid entries, returning +∞ at the first p &gt; 0 = q. */
    static double relativeEntropySum(double[] p, double[] q) {
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            if (pi != 0.0) {
                double qi = q[i];
                if (qi == 0.0) {
                    return Double.POSITIVE_INFINITY;
                }
                sum += pi * logRatio(pi, qi);
            }
        }
        return sum;
    }

    @Override
    public FusedPass relativeEntropy(double[] p, double[] q) {
        double sumP = 0.0;
        double sumQ = 0.0;
        double minP = Double.POSITIVE_INFINITY;
        double minQ = Double.POSITIVE_INFINITY;
        double kl = 0.0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            double qi = q[i];
            sumP += pi;
            sumQ += qi;
            minP = Math.min(minP, pi);
            minQ = Math.min(minQ, qi);
            kl += relEntr(pi, qi);
        }
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
