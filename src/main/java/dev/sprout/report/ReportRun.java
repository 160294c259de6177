package dev.sprout.report;

import java.util.List;
import java.util.Optional;

import dev.sprout.result.LearnerView;
import dev.sprout.result.SubmissionResult;

/**
 * Everything a report is made from.
 *
 * @param results the submissions, in {@link SubmissionResult#ORDER}
 * @param suites  JUnit XML per submission, when graded in this run (empty for {@code grade merge})
 * @param batch   a class was graded: list submissions one per line instead of full reports
 * @param millis  how long the grading took
 * @param pack    which pack graded, with its sha256 ("" when unknown): a gradebook can tell
 */
public record ReportRun(
        List<SubmissionResult> results,
        Optional<List<JUnitSuites.Suite>> suites,
        boolean batch,
        long millis,
        String pack) {

    public ReportRun {
        results = List.copyOf(results);
    }

    /** The same run as a learner may see it (hidden cases reduced to name, status and points). */
    ReportRun forLearners() {
        return new ReportRun(LearnerView.of(results), suites, batch, millis, pack);
    }
}
