package dev.kl4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kl4j bench}: runs kl4j's JMH benchmarks ({@code dev.kl4j.examples.bench}) through JMH's
 * {@link Runner}, then prints a short table (and, for benchmarks with {@code rows} and {@code cols}
 * parameters, the input read rate 2·rows·cols·4 bytes per operation in GB/s).
 *
 * <p>Defaults: every kl4j benchmark, one fork, and the iteration counts and times written on each
 * benchmark class. {@code --quick} is a smoke run (1 warm-up and 2 measured iterations of 0.5 s), not a
 * measurement. The forked JVM gets {@code --add-modules jdk.incubator.vector}, offline DJL and the
 * thread settings of this JVM; it inherits the environment, so {@code OMP_NUM_THREADS} reaches ND4J.
 *
 * <p>Arguments are checked before JMH forks anything: the pattern must match a benchmark (the error
 * lists those that exist), each {@code -p NAME=VALUE} must name a {@code @Param} field of a selected
 * benchmark and its values must convert to that field's type, and {@code --time} must be a JMH duration.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run kl4j's JMH benchmarks and print a short table.",
            "Example: kl4j bench --quick LogitsKl -p rows=256 -p cols=4096",
            "Threads: KL4J_THREADS sets libtorch/OpenBLAS threads;",
            "ND4J's OpenMP threads follow OMP_NUM_THREADS (use 1 on a loaded machine)."})
public final class BenchCommand implements Callable<Integer> {
    /** Matches every benchmark in kl4j's benchmark package. */
    static final String ALL_KL4J_BENCHMARKS = "dev\\.kl4j\\.examples\\.bench\\..*";

    @Parameters(arity = "0..1", paramLabel = "REGEX",
            description = "Benchmarks to run (JMH include regex); same as --include.")
    String positionalInclude;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Benchmarks to run (JMH include regex; default: all kl4j benchmarks).")
    String include;

    @Option(names = "--forks", defaultValue = "1", description = "JVM forks per benchmark (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up iterations (default: per benchmark).")
    Integer warmupIterations;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured iterations (default: per benchmark).")
    Integer measurementIterations;

    @Option(names = "--time", paramLabel = "TIME",
            description = "Time per iteration, warm-up and measured, e.g. 2s or 500ms (default: per benchmark).")
    String iterationTime;

    @Option(names = "--quick", description = "Smoke run: 1 warm-up and 2 measured iterations of 500ms.")
    boolean quick;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "Override a benchmark parameter, e.g. -p rows=256 -p frontEnd=nd4j (repeatable).")
    Map<String, String> params;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write JMH's JSON results to FILE.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws RunnerException {
        Collection<RunResult> results = new Runner(options()).run();
        System.out.flush();   // JMH reports through System.out; its last lines come before the table
        PrintWriter outWriter = spec.commandLine().getOut();
        outWriter.print(summaryTable(results));
        if (out != null) {
            outWriter.println("JSON results: " + out.toAbsolutePath());
        }
        outWriter.flush();
        return results.isEmpty() ? 1 : 0;
    }

    /**
     * The JMH options these arguments stand for (separate from {@link #call} so tests can check them).
     *
     * @return the options
     */
    Options options() {
        if (positionalInclude != null && include != null) {
            throw invalid("give the benchmark pattern either as REGEX or with --include, not both");
        }
        String pattern = positionalInclude != null ? positionalInclude : include != null ? include : ALL_KL4J_BENCHMARKS;
        List<BenchmarkListEntry> selected = select(pattern);
        if (params != null) {
            checkParams(selected);
        }
        if (forks < 0) {
            throw invalid("--forks must be >= 0 (0 runs in this JVM), not " + forks);
        }
        if (warmupIterations != null && warmupIterations < 0) {
            throw invalid("--warmup must be >= 0, not " + warmupIterations);
        }
        if (measurementIterations != null && measurementIterations < 1) {
            throw invalid("--iterations must be >= 1, not " + measurementIterations);
        }
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include(pattern)
                .forks(forks)
                .shouldFailOnError(true)
                .jvmArgsAppend(forkedJvmArguments().toArray(String[]::new));
        Integer warmup = warmupIterations != null ? warmupIterations : quick ? Integer.valueOf(1) : null;
        Integer measured = measurementIterations != null ? measurementIterations : quick ? Integer.valueOf(2) : null;
        String time = iterationTime != null ? iterationTime : quick ? "500ms" : null;
        if (warmup != null) {
            builder.warmupIterations(warmup);
        }
        if (measured != null) {
            builder.measurementIterations(measured);
        }
        if (time != null) {
            TimeValue value = parseTime(time);
            builder.warmupTime(value).measurementTime(value);
        }
        if (params != null) {
            params.forEach((name, value) -> builder.param(name, value.split(",")));
        }
        if (out != null) {
            builder.result(out.toString()).resultFormat(ResultFormatType.JSON);
        }
        return builder.build();
    }

    private picocli.CommandLine.ParameterException invalid(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** A JMH duration: a whole number and a unit, such as 500ms, 2s or 1min. */
    private TimeValue parseTime(String text) {
        TimeValue value;
        try {
            value = TimeValue.fromString(text);
        } catch (RuntimeException e) {
            value = null;
        }
        if (value == null || value.getTime() <= 0 || !text.strip().matches("\\d+\\s*[a-z]+")) {
            throw invalid("--time expects a positive duration: a whole number and a unit (ns, us, ms, s, min),"
                    + " such as 500ms or 2s, not '" + Errors.clip(text) + "'");
        }
        return value;
    }

    /** kl4j's benchmarks, as JMH's annotation processor listed them in {@code META-INF/BenchmarkList}. */
    static List<BenchmarkListEntry> listedBenchmarks() {
        try (InputStream list = BenchCommand.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            if (list == null) {
                throw new IllegalStateException("no " + BenchmarkList.BENCHMARK_LIST
                        + " on the class path: the benchmarks were not compiled with JMH's annotation processor");
            }
            return BenchmarkList.readBenchmarkList(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The benchmarks the pattern selects, as JMH selects them (regex found in the full name). */
    private List<BenchmarkListEntry> select(String pattern) {
        Pattern regex;
        try {
            regex = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw invalid("the benchmark pattern '" + Errors.clip(pattern) + "' is not a regular expression: "
                    + e.getDescription());
        }
        List<BenchmarkListEntry> all = listedBenchmarks();
        List<BenchmarkListEntry> selected = all.stream().filter(b -> regex.matcher(b.getUsername()).find()).toList();
        if (selected.isEmpty()) {
            throw invalid("no benchmark matches '" + Errors.clip(pattern) + "'; the benchmarks are "
                    + all.stream().map(b -> shortName(b.getUsername())).distinct().collect(Collectors.joining(", ")));
        }
        return selected;
    }

    /** Each -p NAME must be a @Param of a selected benchmark, and each value must convert to its type. */
    private void checkParams(List<BenchmarkListEntry> selected) {
        Map<String, Map<String, Class<?>>> typesByClass = new TreeMap<>();
        for (BenchmarkListEntry benchmark : selected) {
            typesByClass.computeIfAbsent(benchmark.getUserClassQName(), name -> paramTypes(benchmark));
        }
        for (Map.Entry<String, String> param : params.entrySet()) {
            String name = param.getKey();
            boolean known = false;
            for (Map.Entry<String, Map<String, Class<?>>> benchmark : typesByClass.entrySet()) {
                Class<?> type = benchmark.getValue().get(name);
                if (type == null) {
                    continue;
                }
                known = true;
                for (String value : param.getValue().split(",", -1)) {
                    if (!converts(type, value)) {
                        throw invalid("-p " + Errors.clip(name + "=" + param.getValue()) + ": parameter '" + name
                                + "' of " + shortName(benchmark.getKey()) + " is " + typeName(type) + ", and '"
                                + Errors.clip(value) + "' is not one");
                    }
                }
            }
            if (!known) {
                String names = typesByClass.entrySet().stream()
                        .map(e -> String.join(", ", e.getValue().keySet()) + " (" + shortName(e.getKey()) + ")")
                        .collect(Collectors.joining("; "));
                throw invalid("-p " + Errors.clip(name) + ": no selected benchmark has a parameter '" + Errors.clip(name)
                        + "'; their parameters are " + (names.isEmpty() ? "none" : names));
            }
        }
    }

    /**
     * The {@code @Param} fields a benchmark sees: those of its class and superclasses and of the
     * {@code @State} objects its method takes.
     */
    private static Map<String, Class<?>> paramTypes(BenchmarkListEntry benchmark) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        Class<?> owner;
        try {
            owner = Class.forName(benchmark.getUserClassQName(), false, BenchCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("benchmark class " + benchmark.getUserClassQName() + " is listed but missing", e);
        }
        List<Class<?>> holders = new ArrayList<>(List.of(owner));
        String methodName = benchmark.getUsername().substring(benchmark.getUsername().lastIndexOf('.') + 1);
        for (Method method : owner.getMethods()) {
            if (method.getName().equals(methodName)) {
                holders.addAll(List.of(method.getParameterTypes()));
            }
        }
        for (Class<?> holder : holders) {
            for (Class<?> c = holder; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(Param.class)) {
                        types.putIfAbsent(field.getName(), field.getType());
                    }
                }
            }
        }
        return types;
    }

    /** Whether JMH can convert {@code value} to a {@code @Param} field of this type. */
    static boolean converts(Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == short.class || type == Short.class) {
                Short.parseShort(value);
            } else if (type == byte.class || type == Byte.class) {
                Byte.parseByte(value);
            } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
                Double.parseDouble(value);
            } else if (type == boolean.class || type == Boolean.class) {
                return value.equals("true") || value.equals("false");
            } else if (type == char.class || type == Character.class) {
                return value.length() == 1;
            } else if (type.isEnum()) {
                return java.util.Arrays.stream(type.getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(value));
            }
            return true;   // String
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String typeName(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        String name = type.getSimpleName();
        return (name.matches("^[aeiouAEIOU].*") ? "an " : "a ") + name;
    }

    /** "dev.kl4j.examples.bench.DiscreteKlBenchmark.klScalar" -> "DiscreteKlBenchmark.klScalar" */
    private static String shortName(String name) {
        return name.replaceFirst("^dev\\.kl4j\\.examples\\.bench\\.", "");
    }

    /**
     * JVM flags for JMH's forked JVM: the Vector API module, offline DJL, and this JVM's thread and
     * logging settings, so that a benchmark runs as {@code ./kl4j} would run it.
     *
     * @return flags to append
     */
    static List<String> forkedJvmArguments() {
        List<String> args = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"));
        int cores = Runtime.getRuntime().availableProcessors();
        args.add("-Dai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads", String.valueOf(cores)));
        args.add("-Dai.djl.pytorch.num_interop_threads=" + System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        args.add("-Dorg.bytedeco.openblas.nthreads=" + System.getProperty("org.bytedeco.openblas.nthreads", String.valueOf(cores)));
        args.add("-Dorg.slf4j.simpleLogger.defaultLogLevel="
                + System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        return args;
    }

    /**
     * One line per benchmark: name, parameters, score ± error and unit, and GB/s of input where the
     * benchmark has {@code rows} and {@code cols} parameters (two float32 matrices per operation).
     *
     * @param results JMH results
     * @return the table, ending in a newline
     */
    static String summaryTable(Collection<RunResult> results) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%-36s %-40s %14s %12s %-8s %8s%n",
                "benchmark", "parameters", "score", "± error", "unit", "GB/s"));
        for (RunResult run : results) {
            BenchmarkParams bp = run.getParams();
            Result<?> primary = run.getPrimaryResult();
            String name = bp.getBenchmark().replaceFirst("^dev\\.kl4j\\.examples\\.bench\\.", "");
            List<String> parts = new ArrayList<>();
            for (String key : bp.getParamsKeys()) {
                parts.add(key + "=" + bp.getParam(key));
            }
            String rate = "";
            if (bp.getParamsKeys().contains("rows") && bp.getParamsKeys().contains("cols")) {
                long bytes = 2L * Long.parseLong(bp.getParam("rows")) * Long.parseLong(bp.getParam("cols")) * Float.BYTES;
                double seconds = secondsPerOperation(primary.getScore(), primary.getScoreUnit());
                if (seconds > 0) {
                    rate = String.format(Locale.ROOT, "%.2f", bytes / seconds / 1e9);
                }
            }
            double error = primary.getScoreError();   // NaN with fewer than two measured iterations
            table.append(String.format(Locale.ROOT, "%-36s %-40s %14.3f %12s %-8s %8s%n", name,
                    String.join(" ", parts), primary.getScore(),
                    Double.isNaN(error) ? "-" : String.format(Locale.ROOT, "%.3f", error), primary.getScoreUnit(), rate));
        }
        return table.toString();
    }

    /**
     * Converts an average-time score such as 12.5 in "ms/op" to seconds per operation.
     *
     * @param score the score
     * @param unit  JMH's unit string, "s/op", "ms/op", "us/op" or "ns/op"
     * @return seconds per operation, or -1 for another unit (throughput modes)
     */
    static double secondsPerOperation(double score, String unit) {
        TimeUnit timeUnit = switch (unit) {
            case "s/op" -> TimeUnit.SECONDS;
            case "ms/op" -> TimeUnit.MILLISECONDS;
            case "us/op" -> TimeUnit.MICROSECONDS;
            case "ns/op" -> TimeUnit.NANOSECONDS;
            default -> null;
        };
        return timeUnit == null ? -1 : score * timeUnit.toNanos(1) / 1e9;
    }
}
