package dev.sprout.result;

import java.util.Comparator;

/**
 * One graded submission as every batch report sees it.
 *
 * @param student whose work it is: the batch folder's student name, or empty for a single workspace
 * @param path    the learner's file relative to the repository (or batch) root, with forward slashes;
 *                GitHub annotations point at it
 * @param result  the grading
 */
public record SubmissionResult(String student, String path, GradeResult result) {

    /** Reports list submissions by student, then by file (which is roadmap order). */
    public static final Comparator<SubmissionResult> ORDER =
            Comparator.comparing(SubmissionResult::student).thenComparing(SubmissionResult::path);

    /** "alice/calculator", or "calculator" outside a batch. */
    public String label() {
        return student.isEmpty() ? result.exercise() : student + "/" + result.exercise();
    }
}
