/**
 * The graded results every report reads: {@link dev.sprout.result.Verdict} per case,
 * {@link dev.sprout.result.GradeResult} per exercise, {@link dev.sprout.result.SubmissionResult}
 * per submission, and {@link dev.sprout.result.LearnerView}, what a learner may see of hidden cases.
 * Plain records: may use {@code spec} and {@code value} at most (today it uses neither).
 */
package dev.sprout.result;
