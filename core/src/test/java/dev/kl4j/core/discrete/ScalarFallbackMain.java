package dev.kl4j.core.discrete;

/** Run by {@link FusedKernelTest} in a JVM without the Vector API module. */
final class ScalarFallbackMain {

    private ScalarFallbackMain() {
    }

    /** p uniform on 256 entries. */
    static double[] p() {
        double[] p = new double[256];
        java.util.Arrays.fill(p, 1.0 / 256);
        return p;
    }

    /** q puts 1/512 on the first half and 3/512 on the second: KL = ½ ln 2 + ½ ln(2/3) = ½ ln(4/3). */
    static double[] q() {
        double[] q = new double[256];
        for (int i = 0; i < 256; i++) {
            q[i] = i < 128 ? 1.0 / 512 : 3.0 / 512;
        }
        return q;
    }

    public static void main(String[] args) {
        System.out.println("vector=" + DiscreteKernels.vectorApiInUse() + " kl=" + DiscreteDivergences.kl(p(), q()));
    }
}
