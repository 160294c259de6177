package dev.sprout.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.sprout.result.GradeResult;
import dev.sprout.result.SubmissionResult;
import dev.sprout.result.Verdict;

/**
 * What a GitHub Actions run shows: {@code ::error} workflow commands that annotate the learner's
 * failing lines in the pull request, a Markdown table for {@code $GITHUB_STEP_SUMMARY}, and the
 * {@code score}, {@code max_score} and {@code status} step outputs for {@code $GITHUB_OUTPUT}.
 */
public final class GitHubReport {

    /** GitHub shows at most 10 error annotations per step; past a few per exercise they only add noise. */
    static final int ANNOTATIONS_PER_SUBMISSION = 5;

    private static final int CELL_LIMIT = 120;

    private GitHubReport() {}

    /** One {@code ::error} line per failing case (or per unreadable file), pointing at its line when known. */
    public static List<String> annotations(List<SubmissionResult> results) {
        List<String> lines = new ArrayList<>();
        for (SubmissionResult r : results) {
            GradeResult result = r.result();
            if (result.loadError().isPresent()) {
                GradeResult.LoadError error = result.loadError().get();
                lines.add(error(
                        fileOf(r.path(), error.file()),
                        error.line(),
                        error.column(),
                        r.label() + ": the file could not be run",
                        error.message() + (error.details().isBlank() ? "" : "\n" + error.details())));
                continue;
            }
            int shown = 0;
            List<Verdict> failing =
                    result.verdicts().stream().filter(v -> !v.passed()).toList();
            for (Verdict verdict : failing) {
                if (shown++ == ANNOTATIONS_PER_SUBMISSION) {
                    lines.add(error(
                            r.path(),
                            Optional.empty(),
                            Optional.empty(),
                            r.label(),
                            (failing.size() - ANNOTATIONS_PER_SUBMISSION)
                                    + " more checks failed: see the job summary."));
                    break;
                }
                lines.add(error(
                        verdict.hidden() ? r.path() : fileOf(r.path(), verdict.file()),
                        verdict.hidden() ? Optional.empty() : verdict.line(),
                        Optional.empty(),
                        r.label() + ": " + verdict.name(),
                        message(verdict)));
            }
        }
        return lines;
    }

    /** A Markdown section: a headline with the totals, then exercise, status, points and first failure. */
    public static String summary(List<SubmissionResult> results) {
        BatchSummary totals = BatchSummary.of(results);
        boolean batch = results.stream().anyMatch(r -> !r.student().isEmpty());
        StringBuilder md = new StringBuilder("### sprout: ");
        if (results.isEmpty()) {
            return md.append("nothing to grade\n\nNo exercise was selected (no exercise files changed?).\n\n")
                    .toString();
        }
        md.append(totals.passed())
                .append(" of ")
                .append(totals.total())
                .append(" passed · ")
                .append(totals.score())
                .append('/')
                .append(totals.maxScore())
                .append(" points\n\n");
        md.append(
                batch
                        ? "| Student | Exercise | Status | Points | First failure |\n|---|---|---|---|---|\n"
                        : "| Exercise | Status | Points | First failure |\n|---|---|---|---|\n");
        for (SubmissionResult r : results) {
            GradeResult result = r.result();
            md.append("| ");
            if (batch) {
                md.append(cell(r.student())).append(" | ");
            }
            md.append(cell(result.exercise()))
                    .append(" (`")
                    .append(Escape.markdownCode(r.path()))
                    .append("`) | ")
                    .append(icon(result.status()))
                    .append(' ')
                    .append(result.status().label())
                    .append(" | ")
                    .append(result.score())
                    .append('/')
                    .append(result.maxScore())
                    .append(" | ")
                    .append(FirstFailure.of(result)
                            .map(f -> cell(FirstFailure.oneLine(f, CELL_LIMIT)))
                            .orElse(""))
                    .append(" |\n");
        }
        return md.append('\n').toString();
    }

    /** Lines for {@code $GITHUB_OUTPUT}. */
    public static String outputs(List<SubmissionResult> results) {
        BatchSummary totals = BatchSummary.of(results);
        return "score=" + totals.score() + "\nmax_score=" + totals.maxScore() + "\nstatus="
                + totals.status().label() + "\n";
    }

    /**
     * The annotated file: the submission's path, or for a package entry ({@code …/inventory}) the
     * file of it the verdict points into ({@code inventory/report.py} → {@code …/inventory/report.py}).
     */
    static String fileOf(String path, String verdictFile) {
        int slash = verdictFile.indexOf('/');
        if (slash <= 0 || slash == verdictFile.length() - 1 || verdictFile.contains("..")) {
            return path;
        }
        String top = verdictFile.substring(0, slash);
        return path.equals(top) || path.endsWith("/" + top) ? path + verdictFile.substring(slash) : path;
    }

    static String error(String file, Optional<Integer> line, Optional<Integer> column, String title, String message) {
        // learner text reaches a log and a web page: no control characters, and the runner's own escaping
        StringBuilder command = new StringBuilder("::error file=").append(property(Escape.terminal(file)));
        line.ifPresent(l -> command.append(",line=").append(l));
        column.ifPresent(c -> command.append(",col=").append(c));
        command.append(",title=").append(property(Escape.terminal(title)));
        return command.append("::").append(data(Escape.terminal(message))).toString();
    }

    private static String message(Verdict verdict) {
        if (verdict.hidden()) {
            return "A hidden check failed."
                    + verdict.hint().map(h -> " Hint: " + h).orElse("");
        }
        StringBuilder text =
                new StringBuilder(verdict.message().isBlank() ? verdict.status().label() : verdict.message());
        if (verdict.expected().isPresent()
                && verdict.actual().isPresent()
                && !verdict.expected().get().contains("\n")
                && !verdict.actual().get().contains("\n")) {
            text.append("\nexpected: ")
                    .append(verdict.expected().get())
                    .append("\ngot:      ")
                    .append(verdict.actual().get());
        }
        verdict.hint().ifPresent(h -> text.append("\nHint: ").append(h));
        return text.toString();
    }

    /** Escapes a workflow command's message, as the runner's own toolkit (@actions/core) does. */
    static String data(String value) {
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a workflow command's property value: {@link #data} plus {@code :} and {@code ,}. */
    static String property(String value) {
        return data(value).replace(":", "%3A").replace(",", "%2C");
    }

    private static String cell(String text) {
        return Escape.markdownCell(text);
    }

    private static String icon(GradeResult.Status status) {
        return switch (status) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case ERROR -> "⚠️";
        };
    }
}
