package dev.kl4j.examples.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.kl4j.core.djl.DjlDivergences;
import dev.kl4j.core.nd4j.Nd4jDivergences;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * Categorical KL(softmax(a)‖softmax(b)) per row of two float32 {@code [rows × cols]} logit matrices,
 * through the DJL front end ({@link DjlDivergences#klFromLogits}, PyTorch engine) or the ND4J
 * front end ({@link Nd4jDivergences#klFromLogits}, including its input validation).
 *
 * <p>One operation reads {@code 2·rows·cols·4} bytes of input (1 GiB at the default 4096 × 32768, a
 * vocabulary-sized distillation batch); {@code kl4j bench} prints that as GB/s. Logits are N(0, 3²),
 * seeded. Each front end keeps its temporaries bounded: DJL in an {@link NDScope} per call, ND4J in a
 * reused memory workspace.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogitsKlBenchmark {
    private static final long SEED = 42;

    /** Which front end computes the KL: {@code djl} or {@code nd4j}. */
    @Param({"djl", "nd4j"})
    public String frontEnd;

    /** Batch rows. */
    @Param("4096")
    public int rows;

    /** Categories per row. */
    @Param("32768")
    public int cols;

    private NDManager manager;
    private NDArray djlP;
    private NDArray djlQ;
    private INDArray nd4jP;
    private INDArray nd4jQ;
    private WorkspaceConfiguration workspace;

    /** Draws the two seeded N(0, 3²) logit matrices on the chosen front end, and ND4J's workspace. */
    @Setup(Level.Trial)
    public void createLogits() {
        if (frontEnd.equals("djl")) {
            Engine.getInstance().setRandomSeed((int) SEED);
            manager = NDManager.newBaseManager();
            Shape shape = new Shape(rows, cols);
            djlP = manager.randomNormal(0f, 3f, shape, DataType.FLOAT32);
            djlQ = manager.randomNormal(0f, 3f, shape, DataType.FLOAT32);
        } else {
            Nd4j.getRandom().setSeed(SEED);
            nd4jP = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, cols).muli(3f);
            nd4jQ = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, cols).muli(3f);
            workspace = WorkspaceConfiguration.builder()
                    .initialSize(0)
                    .policyLearning(LearningPolicy.FIRST_LOOP)
                    .policyAllocation(AllocationPolicy.OVERALLOCATE)
                    .overallocationLimit(0.1)
                    .build();
        }
    }

    /** Closes DJL's manager (and with it the logits) and drops ND4J's arrays. */
    @TearDown(Level.Trial)
    public void release() {
        if (manager != null) {
            manager.close();
        }
        nd4jP = null;
        nd4jQ = null;
    }

    /**
     * Per-row KL(softmax(a) ‖ softmax(b)) of the two logit matrices, in nats, on the chosen front end.
     *
     * @return the first row's KL, so that the work cannot be skipped
     */
    @Benchmark
    @SuppressWarnings("try") // the workspace is used implicitly by every ND4J allocation inside it
    public double klFromLogits() {
        if (manager != null) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                return DjlDivergences.klFromLogits(djlP, djlQ).getFloat(0);
            }
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(workspace, "kl4j-bench")) {
            return Nd4jDivergences.klFromLogits(nd4jP, nd4jQ).getDouble(0);
        }
    }
}
