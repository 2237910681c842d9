package dev.kl4j.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code ```console} examples of the repository's READMEs, and how to run them in-process.
 *
 * <p>A console block is a transcript: a line {@code $ COMMAND} (a trailing {@code \} continues it on the
 * next line), then exactly what the command prints (standard output and standard error as a terminal
 * shows them), up to the next {@code $} line or the end of the block. The commands it can run are
 * {@code ./kl4j SUBCOMMAND ARGS...}, optionally with standard input from {@code echo [-n] ARGS |},
 * {@code printf FORMAT [ARGS] |}, {@code cat FILE... |} or {@code < FILE}. Arguments are split as a
 * POSIX shell splits them (single and double quotes, backslash); file arguments are relative to the
 * repository root, as when a reader pastes the command there. Anything else is refused with a message
 * that says to mark the block {@code ```bash} (commands) or {@code ```text} (output) instead.
 */
final class ConsoleExamples {
    /** How a failure tells the README's author what to do with a command the runner does not run. */
    static final String HOW_TO_MARK = "console blocks are run by ReadmeConsoleExamplesTest and may only hold"
            + " `./kl4j SUBCOMMAND ARGS` with standard input from `echo ... |`, `printf ... |`, `cat FILE |`"
            + " or `< FILE`; mark other commands ```bash and their output ```text";

    private ConsoleExamples() {
    }

    /**
     * One {@code $} line of a console block and the output shown after it.
     *
     * @param readme   the README, relative to the repository root
     * @param line     1-based line number of the {@code $} line
     * @param command  the command, continuation lines joined
     * @param expected the lines shown after it
     */
    record Example(Path readme, int line, String command, List<String> expected) {
        @Override
        public String toString() {
            return readme + ":" + line + " $ " + command;
        }
    }

    /**
     * A command ready to run in-process.
     *
     * @param args  arguments of {@code kl4j}, the subcommand first
     * @param stdin what the command reads from standard input
     */
    record Invocation(List<String> args, byte[] stdin) {
    }

    /** Thrown for a command form the runner does not run; the message says how to mark it. */
    static final class UnsupportedCommandException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedCommandException(String command, String why) {
            super("unsupported command in a ```console block: '" + command + "' (" + why + "); " + HOW_TO_MARK);
        }
    }

    /**
     * The repository root: from the working directory up, the last directory of an unbroken run of
     * directories that hold a {@code pom.xml} (a module's parent POM is one level up).
     *
     * @return the root
     */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
            throw new IllegalStateException("the tests run in " + dir + ", which holds no pom.xml");
        }
        while (dir.getParent() != null && Files.isRegularFile(dir.getParent().resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    /**
     * @param root the repository root
     * @return every README.md under it, outside build output ({@code target}) and hidden directories
     */
    static List<Path> readmes(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("README.md"))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            String name = part.toString();
                            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The examples of one README's console blocks.
     *
     * @param readme the README's path as reported (relative to the root)
     * @param text   its text
     * @return the examples, in order
     * @throws IllegalArgumentException for a console block that does not start with a {@code $} line or
     *                                  is not closed
     */
    static List<Example> extract(Path readme, String text) {
        List<String> lines = text.lines().toList();
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i);
            if (!fence.strip().equals("```console")) {
                continue;
            }
            String indent = fence.substring(0, fence.indexOf('`'));
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException(readme + ":" + (i + 1) + ": ```console block is not closed");
            }
            String command = null;
            int commandLine = 0;
            List<String> expected = new ArrayList<>();
            for (int j = start; j < end; j++) {
                String line = lines.get(j).startsWith(indent) ? lines.get(j).substring(indent.length()) : lines.get(j);
                if (line.startsWith("$ ")) {
                    if (command != null) {
                        examples.add(new Example(readme, commandLine, command, List.copyOf(expected)));
                    }
                    commandLine = j + 1;
                    StringBuilder joined = new StringBuilder(line.substring(2));
                    while (joined.toString().endsWith("\\") && j + 1 < end) {
                        String head = joined.substring(0, joined.length() - 1).stripTrailing();
                        joined.setLength(0);
                        j++;
                        joined.append(head).append(' ').append(lines.get(j).strip());
                    }
                    command = joined.toString().strip();
                    expected.clear();
                } else if (command == null) {
                    throw new IllegalArgumentException(readme + ":" + (j + 1)
                            + ": a ```console block starts with a '$ ' command line; " + HOW_TO_MARK);
                } else {
                    expected.add(line);
                }
            }
            if (command != null) {
                examples.add(new Example(readme, commandLine, command, List.copyOf(expected)));
            }
            i = end;
        }
        return examples;
    }

    /**
     * Parses a command into what {@code Kl4j.execute} needs.
     *
     * @param command the command line
     * @param root    the repository root (file arguments and {@code cat}/{@code <} files are relative to it)
     * @return the invocation
     * @throws UnsupportedCommandException for any other form
     */
    static Invocation parse(String command, Path root) {
        List<List<String>> stages = new ArrayList<>(List.of(new ArrayList<>()));
        String redirect = null;
        List<Token> tokens = tokenize(command);
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.operator() && token.text().equals("|")) {
                stages.add(new ArrayList<>());
            } else if (token.operator() && token.text().equals("<")) {
                if (i + 1 >= tokens.size() || tokens.get(i + 1).operator() || i + 2 != tokens.size()) {
                    throw new UnsupportedCommandException(command, "'<' must be followed by one file at the end");
                }
                redirect = tokens.get(++i).text();
            } else {
                stages.get(stages.size() - 1).add(token.text());
            }
        }
        for (List<String> stage : stages) {
            if (stage.isEmpty()) {
                throw new UnsupportedCommandException(command, "empty pipeline stage");
            }
        }
        if (stages.size() > 2) {
            throw new UnsupportedCommandException(command, "at most one pipe, into ./kl4j");
        }
        List<String> kl4j = stages.get(stages.size() - 1);
        if (!kl4j.get(0).equals("./kl4j")) {
            throw new UnsupportedCommandException(command, "the last command must be ./kl4j");
        }
        byte[] stdin = new byte[0];
        if (stages.size() == 2) {
            if (redirect != null) {
                throw new UnsupportedCommandException(command, "both a pipe and '<'");
            }
            stdin = producerOutput(command, stages.get(0), root);
        } else if (redirect != null) {
            stdin = read(command, root.resolve(redirect));
        }
        List<String> args = new ArrayList<>();
        for (String arg : kl4j.subList(1, kl4j.size())) {
            args.add(rootRelative(arg, root));
        }
        return new Invocation(List.copyOf(args), stdin);
    }

    /**
     * Runs the invocation in-process, standard output and standard error into one stream as a terminal
     * shows them.
     *
     * @param invocation what to run
     * @return the printed lines
     */
    static List<String> run(Invocation invocation) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Kl4j.execute(new ByteArrayInputStream(invocation.stdin()), printed, printed,
                invocation.args().toArray(String[]::new));
        String text = printed.toString(StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        return List.of((text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1));
    }

    /** An argument that names an existing file under the root (also as --opt=FILE) is made absolute. */
    private static String rootRelative(String arg, Path root) {
        int eq = arg.startsWith("-") ? arg.indexOf('=') : -1;
        String prefix = eq >= 0 ? arg.substring(0, eq + 1) : "";
        String value = eq >= 0 ? arg.substring(eq + 1) : arg;
        if (value.isEmpty() || value.startsWith("-") || Path.of(value).isAbsolute()) {
            return arg;
        }
        try {
            Path candidate = root.resolve(value);
            return Files.exists(candidate) ? prefix + candidate : arg;
        } catch (java.nio.file.InvalidPathException e) {
            return arg;
        }
    }

    private static byte[] producerOutput(String command, List<String> producer, Path root) {
        List<String> args = producer.subList(1, producer.size());
        switch (producer.get(0)) {
            case "echo": {
                boolean newline = true;
                List<String> words = args;
                if (!words.isEmpty() && words.get(0).equals("-n")) {
                    newline = false;
                    words = words.subList(1, words.size());
                }
                return (String.join(" ", words) + (newline ? "\n" : "")).getBytes(StandardCharsets.UTF_8);
            }
            case "printf":
                if (args.isEmpty()) {
                    throw new UnsupportedCommandException(command, "printf needs a format");
                }
                return printf(command, args.get(0), args.subList(1, args.size())).getBytes(StandardCharsets.UTF_8);
            case "cat": {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                if (args.isEmpty()) {
                    throw new UnsupportedCommandException(command, "cat needs a file");
                }
                for (String file : args) {
                    bytes.writeBytes(read(command, root.resolve(file)));
                }
                return bytes.toByteArray();
            }
            default:
                throw new UnsupportedCommandException(command, "'" + producer.get(0) + "' cannot feed ./kl4j here");
        }
    }

    /**
     * The shell's {@code printf} for the escapes and conversions a README needs: {@code \n \t \\ \"
     * \'} and {@code %s %%}; the format is reused while arguments remain, as the shell does.
     */
    static String printf(String command, String format, List<String> args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        do {
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c == '\\' && i + 1 < format.length()) {
                    char e = format.charAt(++i);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case '\\' -> out.append('\\');
                        case '"' -> out.append('"');
                        case '\'' -> out.append('\'');
                        default -> throw new UnsupportedCommandException(command, "printf escape \\" + e);
                    }
                } else if (c == '%' && i + 1 < format.length()) {
                    char conversion = format.charAt(++i);
                    if (conversion == '%') {
                        out.append('%');
                    } else if (conversion == 's') {
                        out.append(next < args.size() ? args.get(next) : "");
                        next++;
                    } else {
                        throw new UnsupportedCommandException(command, "printf conversion %" + conversion);
                    }
                } else {
                    out.append(c);
                }
            }
        } while (next > 0 && next < args.size());
        return out.toString();
    }

    private static byte[] read(String command, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnsupportedCommandException(command, "cannot read " + file + " (paths are relative to the"
                    + " repository root)");
        }
    }

    /** A word, or an unquoted operator ({@code |} or {@code <}). */
    record Token(String text, boolean operator) {
    }

    /**
     * Splits a command line as a POSIX shell does for the forms above: blanks separate words; single
     * quotes keep everything literally; double quotes keep everything but {@code \" \\ \$ \`}; a
     * backslash outside quotes keeps the next character. Unquoted shell syntax the runner does not
     * model ({@code $ ` ; & > ( ) * ? ~ #}) is refused.
     *
     * @param command the command line
     * @return the tokens
     */
    static List<Token> tokenize(String command) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'') {
                int close = command.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new UnsupportedCommandException(command, "unclosed single quote");
                }
                word.append(command, i + 1, close);
                inWord = true;
                i = close;
            } else if (c == '"') {
                inWord = true;
                i++;
                while (i < command.length() && command.charAt(i) != '"') {
                    char d = command.charAt(i);
                    if (d == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                        word.append(command.charAt(++i));
                    } else if (d == '$' || d == '`') {
                        throw new UnsupportedCommandException(command, "expansion inside double quotes");
                    } else {
                        word.append(d);
                    }
                    i++;
                }
                if (i >= command.length()) {
                    throw new UnsupportedCommandException(command, "unclosed double quote");
                }
            } else if (c == '\\') {
                if (i + 1 >= command.length()) {
                    throw new UnsupportedCommandException(command, "trailing backslash");
                }
                word.append(command.charAt(++i));
                inWord = true;
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    tokens.add(new Token(word.toString(), false));
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '|' || c == '<') {
                if (inWord) {
                    tokens.add(new Token(word.toString(), false));
                    word.setLength(0);
                    inWord = false;
                }
                if (c == '|' && i + 1 < command.length() && command.charAt(i + 1) == '|') {
                    throw new UnsupportedCommandException(command, "'||'");
                }
                tokens.add(new Token(String.valueOf(c), true));
            } else if ("$`;&>()*?~#".indexOf(c) >= 0 && !(c == '~' && inWord) && !(c == '#' && inWord)) {
                throw new UnsupportedCommandException(command, "unquoted '" + c + "'");
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            tokens.add(new Token(word.toString(), false));
        }
        return tokens;
    }
}
