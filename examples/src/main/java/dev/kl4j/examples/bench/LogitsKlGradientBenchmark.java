package dev.kl4j.examples.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.djl.DjlDivergences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Value <em>and gradient</em> of the distillation KL at vocabulary scale: one operation is
 * {@code mean(DjlDivergences.klFromLogits(teacher, student))} over two float32 {@code [rows × cols]}
 * logit matrices followed by the backward pass, with the gradient taken with respect to the student
 * ({@code gradient=student}, the distillation case) or both inputs ({@code gradient=both}). It reads
 * {@code 2·rows·cols·4} bytes of input (1 GiB at the default 4096 × 32768), which {@code kl4j bench} prints
 * as GB/s. Logits are N(0, 3²), seeded.
 *
 * <p>{@link #main} measures the peak native memory of one such operation in its own JVM: it resets the
 * kernel's resident-set high-water mark ({@code /proc/self/clear_refs}), runs the operation, and prints
 * VmHWM − VmRSS-before, the extra memory the KL and its gradient needed beyond the two inputs. Run it
 * with a small pre-touched Java heap ({@code -Xms128m -Xmx128m -XX:+AlwaysPreTouch}) so that the
 * figure is native memory, not the Java heap growing. It also prints the CPU time of the calling thread,
 * which with {@code -Dai.djl.pytorch.num_threads=1} is the whole computation's, a rate that a loaded
 * machine distorts less than wall time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogitsKlGradientBenchmark {
    private static final int SEED = 42;
    /** Set by {@link #main}: reads the memory between the forward and the backward pass. */
    private static Runnable AFTER_FORWARD;

    /** Which inputs need a gradient: {@code student} (the second argument) or {@code both}. */
    @Param({"student", "both"})
    public String gradient;

    /** Batch rows (sequence positions). */
    @Param("4096")
    public int rows;

    /** Categories per row (vocabulary size). */
    @Param("32768")
    public int cols;

    private NDManager manager;
    private NDArray teacher;
    private NDArray student;

    /** Draws the seeded N(0, 3²) teacher and student logit matrices, float32. */
    @Setup(Level.Trial)
    public void createLogits() {
        Engine.getInstance().setRandomSeed(SEED);
        manager = NDManager.newBaseManager();
        Shape shape = new Shape(rows, cols);
        teacher = manager.randomNormal(0f, 3f, shape, DataType.FLOAT32);
        student = manager.randomNormal(0f, 3f, shape, DataType.FLOAT32);
    }

    /** Closes the manager and with it the logits. */
    @TearDown(Level.Trial)
    public void release() {
        manager.close();
    }

    /** {@return one element of the student's gradient, so that the work cannot be skipped} */
    @Benchmark
    public float valueAndGradient() {
        return run(teacher, student, gradient.equals("both"));
    }

    /**
     * One forward and backward pass. Fresh leaves ({@code stopGradient} views, no copy) so that gradients
     * do not accumulate from one operation to the next.
     */
    static float run(NDArray teacherLogits, NDArray studentLogits, boolean teacherGradient) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray t = teacherLogits.stopGradient();
            NDArray s = studentLogits.stopGradient();
            s.setRequiresGradient(true);
            if (teacherGradient) {
                t.setRequiresGradient(true);
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = DjlDivergences.klFromLogits(t, s).mean();
                if (AFTER_FORWARD != null) {
                    AFTER_FORWARD.run();
                }
                collector.backward(loss);
            }
            return s.getGradient().getFloat(0, 0);
        }
    }

    /**
     * Peak-memory probe in this JVM: {@code LogitsKlGradientBenchmark [rows cols [student|both]]}.
     *
     * @param args rows, cols and which gradients (defaults 4096, 32768, student)
     * @throws IOException if /proc cannot be read
     */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int cols = args.length > 1 ? Integer.parseInt(args[1]) : 32768;
        boolean both = args.length > 2 && args[2].equals("both");
        LogitsKlGradientBenchmark bench = new LogitsKlGradientBenchmark();
        bench.rows = rows;
        bench.cols = cols;
        // Load libtorch and warm the code paths on a small input first.
        try (NDManager warm = NDManager.newBaseManager()) {
            run(warm.randomNormal(new Shape(16, 64)), warm.randomNormal(new Shape(16, 64)), both);
        }
        bench.createLogits();
        double inputMiB = 2.0 * rows * cols * Float.BYTES / (1 << 20);
        long before = status("VmRSS");
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");   // reset VmHWM to the current RSS
        long[] afterForward = new long[2];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        AFTER_FORWARD = () -> {
            afterForward[0] = statusUnchecked("VmHWM");
            afterForward[1] = System.nanoTime() - start;
        };
        run(bench.teacher, bench.student, both);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long peak = status("VmHWM");
        double extraMiB = (peak - before) / 1024.0;
        System.out.printf(Locale.ROOT, "forward pass: peak extra %.0f MiB, %.2f s%n",
                (afterForward[0] - before) / 1024.0, afterForward[1] / 1e9);
        System.out.printf(Locale.ROOT, "klFromLogits value+gradient (%s) [%d x %d] float32: inputs %.0f MiB, "
                + "peak extra %.0f MiB = %.2f x inputs, %.2f s wall (%.2f GB/s of input), %.2f s CPU of this thread "
                + "(%.2f GB/s; with one libtorch thread that is all of the work)%n",
                both ? "both" : "student", rows, cols, inputMiB, extraMiB, extraMiB / inputMiB, seconds,
                2.0 * rows * cols * Float.BYTES / seconds / 1e9, cpuSeconds,
                2.0 * rows * cols * Float.BYTES / cpuSeconds / 1e9);
        bench.release();
    }

    private static long statusUnchecked(String field) {
        try {
            return status(field);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A {@code /proc/self/status} field in kB. */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException(field + " not found in /proc/self/status");
    }
}
