package dev.sprout.report;

import java.io.PrintWriter;
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

    public ConsoleReport(Style style) {
        this.style = style;
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
        for (Verdict verdict : result.verdicts()) {
            if (verdict.task() != currentTask) {
                currentTask = verdict.task();
                out.println();
                out.println("  " + style.bold(verdict.task() + ". " + verdict.taskName()));
            }
            if (verdict.passed() || detailed < DETAILED_FAILURES) {
                printVerdict(verdict, out);
                detailed += verdict.passed() ? 0 : 1;
            } else {
                String label = verdict.status() == Verdict.Status.FAILED ? "" : " [" + verdict.status().label() + "]";
                out.println("    " + style.red("✗") + " " + verdict.name() + style.yellow(label));
            }
        }
        long failures = result.verdicts().stream().filter(v -> !v.passed()).count();
        if (failures > DETAILED_FAILURES) {
            out.println();
            out.println(style.dim("  Details are shown for the first " + DETAILED_FAILURES + " failing checks: fix those, "
                    + "then submit again."));
        }
        out.println();
        String score = "Score: " + result.score() + "/" + result.maxScore() + " points";
        long passed = result.verdicts().stream().filter(Verdict::passed).count();
        String summary = passed + " of " + result.verdicts().size() + " checks passed. " + score;
        out.println(result.passed() ? style.green("✓ All done! " + summary) : style.red("✗ " + summary));
        if (!result.runWith().isBlank()) {
            out.println(style.dim("Graded with " + result.runWith() + "."));
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
                + error.line().map(l -> " (" + l + ")").orElse("") + " and submit again.");
        out.println(style.red("✗ 0 of " + result.maxScore() + " points: the file could not be run."));
    }

    private void printVerdict(Verdict verdict, PrintWriter out) {
        if (verdict.passed()) {
            out.println("    " + style.green("✓") + " " + verdict.name());
            return;
        }
        String label = verdict.status() == Verdict.Status.FAILED ? "" : " [" + verdict.status().label() + "]";
        out.println("    " + style.red("✗") + " " + verdict.name() + style.yellow(label));
        if (verdict.hidden()) {
            out.println("      " + style.dim("This is a hidden check: its details stay secret. Think about edge cases"
                    + " (empty input, negative numbers, unusual names)."));
            verdict.hint().ifPresent(hint -> out.println("      Hint: " + hint));
            return;
        }
        // what went wrong quotes the learner's code (exception messages, values): shown, never acted on
        wrap(clip(Escape.terminal(verdict.message()), MESSAGE_CHARS)).forEach(line -> out.println("      " + line));
        Optional<String> expected = verdict.expected().map(Escape::terminal);
        Optional<String> actual = verdict.actual().map(Escape::terminal);
        if (expected.isPresent() && actual.isPresent() && (expected.get().contains("\n") || actual.get().contains("\n"))) {
            for (String line : OutputDiff.unified(expected.get(), actual.get())) {
                String shown = line.startsWith("+") && !line.startsWith("+++") ? style.red(line)
                        : line.startsWith("-") && !line.startsWith("---") ? style.green(line) : style.dim(line);
                out.println("        " + shown);
            }
        } else if (expected.isPresent() && actual.isPresent()) {
            out.println("        expected: " + style.green(clip(expected.get(), VALUE_CHARS)));
            out.println("        got:      " + style.red(clip(actual.get(), VALUE_CHARS)));
        }
        if (!verdict.output().isBlank() && verdict.status() != Verdict.Status.PASSED) {
            List<String> lines = Escape.terminal(verdict.output()).lines().toList();
            out.println("      " + style.dim("Your code printed:"));
            lines.stream().limit(OUTPUT_LINES).forEach(line -> out.println("        " + style.dim("│ ") + OutputDiff.clip(line)));
            if (lines.size() > OUTPUT_LINES) {
                out.println("        " + style.dim("│ … " + (lines.size() - OUTPUT_LINES) + " more lines"));
            }
        }
        verdict.hint().ifPresent(hint -> out.println("      " + style.yellow("Hint: ") + hint));
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + (text.length() - max) + " more characters)";
    }

    private static List<String> wrap(String text) {
        List<String> lines = new java.util.ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (line.length() + word.length() + 1 > 90 && line.length() > 0) {
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
