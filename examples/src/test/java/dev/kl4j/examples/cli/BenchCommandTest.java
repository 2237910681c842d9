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

    /** Runs {@code kl4j bench ARGS}, which must be refused before JMH forks anything. */
    private static String refused(String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Kl4j.execute(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err), all);
        assertEquals(2, status, err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(err.toString().contains("Exception") || err.toString().contains("\tat "), err.toString());
        return err.toString();
    }

    @Test
    void aPatternThatMatchesNothingNamesTheBenchmarksThatExist() {
        String err = refused("NoSuch");
        assertTrue(err.contains("no benchmark matches 'NoSuch'") && err.contains("DiscreteKlBenchmark.klScalar")
                && err.contains("LogitsKlBenchmark.klFromLogits") && err.contains("MvnKlBenchmark.mvnKl"), err);
        assertTrue(refused("--include", "(").contains("not a regular expression"));
    }

    @Test
    void timeSaysWhatItExpects() {
        String err = refused("--time", "foo", "klScalar");
        assertTrue(err.contains("--time expects") && err.contains("500ms") && err.contains("'foo'"), err);
        assertTrue(refused("--time", "0s", "klScalar").contains("--time expects"));
    }

    @Test
    void parametersAreCheckedAgainstTheParamFieldsBeforeForking() {
        String unknown = refused("-p", "nosuch=1");
        assertTrue(unknown.contains("'nosuch'") && unknown.contains("size (DiscreteKlBenchmark)")
                && unknown.contains("frontEnd, rows, cols (LogitsKlBenchmark)"), unknown);
        // a parameter of another benchmark than the one selected is unknown too
        assertTrue(refused("-p", "rows=4", "klScalar").contains("size (DiscreteKlBenchmark)"));
        String badValue = refused("-p", "size=abc", "--quick", "klScalar");
        assertTrue(badValue.contains("'size' of DiscreteKlBenchmark is an int") && badValue.contains("'abc'"), badValue);
        assertTrue(refused("-p", "size=1000,1e3", "klScalar").contains("'1e3' is not one"));
        assertTrue(refused("--iterations", "0", "klScalar").contains("--iterations must be >= 1"));
        // a valid value for a parameter that some selected benchmark has is accepted
        assertEquals(List.of("1000"), List.copyOf(parse("-p", "size=1000").options().getParameter("size").get()));
    }

    @Test
    void valueConversionFollowsTheFieldType() {
        assertTrue(BenchCommand.converts(int.class, "42"));
        assertFalse(BenchCommand.converts(int.class, "4.2"));
        assertTrue(BenchCommand.converts(double.class, "4.2"));
        assertFalse(BenchCommand.converts(long.class, ""));
        assertTrue(BenchCommand.converts(boolean.class, "true"));
        assertFalse(BenchCommand.converts(boolean.class, "yes"));
        assertTrue(BenchCommand.converts(String.class, "anything"));
    }
}
