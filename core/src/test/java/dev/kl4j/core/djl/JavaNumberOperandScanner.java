package dev.kl4j.core.djl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds NDArray operations that are handed a Java number, the pattern that breaks DJL autograd: in
 * {@code x.mul(0.5f)}, {@code logits.div(temperature)}, {@code x.add(1)}, {@code x.maximum(0f)} or
 * {@code x.pow(2)} the engine wraps the number in a temporary tensor that autograd keeps for the backward
 * pass but that Java owns, so the garbage collector may free its memory before {@code backward()} reads it
 * (a use-after-free: wrong gradients or a crash, depending on timing). The safe form is an engine-owned
 * constant, {@code x.mul(DjlScalars.of(x, 0.5f))}.
 *
 * <p>The scan is textual, on one source file at a time: comments and string literals are blanked, then
 * every {@code .mul/.div/.add/.sub/.maximum/.minimum/.pow} call with one argument is reported when that
 * argument is made only of number literals, numeric constants ({@code Math.PI}, {@code Float.MAX_VALUE},
 * calls of {@code Math.*}), casts, operators and names that the file declares with a number type
 * ({@code float, double, int, long, short, byte}, their boxes, {@code Number}). A call on a receiver that
 * the file declares with a type other than {@code NDArray} ({@code List<Double> values; values.add(x)}) is
 * not reported. The in-place variants ({@code muli}, {@code addi}, ...) are not autograd operations and are
 * not matched.
 */
final class JavaNumberOperandScanner {

    /** One reported call. */
    record Finding(Path file, int line, String call) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + call + " passes a Java number to an NDArray op; under autograd the"
                    + " wrapped scalar can be freed before backward. Use an engine-owned constant:"
                    + " DjlScalars.of(x, v), e.g. x.mul(DjlScalars.of(x, 0.5f))";
        }
    }

    private static final Pattern CALL = Pattern.compile("\\.(mul|div|add|sub|maximum|minimum|pow)\\s*\\(");
    private static final Pattern DECLARATION = Pattern.compile(
            "\\b(float|double|int|long|short|byte|Float|Double|Integer|Long|Short|Byte|Number)\\s+(\\w+)\\s*[=;,):]");
    private static final Pattern ANY_DECLARATION = Pattern.compile(
            "\\b([A-Z]\\w*(?:<[^;(){}]*?>)?)\\s+(\\w+)\\s*[=;,):]");
    private static final Pattern NUMBER = Pattern.compile(
            "(?:0[xX][0-9a-fA-F_]+[lL]?|(?:\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)(?:[eE][+-]?\\d+)?[fFdDlL]?)");
    private static final Pattern NUMERIC_CONSTANT = Pattern.compile(
            "\\b(?:Math|StrictMath)\\.\\w+|\\b(?:Float|Double|Integer|Long|Short|Byte)\\.[A-Z_]+\\b");
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(" + NUMBER.pattern() + "|[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*|\\S)");
    private static final Pattern CAST = Pattern.compile("\\(\\s*(?:float|double|int|long|short|byte)\\s*\\)");

    private JavaNumberOperandScanner() {
    }

    /** The files to scan: every {@code src/main/java} under the root except core's, plus core's djl package. */
    static List<Path> autogradSources(Path root) {
        List<Path> files = new ArrayList<>();
        Path coreDjl = root.resolve("core/src/main/java/dev/kl4j/core/djl");
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().replace('\\', '/').contains("src/main/java/"))
                    .filter(p -> !isBuildOutput(root.relativize(p)))
                    .filter(p -> !p.startsWith(root.resolve("core")) || p.startsWith(coreDjl))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static boolean isBuildOutput(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.startsWith(".") || name.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    static List<Finding> scan(Path file) {
        try {
            return scan(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scans one file's text; {@code file} only labels the findings. */
    static List<Finding> scan(Path file, String source) {
        String code = blankCommentsAndStrings(source);
        Set<String> numeric = new HashSet<>();
        Matcher d = DECLARATION.matcher(code);
        while (d.find()) {
            numeric.add(d.group(2));
        }
        Map<String, String> declaredType = new HashMap<>();
        Matcher a = ANY_DECLARATION.matcher(code);
        while (a.find()) {
            declaredType.put(a.group(2), a.group(1));
        }
        List<Finding> findings = new ArrayList<>();
        Matcher call = CALL.matcher(code);
        while (call.find()) {
            int open = call.end() - 1;
            int close = matchingParen(code, open);
            if (close < 0) {
                continue;
            }
            String argument = code.substring(open + 1, close);
            if (hasTopLevelComma(argument) || !isJavaNumber(argument, numeric)) {
                continue;
            }
            String receiver = receiverName(code, call.start());
            if (receiver != null && declaredType.containsKey(receiver) && !declaredType.get(receiver).equals("NDArray")) {
                continue;
            }
            int line = 1 + (int) code.substring(0, call.start()).chars().filter(c -> c == '\n').count();
            String shown = (receiver == null ? "" : receiver) + code.substring(call.start(), close + 1);
            findings.add(new Finding(file, line, shown.replaceAll("\\s+", " ")));
        }
        return findings;
    }

    /** True when the argument is built only from numbers, number-typed names, operators and parentheses. */
    static boolean isJavaNumber(String argument, Set<String> numericNames) {
        String rest = CAST.matcher(argument).replaceAll(" ");
        rest = NUMERIC_CONSTANT.matcher(rest).replaceAll(" 0 ");
        rest = rest.replaceAll("\\bthis\\s*\\.\\s*", "");
        boolean operand = false;
        Matcher tokens = TOKEN.matcher(rest);
        int position = 0;
        while (position < rest.length() && tokens.find(position) && tokens.start() == position) {
            String token = tokens.group(1);
            position = tokens.end();
            if (NUMBER.matcher(token).matches()) {
                operand = true;
            } else if (Character.isJavaIdentifierStart(token.charAt(0))) {
                if (!numericNames.contains(token)) {
                    return false;
                }
                operand = true;
            } else if ("-+*/%(),".indexOf(token.charAt(0)) < 0) {
                return false;
            }
        }
        return operand && rest.substring(position).isBlank();
    }

    /** The simple name right before {@code .op(}, or null when the receiver is an expression. */
    private static String receiverName(String code, int dot) {
        int end = dot;
        while (end > 0 && Character.isWhitespace(code.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        if (start == end) {
            return null;
        }
        int before = start;
        while (before > 0 && Character.isWhitespace(code.charAt(before - 1))) {
            before--;
        }
        if (before > 0 && code.charAt(before - 1) == '.') {
            return null; // a field of something else, a.b.mul(...): type unknown
        }
        return code.substring(start, end);
    }

    private static int matchingParen(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasTopLevelComma(String argument) {
        int depth = 0;
        for (char c : argument.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** Comments, string, text-block and char literals become blanks; line breaks are kept. */
    static String blankCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                blank(s, i, end, out);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
                out.append("\"\"");
                blank(s, i + 2, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(j + 1, s.length());
                out.append(c);
                blank(s, i + 1, end - 1, out);
                out.append(c);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String s, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(s.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
