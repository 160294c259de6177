package dev.sprout.watch;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import dev.sprout.report.ConsoleReport;
import dev.sprout.report.Style;
import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;

/**
 * Watch mode's verdict: small enough to read at a glance after every save. What passed is a
 * count, the first failure is shown in full (a beginner fixes one thing at a time), then the score.
 */
public final class CompactReport {

    private static final int OUTPUT_LINES = 10;

    private final Style style;
    private final int width;

    public CompactReport(Style style) {
        this(style, 0);
    }

    /** @param width the terminal's columns to wrap text at, at word boundaries; 0 for no wrapping */
    public CompactReport(Style style, int width) {
        this.style = style;
        this.width = width;
    }

    private List<String> wrap(String text, int indent) {
        return ConsoleReport.wrapText(text, width <= 0 ? 0 : Math.max(20, width - indent - 1));
    }

    public void print(GradeResult result, PrintWriter out) {
        out.println(style.bold(result.title()) + style.dim("  (" + result.file() + ")"));
        if (result.loadError().isPresent()) {
            GradeResult.LoadError error = result.loadError().get();
            out.println(style.red("✗ " + error.message()));
            error.details().lines().limit(OUTPUT_LINES).forEach(line -> out.println("    " + line));
            wrap(
                            "Python could not read your file. Fix that line"
                                    + error.line().map(l -> " (" + l + ")").orElse("") + " and save again.",
                            0)
                    .forEach(out::println);
            out.flush();
            return;
        }
        List<Verdict> verdicts = result.verdicts();
        long passed = verdicts.stream().filter(Verdict::passed).count();
        if (passed > 0 && !result.passed()) {
            out.println(style.green("✓ " + passed + " of " + verdicts.size() + " checks pass"));
        }
        Optional<Verdict> failure = verdicts.stream().filter(v -> !v.passed()).findFirst();
        failure.ifPresent(
                v -> printFailure(v, verdicts.stream().filter(x -> !x.passed()).count(), out));
        String score = result.score() + "/" + result.maxScore() + " points";
        out.println(
                result.passed()
                        ? style.green("✓ All " + verdicts.size() + " checks pass. " + score)
                        : style.red("✗ " + score));
        out.flush();
    }

    private void printFailure(Verdict verdict, long failures, PrintWriter out) {
        String label = verdict.status() == Verdict.Status.FAILED
                ? ""
                : " [" + verdict.status().label() + "]";
        out.println(style.red("✗ " + verdict.name())
                + style.yellow(label)
                + (failures > 1 ? style.dim("  (and " + (failures - 1) + " more failing)") : ""));
        if (verdict.hidden()) {
            out.println("    " + style.dim("A hidden check: think about edge cases."));
        } else {
            wrap(verdict.message(), 4).forEach(line -> out.println("    " + line));
            if (verdict.expected().isPresent() && verdict.actual().isPresent()) {
                out.println(
                        "    expected: " + style.green(verdict.expected().get().replace("\n", "\\n")));
                out.println("    got:      " + style.red(verdict.actual().get().replace("\n", "\\n")));
            }
            printBlock("Your code printed:", verdict.printed(), out);
            printBlock("Python's error report:", verdict.traceback(), out);
        }
        verdict.hint().ifPresent(hint -> {
            List<String> lines = wrap("Hint: " + hint, 4);
            out.println("    " + style.yellow("Hint:") + lines.get(0).substring("Hint:".length()));
            lines.stream().skip(1).forEach(line -> out.println("    " + line));
        });
    }

    private void printBlock(String title, String text, PrintWriter out) {
        List<String> lines = ConsoleReport.collapse(text.lines().toList());
        if (text.isBlank()) {
            return;
        }
        out.println("    " + style.dim(title));
        lines.stream().limit(OUTPUT_LINES).forEach(line -> out.println("      " + style.dim("│ ") + line));
        if (lines.size() > OUTPUT_LINES) {
            out.println("      " + style.dim("│ … " + (lines.size() - OUTPUT_LINES) + " more lines"));
        }
    }
}
