package dev.sprout.report;

import java.util.List;

import dev.sprout.result.GradeResult;
import dev.sprout.result.SubmissionResult;

/**
 * Totals over a batch: how many submissions passed, failed or errored, and the points.
 *
 * @param status {@code error} when any submission errored, else {@code fail} when any failed, else {@code pass}
 */
public record BatchSummary(
        int total, int passed, int failed, int errored, int score, int maxScore, GradeResult.Status status) {

    public static BatchSummary of(List<SubmissionResult> results) {
        int passed = 0;
        int failed = 0;
        int errored = 0;
        int score = 0;
        int max = 0;
        for (SubmissionResult r : results) {
            switch (r.result().status()) {
                case PASS -> passed++;
                case FAIL -> failed++;
                case ERROR -> errored++;
            }
            score += r.result().score();
            max += r.result().maxScore();
        }
        GradeResult.Status status =
                errored > 0 ? GradeResult.Status.ERROR : failed > 0 ? GradeResult.Status.FAIL : GradeResult.Status.PASS;
        return new BatchSummary(results.size(), passed, failed, errored, score, max, status);
    }

    /** "18 graded: 10 passed, 6 failed, 2 errored; 412/530 points" */
    public String describe() {
        return total + " graded: " + passed + " passed, " + failed + " failed, " + errored + " errored; " + score + "/"
                + maxScore + " points";
    }
}
