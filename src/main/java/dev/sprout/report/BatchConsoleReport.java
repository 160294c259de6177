package dev.sprout.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;

import dev.sprout.result.SubmissionResult;

/**
 * The console report of {@code sprout grade}: each exercise's full learner report, or for a class
 * one line per submission (a mentor scans 200 lines, not 200 reports), then the totals and timing.
 */
public final class BatchConsoleReport {

    private static final int FAILURE_WIDTH = 70;

    private final Style style;

    public BatchConsoleReport(Style style) {
        this.style = style;
    }

    /** @param timing how long it took, e.g. "19.2 s, 10.4 submissions/s" */
    public String render(List<SubmissionResult> results, boolean batch, String timing) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        if (results.isEmpty()) {
            out.println("Nothing to grade: no exercise was selected.");
        } else if (batch) {
            int width = results.stream().mapToInt(r -> label(r).length()).max().orElse(0);
            for (SubmissionResult r : results) {
                String label = switch (r.result().status()) {
                    case PASS -> style.green("pass ");
                    case FAIL -> style.red("fail ");
                    case ERROR -> style.yellow("error");
                };
                String line = String.format(
                        Locale.ROOT,
                        "%-" + width + "s  %s  %3d/%-3d",
                        label(r),
                        label,
                        r.result().score(),
                        r.result().maxScore());
                String failure = FirstFailure.of(r.result())
                        .map(f -> "  " + style.dim(Escape.terminal(FirstFailure.oneLine(f, FAILURE_WIDTH))))
                        .orElse("");
                out.println((line + failure).stripTrailing());
            }
        } else {
            ConsoleReport report = ConsoleReport.forGrade(style);
            for (SubmissionResult r : results) {
                report.print(r.result(), out);
                out.println();
            }
        }
        BatchSummary summary = BatchSummary.of(results);
        out.println(style.bold("Summary: ") + summary.describe() + style.dim(" (" + timing + ")"));
        out.flush();
        return text.toString();
    }

    /** A student folder can be named anything, escape sequences included. */
    private static String label(SubmissionResult r) {
        return Escape.line(r.label());
    }
}
