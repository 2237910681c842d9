package dev.kl4j.examples.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code kl4j} command line. Run it through the {@code ./kl4j} launcher at the repository root.
 *
 * <p>Exit status: 0 on success, 1 when the work ran but some of it failed (for example a bad line in
 * {@code kl4j eval}), 2 for unusable arguments or an error that stopped the command. Errors are one
 * readable line on standard error; {@code --verbose} adds the stack trace and the DJL/ND4J logs.
 *
 * <p>Standard output is checked: a write that fails (a full disk, {@code > /dev/full}) ends the command
 * with one line and status 2. A closed pipe ({@code kl4j eval big.jsonl | head -1}: the reader has what
 * it wanted and stopped) ends it quietly with the status of the work done so far.
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
            DistillCommand.class,
            DistillTextCommand.class,
        })
public final class Kl4j implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show DJL/ND4J logs and full stack traces on errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether the latest run in this process was given --verbose (for commands that run other commands). */
    private static volatile boolean verboseRun;

    /** What subcommands read as standard input. */
    private InputStream standardInput = System.in;

    /** @return standard input of this run (a test may give its own) */
    InputStream standardInput() {
        return standardInput;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point of the launcher. */
    public static void main(String[] args) {
        // Standard output as a plain file stream, not System.out: a PrintStream swallows the reason a write
        // failed, and the reason tells a full disk from a reader that stopped.
        int status = execute(System.in, new FileOutputStream(FileDescriptor.out), System.err, args);
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
     * Runs the command line with the given output writers (for tests); standard input is
     * {@code System.in}.
     *
     * @param out  standard output, or null for {@code System.out}
     * @param err  standard error, or null for {@code System.err}
     * @param args command-line arguments
     * @return exit status
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, out, null, err, args);
    }

    /**
     * Runs the command line on the given streams, as the launcher does: output is written as UTF-8 and
     * a failed write to {@code out} ends the command (quietly for a closed pipe, else with one line on
     * {@code err} and status 2).
     *
     * @param in   standard input
     * @param out  standard output
     * @param err  standard error
     * @param args command-line arguments
     * @return exit status
     */
    public static int execute(InputStream in, OutputStream out, OutputStream err, String... args) {
        WriteFailureRecorder recorder = new WriteFailureRecorder(out);
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(recorder, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        return run(in, outWriter, recorder, errWriter, args);
    }

    private static int run(InputStream in, PrintWriter out, WriteFailureRecorder recorder, PrintWriter err,
            String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        verboseRun = verbose;
        Logging.configure(verbose);
        if (verbose) {
            PrintWriter note = err != null ? err : new PrintWriter(System.err, true);
            note.println("kl4j: " + StandardStreams.discreteKernel());
            note.flush();
        }
        Kl4j kl4j = new Kl4j();
        kl4j.standardInput = in;
        CommandLine cli = new CommandLine(kl4j);
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        handleErrors(cli, verbose);
        int status = cli.execute(args);
        PrintWriter written = cli.getOut();
        if (written.checkError()) {
            IOException failure = recorder == null ? null : recorder.failure;
            if (failure != null && isBrokenPipe(failure)) {
                return status;   // the reader stopped reading: not an error of ours, nothing to say
            }
            PrintWriter errOut = cli.getErr();
            errOut.println(commandName(cli) + ": cannot write to standard output"
                    + (failure == null ? "" : ": " + Errors.oneLine(failure)));
            errOut.flush();
            return 2;
        }
        return status;
    }

    /** @return whether the kl4j run in progress was given {@code --verbose} */
    public static boolean verboseRun() {
        return verboseRun;
    }

    /**
     * Installs kl4j's error handling on a command line: one line on its standard error and status 2 for
     * an exception ({@code --verbose}: with its stack trace) and for unusable arguments. Commands that run
     * another command (the tour runs {@code vae}) install it on that one too.
     *
     * @param cli     the command line
     * @param verbose whether to print stack traces
     */
    public static void handleErrors(CommandLine cli, boolean verbose) {
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter errOut = commandLine.getErr();
            if (verbose) {
                ex.printStackTrace(errOut);
            }
            errOut.println(commandLine.getCommandSpec().qualifiedName() + ": " + Errors.oneLine(ex));
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
    }

    /** @return "kl4j eval" for the subcommand that ran, or "kl4j" */
    private static String commandName(CommandLine cli) {
        CommandLine.ParseResult result = cli.getParseResult();
        while (result != null && result.subcommand() != null) {
            result = result.subcommand();
        }
        return result == null ? "kl4j" : result.commandSpec().qualifiedName();
    }

    /** EPIPE: the other end of the pipe was closed (Linux's strerror text, as Java reports it). */
    private static boolean isBrokenPipe(IOException e) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("broken pipe");
    }

    /** Passes bytes on and remembers the first write failure, which a PrintWriter would only flag. */
    private static final class WriteFailureRecorder extends FilterOutputStream {
        IOException failure;

        WriteFailureRecorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
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
