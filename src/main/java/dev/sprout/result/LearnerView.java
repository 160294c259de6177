package dev.sprout.result;

import java.util.List;
import java.util.Optional;

/**
 * What a learner may see of a grading. A hidden case is its name, status and points (and the
 * author's hint, written to be shown): never its spec text, arguments, expected or observed
 * values, message, output or line, which would let a learner write code that fakes a pass.
 * Every report a learner can read is written from this view; only the mentor's report is not.
 */
public final class LearnerView {

    private LearnerView() {}

    public static Verdict of(Verdict v) {
        if (!v.hidden()) {
            return v;
        }
        return new Verdict(
                v.exercise(),
                v.task(),
                v.taskName(),
                v.name(),
                v.status(),
                v.points(),
                v.maxPoints(),
                true,
                "",
                Optional.empty(),
                Optional.empty(),
                "",
                Optional.empty(),
                v.file(),
                v.hint(),
                "",
                v.millis(),
                v.couldNotRun());
    }

    public static GradeResult of(GradeResult r) {
        return new GradeResult(
                r.exercise(),
                r.title(),
                r.file(),
                r.loadError(),
                r.verdicts().stream().map(LearnerView::of).toList(),
                r.maxScore(),
                r.runWith());
    }

    public static List<SubmissionResult> of(List<SubmissionResult> results) {
        return results.stream()
                .map(s -> new SubmissionResult(s.student(), s.path(), of(s.result())))
                .toList();
    }
}
