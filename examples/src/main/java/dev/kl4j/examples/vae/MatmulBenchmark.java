package dev.kl4j.examples.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * DJL (libtorch) float32 matrix-multiply throughput, measured in the calling process: the reference
 * the VAE's FLOP rate is compared with.
 */
public final class MatmulBenchmark {
    private MatmulBenchmark() {
    }

    /**
     * GFLOP/s of {@code [m, k] × [k, n]} (2·m·k·n FLOPs each), best of a few timed rounds after warm-up.
     *
     * @param m rows of the left operand
     * @param k inner size
     * @param n columns of the right operand
     * @param minSeconds time to spend per round
     * @return GFLOP/s
     */
    public static double gflops(int m, int k, int n, double minSeconds) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomUniform(-1f, 1f, new Shape(m, k));
            NDArray b = manager.randomUniform(-1f, 1f, new Shape(k, n));
            double flops = 2.0 * m * k * n;
            double best = 0;
            for (int round = 0; round < 4; round++) {
                long start = System.nanoTime();
                long reps = 0;
                double elapsed;
                do {
                    try (NDScope ignored = new NDScope()) {
                        a.matMul(b).getFloat(0, 0); // force completion
                    }
                    reps++;
                    elapsed = (System.nanoTime() - start) / 1e9;
                } while (elapsed < minSeconds);
                if (round > 0) { // round 0 is warm-up
                    best = Math.max(best, flops * reps / elapsed / 1e9);
                }
            }
            return best;
        }
    }
}
