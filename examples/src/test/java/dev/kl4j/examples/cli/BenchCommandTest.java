package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;

/** Argument parsing only: no benchmark is run here. */
class BenchCommandTest {

    private static BenchCommand parse(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void defaultsRunAllKl4jBenchmarksInOneForkWithBenchmarkTimings() {
        Options options = parse().options();
        assertEquals(List.of(BenchCommand.ALL_KL4J_BENCHMARKS), options.getIncludes());
        assertEquals(1, options.getForkCount().get());
        assertFalse(options.getWarmupIterations().hasValue(), "per-benchmark warm-up by default");
        assertFalse(options.getMeasurementIterations().hasValue());
        assertFalse(options.getResult().hasValue());
        assertTrue(Pattern.compile(BenchCommand.ALL_KL4J_BENCHMARKS)
                .matcher("dev.kl4j.examples.bench.LogitsKlBenchmark.klFromLogits").find());
    }

    @Test
    void forkedJvmGetsVectorModuleAndOfflineDjl() {
        List<String> args = List.copyOf(parse().options().getJvmArgsAppend().get());
        int module = args.indexOf("--add-modules");
        assertTrue(module >= 0 && args.get(module + 1).equals("jdk.incubator.vector"), args.toString());
        assertTrue(args.contains("-Dai.djl.offline=true"), args.toString());
        assertTrue(args.stream().anyMatch(a -> a.startsWith("-Dai.djl.pytorch.num_threads=")), args.toString());
    }

    @Test
    void quickIsASmokeRunAndExplicitValuesWin() {
        Options quick = parse("--quick", "LogitsKl").options();
        assertEquals(List.of("LogitsKl"), quick.getIncludes());
        assertEquals(1, quick.getWarmupIterations().get());
        assertEquals(2, quick.getMeasurementIterations().get());
        assertEquals(TimeValue.milliseconds(500), quick.getMeasurementTime().get());
        Options explicit = parse("--quick", "--iterations", "7", "--time", "3s", "--forks", "2").options();
        assertEquals(7, explicit.getMeasurementIterations().get());
        assertEquals(TimeValue.seconds(3), explicit.getWarmupTime().get());
        assertEquals(2, explicit.getForkCount().get());
    }

    @Test
    void paramsIncludeAndJsonOutput() {
        Options options = parse("--include", "MvnKl", "-p", "dim=64", "-p", "path=nd4j,double",
                "--out", "results.json").options();
        assertEquals(List.of("MvnKl"), options.getIncludes());
        assertEquals(List.of("64"), List.copyOf(options.getParameter("dim").get()));
        assertEquals(List.of("nd4j", "double"), List.copyOf(options.getParameter("path").get()));
        assertEquals("results.json", options.getResult().get());
        assertEquals(ResultFormatType.JSON, options.getResultFormat().get());
    }

    @Test
    void patternTwiceIsAnError() {
        BenchCommand command = parse("LogitsKl", "--include", "MvnKl");
        assertThrows(CommandLine.ParameterException.class, command::options);
    }

    @Test
    void gigabytesPerSecondUsesTheScoreUnit() {
        assertEquals(0.0125, BenchCommand.secondsPerOperation(12.5, "ms/op"), 1e-15);
        assertEquals(2e-6, BenchCommand.secondsPerOperation(2, "us/op"), 1e-18);
        assertEquals(-1, BenchCommand.secondsPerOperation(3, "ops/s"));
    }

    @Test
    void benchCommandIsRegisteredAndBenchmarksAreGenerated() throws IOException {
        assertTrue(new CommandLine(new Kl4j()).getSubcommands().containsKey("bench"));
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertTrue(list != null, "JMH annotation processing produced no BenchmarkList");
            String text = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("dev.kl4j.examples.bench.LogitsKlBenchmark"), text);
        }
    }
}
