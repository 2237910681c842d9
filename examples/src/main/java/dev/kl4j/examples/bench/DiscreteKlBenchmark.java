package dev.kl4j.examples.bench;

import dev.kl4j.core.discrete.DiscreteKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Discrete KL(P‖Q) on {@code double[]} against the memory bandwidth of the same machine.
 *
 * <ul>
 *   <li>{@code copyBoth}: {@code System.arraycopy} of p and q into preallocated buffers, the yardstick
 *       (it reads both arrays, as KL must, and writes them too).</li>
 *   <li>{@code klVector}: the validating KL through the Vector API kernel
 *       ({@link DiscreteKernels#klVector}).</li>
 *   <li>{@code klScalar}: the same through the plain {@code Math.log} loop
 *       ({@link DiscreteKernels#klScalar}).</li>
 * </ul>
 * All three process {@code size} elements of each array per operation, so the ratio of throughputs
 * (ops/s) is the ratio of elements per second. The goal is klVector ≥ 0.5 × copyBoth at 10⁷. On these
 * inputs the vector kernel returns its certified plain sum (one pass; the accurate rerun is for P close
 * to Q), while klScalar always runs the accurate split.
 *
 * <p>Run (from the repository root, after {@code mvn -q -B -o -DskipTests package}):
 * <pre>
 * java -cp examples/target/classes:$(cat examples/target/classpath.txt) --add-modules jdk.incubator.vector \
 *     org.openjdk.jmh.Main DiscreteKl -f 1 -wi 2 -i 3 -w 1 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class DiscreteKlBenchmark {

    /** Entries of p and of q: 10³, 10⁵ and 10⁷ (80 MB per array, well beyond the caches). */
    @Param({"1000", "100000", "10000000"})
    public int size;

    private double[] p;
    private double[] q;
    private double[] pCopy;
    private double[] qCopy;

    /** Seeded probability vectors with about 10% exact zeros in p and none in q (finite KL). */
    @Setup(Level.Trial)
    public void setUp() {
        if (!DiscreteKernels.vectorApiInUse()) {
            throw new IllegalStateException("run with --add-modules jdk.incubator.vector");
        }
        SplittableRandom rng = new SplittableRandom(42);
        p = new double[size];
        q = new double[size];
        double sumP = 0;
        double sumQ = 0;
        for (int i = 0; i < size; i++) {
            p[i] = rng.nextDouble() < 0.1 ? 0.0 : rng.nextDouble();
            q[i] = 0.05 + rng.nextDouble();
            sumP += p[i];
            sumQ += q[i];
        }
        for (int i = 0; i < size; i++) {
            p[i] /= sumP;
            q[i] /= sumQ;
        }
        pCopy = new double[size];
        qCopy = new double[size];
    }

    /**
     * The yardstick: copies p and q into preallocated buffers (reads 2·size doubles, writes 2·size).
     *
     * @return the last copied entries' sum, so that the copy cannot be skipped
     */
    @Benchmark
    public double copyBoth() {
        System.arraycopy(p, 0, pCopy, 0, size);
        System.arraycopy(q, 0, qCopy, 0, size);
        return pCopy[size - 1] + qCopy[size - 1];
    }

    /**
     * KL(p ‖ q) = Σ p_i ln(p_i / q_i) in nats with validation, through the Vector API kernel.
     *
     * @return KL(p ‖ q)
     */
    @Benchmark
    public double klVector() {
        return DiscreteKernels.klVector(p, q);
    }

    /**
     * The same KL(p ‖ q) through the scalar {@code Math.log} loop, with its accurate split sum.
     *
     * @return KL(p ‖ q)
     */
    @Benchmark
    public double klScalar() {
        return DiscreteKernels.klScalar(p, q);
    }
}
