package dev.sprout.watch;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;
import dev.sprout.report.Style;

/**
 * Watch mode's verdict: small enough to read at a glance after every save. What passed is a
 * count, the first failure is shown in full (a beginner fixes one thing at a time), then the score.
 */
public final class CompactReport {

    private static final int OUTPUT_LINES = 10;

    private final Style style;

    public CompactReport(Style style) {
        this.style = style;
    }

    public void print(GradeResult result, PrintWriter out) {
        out.println(style.bold(result.title()) + style.dim("  (" + result.file() + ")"));
        if (result.loadError().isPresent()) {
            GradeResult.LoadError error = result.loadError().get();
            out.println(style.red("✗ " + error.message()));
            error.details().lines().limit(OUTPUT_LINES).forEach(line -> out.println("    " + line));
            out.println("Python could not read your file. Fix that line"
                    + error.line().map(l -> " (" + l + ")").orElse("") + " and save again.");
            out.flush();
            return;
        }
        List<Verdict> verdicts = result.verdicts();
        long passed = verdicts.stream().filter(Verdict::passed).count();
        if (passed > 0 && !result.passed()) {
            out.println(style.green("✓ " + passed + " of " + verdicts.size() + " checks pass"));
        }
        Optional<Verdict> failure = verdicts.stream().filter(v -> !v.passed()).findFirst();
        failure.ifPresent(v -> printFailure(v, verdicts.stream().filter(x -> !x.passed()).count(), out));
        String score = result.score() + "/" + result.maxScore() + " points";
        out.println(result.passed() ? style.green("✓ All " + verdicts.size() + " checks pass. " + score)
                : style.red("✗ " + score));
        out.flush();
    }

    private void printFailure(Verdict verdict, long failures, PrintWriter out) {
        String label = verdict.status() == Verdict.Status.FAILED ? "" : " [" + verdict.status().label() + "]";
        out.println(style.red("✗ " + verdict.name()) + style.yellow(label)
                + (failures > 1 ? style.dim("  (and " + (failures - 1) + " more failing)") : ""));
        if (verdict.hidden()) {
            out.println("    " + style.dim("A hidden check: think about edge cases."));
        } else {
            verdict.message().lines().forEach(line -> out.println("    " + line));
            if (verdict.expected().isPresent() && verdict.actual().isPresent()) {
                out.println("    expected: " + style.green(verdict.expected().get().replace("\n", "\\n")));
                out.println("    got:      " + style.red(verdict.actual().get().replace("\n", "\\n")));
            }
            List<String> printed = verdict.output().lines().toList();
            if (!printed.isEmpty()) {
                out.println("    " + style.dim("Your code printed:"));
                printed.stream().limit(OUTPUT_LINES).forEach(line -> out.println("      " + style.dim("│ ") + line));
                if (printed.size() > OUTPUT_LINES) {
                    out.println("      " + style.dim("│ … " + (printed.size() - OUTPUT_LINES) + " more lines"));
                }
            }
        }
        verdict.hint().ifPresent(hint -> out.println("    " + style.yellow("Hint: ") + hint));
    }
}
