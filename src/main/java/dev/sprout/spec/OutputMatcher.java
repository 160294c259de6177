package dev.sprout.spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How printed output is checked. {@link Mode#TEXT} (trailing whitespace ignored) is the default,
 * because beginners' stray spaces at line ends should never cost a point.
 */
public record OutputMatcher(Mode mode, List<String> expected, boolean ignoreCase) {

    public enum Mode {
        EXACT("exact"),
        TEXT("text"),
        LINES_IN_ORDER("lines_in_order"),
        CONTAINS("contains"),
        REGEX("regex"),
        NUMBERS("numbers"),
        NUMBERS_INCLUDE("numbers_include"),
        NOT_CONTAINS("not_contains");

        private final String key;

        Mode(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Optional<Mode> byKey(String key) {
            for (Mode mode : values()) {
                if (mode.key.equals(key)) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");

    public OutputMatcher {
        expected = List.copyOf(expected);
    }

    public static OutputMatcher text(String expected) {
        return new OutputMatcher(Mode.TEXT, List.of(expected), false);
    }

    /** The full expected text, when the mode compares whole outputs (a diff then helps). */
    public Optional<String> wholeText() {
        return mode == Mode.EXACT || mode == Mode.TEXT ? Optional.of(expected.get(0)) : Optional.empty();
    }

    /** Why {@code actual} does not match, in the learner's words; empty when it matches. */
    public Optional<String> mismatch(String actual) {
        String have = fold(actual);
        return switch (mode) {
            case EXACT -> actual.equals(expected.get(0)) ? Optional.empty() : Optional.of("the output is different");
            case TEXT ->
                normalize(have).equals(normalize(fold(expected.get(0))))
                        ? Optional.empty()
                        : Optional.of("the output is different");
            case LINES_IN_ORDER -> linesInOrder(have);
            case CONTAINS ->
                expected.stream()
                        .filter(e -> !have.contains(fold(e)))
                        .findFirst()
                        .map(e -> "the output should contain " + quote(e));
            case NOT_CONTAINS ->
                expected.stream()
                        .filter(e -> have.contains(fold(e)))
                        .findFirst()
                        .map(e -> "the output should not contain " + quote(e));
            case REGEX ->
                Pattern.compile(
                                        expected.get(0),
                                        Pattern.MULTILINE
                                                | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0))
                                .matcher(actual)
                                .find()
                        ? Optional.empty()
                        : Optional.of(regexInWords(expected.get(0)));
            case NUMBERS -> numbers(actual, true);
            case NUMBERS_INCLUDE -> numbers(actual, false);
        };
    }

    /** What the spec expects, for a report: "lines in order: …". */
    public String describe() {
        return switch (mode) {
            case EXACT, TEXT -> expected.get(0);
            case LINES_IN_ORDER -> "these lines, in order: " + String.join(" | ", expected);
            case CONTAINS ->
                "text containing: "
                        + String.join(
                                ", ",
                                expected.stream().map(OutputMatcher::quote).toList());
            case NOT_CONTAINS ->
                "text without: "
                        + String.join(
                                ", ",
                                expected.stream().map(OutputMatcher::quote).toList());
            case REGEX ->
                regexInWords(expected.get(0)).replaceFirst("^the output should (have|contain) ", "text with ");
            case NUMBERS -> "exactly these numbers: " + String.join(", ", expected);
            case NUMBERS_INCLUDE -> "these numbers, in order: " + String.join(", ", expected);
        };
    }

    /**
     * What a pattern asks for, in words a beginner reads: most specs' patterns are one literal line
     * with room for spaces at its end ({@code Hello, Ana![ \t]*$}). Other patterns are not spelled out.
     */
    static String regexInWords(String regex) {
        String rest = regex;
        boolean start = rest.startsWith("^");
        if (start) {
            rest = rest.substring(1);
        }
        boolean end = false;
        for (String tail : List.of("[ \\t]*$", "\\s*$", " *$", "$")) {
            if (rest.endsWith(tail)) {
                rest = rest.substring(0, rest.length() - tail.length());
                end = true;
                break;
            }
        }
        Optional<String> literal = literal(rest);
        if (literal.isEmpty() || literal.get().isBlank()) {
            return "the output is not in the expected form";
        }
        String text = quote(literal.get());
        return start && end
                ? "the output should have a line that is exactly " + text
                : end
                        ? "the output should have a line that ends with " + text
                        : start
                                ? "the output should have a line that starts with " + text
                                : "the output should contain " + text;
    }

    /** The text a pattern matches when it has no special characters (escaped ones are plain). */
    private static Optional<String> literal(String regex) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 == regex.length() || Character.isLetterOrDigit(regex.charAt(i + 1))) {
                    return Optional.empty();
                }
                text.append(regex.charAt(++i));
            } else if (".[](){}*+?|^$".indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                text.append(c);
            }
        }
        return Optional.of(text.toString());
    }

    private Optional<String> linesInOrder(String actual) {
        List<String> lines = actual.lines().map(String::strip).toList();
        int at = 0;
        for (String want : expected) {
            String target = fold(want).strip();
            // a line may follow an input() prompt on the same line when stdin is piped
            while (at < lines.size() && !lines.get(at).equals(target) && !afterPrompt(lines.get(at), target)) {
                at++;
            }
            if (at == lines.size()) {
                return Optional.of("a line " + quote(want) + " is missing (or out of order)");
            }
            at++;
        }
        return Optional.empty();
    }

    /** "Your name? Hello, Ada!" holds the line "Hello, Ada!" after a prompt ending in '?' or ':'. */
    private static boolean afterPrompt(String line, String target) {
        if (target.isEmpty() || !line.endsWith(target)) {
            return false;
        }
        String prompt = line.substring(0, line.length() - target.length()).strip();
        return prompt.endsWith("?") || prompt.endsWith(":") || prompt.endsWith(">");
    }

    private Optional<String> numbers(String actual, boolean exactly) {
        List<BigDecimal> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(actual);
        while (m.find()) {
            found.add(new BigDecimal(m.group()));
        }
        List<BigDecimal> want = expected.stream().map(BigDecimal::new).toList();
        if (exactly) {
            if (found.size() != want.size()) {
                return Optional.of("expected the numbers " + expected + " in the output, found " + plain(found));
            }
            for (int i = 0; i < want.size(); i++) {
                if (want.get(i).compareTo(found.get(i)) != 0) {
                    return Optional.of("expected the numbers " + expected + " in the output, found " + plain(found));
                }
            }
            return Optional.empty();
        }
        int at = 0;
        for (BigDecimal number : want) {
            while (at < found.size() && found.get(at).compareTo(number) != 0) {
                at++;
            }
            if (at == found.size()) {
                return Optional.of("the number " + number.toPlainString() + " is missing from the output");
            }
            at++;
        }
        return Optional.empty();
    }

    private static String plain(List<BigDecimal> numbers) {
        return numbers.stream().map(BigDecimal::toPlainString).toList().toString();
    }

    private String fold(String text) {
        return ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
    }

    static String normalize(String text) {
        List<String> lines = new ArrayList<>(
                text.replace("\r\n", "\n").lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return String.join("\n", lines);
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
