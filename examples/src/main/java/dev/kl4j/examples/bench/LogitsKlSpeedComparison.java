package dev.kl4j.examples.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.kl4j.core.djl.DjlDivergences;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BinaryOperator;

/**
 * Old against new in one JVM: value + gradient of {@code mean(klFromLogits(teacher, student))} on two
 * seeded N(0, 3²) float32 {@code [rows × cols]} matrices, alternating {@link PreviousKlFromLogits} (the
 * implementation before the Java kernel) and {@code DjlDivergences.klFromLogits}, after one warm-up
 * round of each. It prints the CPU time of the whole process (every thread, libtorch's and the Java
 * kernel's) and the wall time of each run, GB/s of input read (2·rows·cols·4 bytes) per CPU second and
 * per wall second, and the median ratio old/new of both. The CPU ratio is the figure a loaded machine
 * distorts least; the wall figures are the ones a quiet machine should be measured by.
 *
 * <pre>
 * LogitsKlSpeedComparison [rows cols [student|both [rounds]]]     (defaults 4096 32768 student 3)
 * </pre>
 */
public final class LogitsKlSpeedComparison {
    private LogitsKlSpeedComparison() {
    }

    /**
     * Runs the comparison.
     *
     * @param args rows, cols, which gradients, rounds
     */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int cols = args.length > 1 ? Integer.parseInt(args[1]) : 32768;
        boolean both = args.length > 2 && args[2].equals("both");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double gigabytes = 2.0 * rows * cols * Float.BYTES / 1e9;
        System.out.printf(Locale.ROOT, "klFromLogits value+gradient (%s) [%d x %d] float32, %s, libtorch threads %s%n",
                both ? "both" : "student", rows, cols,
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "Vector API kernel" : "scalar kernel (no jdk.incubator.vector)",
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
        Engine.getInstance().setRandomSeed(42);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(rows, cols);
            NDArray teacher = manager.randomNormal(0f, 3f, shape, DataType.FLOAT32);
            NDArray student = manager.randomNormal(0f, 3f, shape, DataType.FLOAT32);
            String[] names = {"previous", "current"};
            BinaryOperator<NDArray>[] paths = paths();
            double[][] cpu = new double[2][rounds];
            double[][] wall = new double[2][rounds];
            for (int round = -1; round < rounds; round++) {
                for (int i = 0; i < 2; i++) {
                    long cpuStart = os.getProcessCpuTime();
                    long wallStart = System.nanoTime();
                    run(paths[i], teacher, student, both);
                    double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
                    double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
                    System.out.printf(Locale.ROOT, "%s %-8s %6.2f s CPU (%.2f GB/s per CPU s), %6.2f s wall (%.2f GB/s)%n",
                            round < 0 ? "warm-up" : "round " + round, names[i], cpuSeconds, gigabytes / cpuSeconds,
                            wallSeconds, gigabytes / wallSeconds);
                    if (round >= 0) {
                        cpu[i][round] = cpuSeconds;
                        wall[i][round] = wallSeconds;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "median previous/current: CPU %.2f x (current %.2f GB/s per CPU s), "
                    + "wall %.2f x (current %.2f GB/s)%n", median(cpu[0]) / median(cpu[1]), gigabytes / median(cpu[1]),
                    median(wall[0]) / median(wall[1]), gigabytes / median(wall[1]));
        }
    }

    @SuppressWarnings("unchecked")
    private static BinaryOperator<NDArray>[] paths() {
        return new BinaryOperator[] {
            (BinaryOperator<NDArray>) PreviousKlFromLogits::klFromLogits,
            (BinaryOperator<NDArray>) DjlDivergences::klFromLogits};
    }

    /** One forward and backward pass through {@code kl} on fresh leaves. */
    private static void run(BinaryOperator<NDArray> kl, NDArray teacherLogits, NDArray studentLogits, boolean both) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray t = teacherLogits.stopGradient();
            NDArray s = studentLogits.stopGradient();
            s.setRequiresGradient(true);
            t.setRequiresGradient(both);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(kl.apply(t, s).mean());
            }
            s.getGradient().getFloat(0, 0);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
