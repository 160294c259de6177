package dev.sprout.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;

/** The learner's view of a grading: ✓/✗ per case, the first details that help, the score. */
public final class ConsoleReport {

    private static final int OUTPUT_LINES = 20;
    /** Beginners fix one thing at a time: past this many failures, only names are listed. */
    private static final int DETAILED_FAILURES = 3;
    /** Learner code sets how long a message or value is (up to the 1 MiB output cap): show a screenful at most. */
    private static final int MESSAGE_CHARS = 2_000;

    private static final int VALUE_CHARS = 1_000;

    private final Style style;
    private final int width;

    /** How the reader tries again: "submit again" at the keyboard, "check again" in CI and batch reports. */
    private final String again;

    /**
     * The report {@code sprout grade} prints (CI, a class): text wrapped at 90 columns past its
     * indent, and no advice to run {@code submit}, which is not what the reader runs there.
     */
    public static ConsoleReport forGrade(Style style) {
        return new ConsoleReport(style, 90 + 6 + 1, "check again");
    }

    /** @param width the terminal's columns to wrap text at, at word boundaries; 0 for no wrapping */
    public ConsoleReport(Style style, int width) {
        this(style, width, "submit again");
    }

    private ConsoleReport(Style style, int width, String again) {
        this.style = style;
        this.width = width;
        this.again = again;
    }

    public void print(GradeResult result, PrintWriter out) {
        out.println(style.bold(result.title()) + style.dim("  (" + result.exercise() + ", " + result.file() + ")"));
        if (result.loadError().isPresent()) {
            printLoadError(result, result.loadError().get(), out);
            out.flush();
            return;
        }
        int currentTask = -1;
        int detailed = 0;
        Verdict previous = null;
        for (Verdict verdict : result.verdicts()) {
            if (verdict.task() != currentTask) {
                currentTask = verdict.task();
                out.println();
                out.println("  " + style.bold(verdict.task() + ". " + verdict.taskName()));
            }
            if (verdict.passed() || detailed < DETAILED_FAILURES) {
                printVerdict(verdict, previous, out);
                if (!verdict.passed()) {
                    detailed++;
                    previous = verdict;
                }
            } else {
                String label = verdict.status() == Verdict.Status.FAILED
                        ? ""
                        : " [" + verdict.status().label() + "]";
                out.println("    " + style.red("✗") + " " + verdict.name() + style.yellow(label));
            }
        }
        long failures = result.verdicts().stream().filter(v -> !v.passed()).count();
        if (failures > DETAILED_FAILURES) {
            out.println();
            wrap(
                            "Details are shown for the first " + DETAILED_FAILURES + " failing checks: fix those, then "
                                    + again + ".",
                            2)
                    .forEach(line -> out.println("  " + style.dim(line)));
        }
        out.println();
        String score = "Score: " + result.score() + "/" + result.maxScore() + " points";
        long passed = result.verdicts().stream().filter(Verdict::passed).count();
        String summary = passed + " of " + result.verdicts().size() + " checks passed. " + score;
        out.println(result.passed() ? style.green("✓ All done! " + summary) : style.red("✗ " + summary));
        if (!result.runWith().isBlank()) {
            wrap("Graded with " + result.runWith() + ".", 0).forEach(line -> out.println(style.dim(line)));
        }
        out.flush();
    }

    private void printLoadError(GradeResult result, GradeResult.LoadError error, PrintWriter out) {
        out.println();
        out.println(style.red("✗ " + Escape.terminal(error.message())));
        if (!error.details().isBlank()) {
            Escape.terminal(error.details()).lines().forEach(line -> out.println("    " + line));
        }
        out.println();
        out.println("Python stops at the first mistake it cannot read past. Fix that line"
                + error.line().map(l -> " (" + l + ")").orElse("") + " and " + again + ".");
        out.println(style.red("✗ 0 of " + result.maxScore() + " points: the file could not be run."));
    }

    /** @param previous the failure shown in detail before this one, if any: the same cause is not repeated */
    private void printVerdict(Verdict verdict, Verdict previous, PrintWriter out) {
        if (verdict.passed()) {
            out.println("    " + style.green("✓") + " " + verdict.name());
            return;
        }
        String label = verdict.status() == Verdict.Status.FAILED
                ? ""
                : " [" + verdict.status().label() + "]";
        out.println("    " + style.red("✗") + " " + verdict.name() + style.yellow(label));
        if (verdict.hidden()) {
            wrap(
                            "This is a hidden check: its details stay secret. Think about edge cases (empty input, negative "
                                    + "numbers, unusual names).",
                            6)
                    .forEach(line -> out.println("      " + style.dim(line)));
            verdict.hint().ifPresent(hint -> wrap("Hint: " + hint, 6).forEach(line -> out.println("      " + line)));
            return;
        }
        if (previous != null
                && !previous.hidden()
                && previous.message().equals(verdict.message())
                && previous.traceback().equals(verdict.traceback())
                && previous.expected().equals(verdict.expected())
                && previous.actual().equals(verdict.actual())) {
            // what it printed before failing may differ with the input; the cause does not
            out.println("      " + style.dim("Same error as above."));
            if (!previous.printed().equals(verdict.printed())) {
                printBlock("Your code printed:", verdict.printed(), out);
            }
            return;
        }
        // what went wrong quotes the learner's code (exception messages, values): shown, never acted on
        wrap(clip(Escape.terminal(verdict.message()), MESSAGE_CHARS), 6).forEach(line -> out.println("      " + line));
        Optional<String> expected = verdict.expected().map(Escape::terminal);
        Optional<String> actual = verdict.actual().map(Escape::terminal);
        if (expected.isPresent()
                && actual.isPresent()
                && (expected.get().contains("\n") || actual.get().contains("\n"))) {
            for (String line : OutputDiff.unified(expected.get(), actual.get())) {
                String shown = line.startsWith("+") && !line.startsWith("+++")
                        ? style.red(line)
                        : line.startsWith("-") && !line.startsWith("---") ? style.green(line) : style.dim(line);
                out.println("        " + shown);
            }
        } else if (expected.isPresent() && actual.isPresent()) {
            out.println("        expected: " + style.green(clip(expected.get(), VALUE_CHARS)));
            out.println("        got:      " + style.red(clip(actual.get(), VALUE_CHARS)));
        }
        printBlock("Your code printed:", verdict.printed(), out);
        printBlock("Python's error report:", verdict.traceback(), out);
        verdict.hint().ifPresent(hint -> {
            List<String> lines = wrap("Hint: " + hint, 6);
            out.println("      " + style.yellow("Hint:") + lines.get(0).substring("Hint:".length()));
            lines.stream().skip(1).forEach(line -> out.println("      " + line));
        });
    }

    private static String clip(String text, int max) {
        return text.length() <= max
                ? text
                : text.substring(0, max) + "… (" + (text.length() - max) + " more characters)";
    }

    /** Up to {@link #OUTPUT_LINES} lines, a line repeated many times shown once with its count. */
    private void printBlock(String title, String text, PrintWriter out) {
        if (text.isBlank()) {
            return;
        }
        // learner text: escaped for the terminal, each line clipped
        List<String> lines =
                collapse(Escape.terminal(text).lines().map(OutputDiff::clip).toList());
        out.println("      " + style.dim(title));
        lines.stream().limit(OUTPUT_LINES).forEach(line -> out.println("        " + style.dim("│ ") + line));
        if (lines.size() > OUTPUT_LINES) {
            out.println("        " + style.dim("│ … " + (lines.size() - OUTPUT_LINES) + " more lines"));
        }
    }

    /** Runs of one line become the line and "(the same line N more times)". */
    public static List<String> collapse(List<String> lines) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < lines.size(); ) {
            int j = i;
            while (j < lines.size() && lines.get(j).equals(lines.get(i))) {
                j++;
            }
            shown.add(lines.get(i));
            if (j - i > 2) {
                shown.add("(the same line " + (j - i - 1) + " more times)");
            } else if (j - i == 2) {
                shown.add(lines.get(i));
            }
            i = j;
        }
        return shown;
    }

    /** Lines of at most {@code width - indent} columns, broken between words; long words stay whole. */
    private List<String> wrap(String text, int indent) {
        return wrapText(text, width <= 0 ? 0 : Math.max(20, width - indent - 1));
    }

    /** @param columns 0 for no wrapping */
    public static List<String> wrapText(String text, int columns) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            if (columns <= 0) {
                lines.add(paragraph);
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (line.length() + word.length() + 1 > columns && line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() == 0 ? "" : " ").append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
