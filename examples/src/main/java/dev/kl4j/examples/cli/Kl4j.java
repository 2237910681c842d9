package dev.kl4j.examples.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code kl4j} command line. Run it through the {@code ./kl4j} launcher at the repository root.
 *
 * <p>Exit status: 0 on success, 1 when the work ran but some of it failed (for example a bad line in
 * {@code kl4j eval}), 2 for unusable arguments or an error that stopped the command. Errors are one
 * readable line on standard error; {@code --verbose} adds the stack trace and the DJL/ND4J logs.
 */
@Command(
        name = "kl4j",
        mixinStandardHelpOptions = true,
        versionProvider = Kl4j.Version.class,
        description = {
            "Exact, fast Kullback-Leibler divergences, and three applications that train with them.",
            "",
            "Start with 'kl4j tour'. Every command has --help."
        },
        subcommands = {
            CommandLine.HelpCommand.class,
            TourCommand.class,
            EvalCommand.class,
            EnvReplayCommand.class,
            VaeCommand.class,
            PpoCommand.class,
            PpoEvalCommand.class,
            BenchCommand.class,
        })
public final class Kl4j implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show DJL/ND4J logs and full stack traces on errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point of the launcher. */
    public static void main(String[] args) {
        int status = execute(args);
        StandardStreams.drainFilteredStderr();
        System.exit(status);
    }

    /**
     * Runs the command line and returns its exit status (for tests).
     *
     * @param args command-line arguments
     * @return exit status
     */
    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /**
     * Runs the command line with the given output streams (for tests).
     *
     * @param out  standard output, or null for {@code System.out}
     * @param err  standard error, or null for {@code System.err}
     * @param args command-line arguments
     * @return exit status
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        Logging.configure(verbose);
        if (verbose) {
            PrintWriter note = err != null ? err : new PrintWriter(System.err, true);
            note.println("kl4j: " + StandardStreams.discreteKernel());
            note.flush();
        }
        CommandLine cli = new CommandLine(new Kl4j());
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter errOut = commandLine.getErr();
            if (verbose) {
                ex.printStackTrace(errOut);
            }
            errOut.println("kl4j " + commandLine.getCommandName() + ": " + Errors.oneLine(ex));
            errOut.flush();
            return 2;
        });
        cli.setParameterExceptionHandler((ex, parseArgs) -> {
            PrintWriter errOut = ex.getCommandLine().getErr();
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            // One line: what was wrong, and where to look.
            errOut.println(command + ": " + Errors.oneLine(ex) + " (see '" + command + " --help')");
            errOut.flush();
            return 2;
        });
        return cli.execute(args);
    }

    /** Reads the version from the jar manifest, or says it is a development build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Kl4j.class.getPackage().getImplementationVersion();
            return new String[] {"kl4j " + (v == null ? "0.1.0-SNAPSHOT (development build)" : v)};
        }
    }
}
