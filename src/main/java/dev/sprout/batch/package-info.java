/**
 * {@code sprout grade}'s machinery below the command: what to grade
 * ({@link dev.sprout.batch.Selection}, {@link dev.sprout.batch.Target}, {@link dev.sprout.batch.Shard}),
 * containment of the untrusted tree ({@link dev.sprout.batch.Containment}), grading many
 * submissions in parallel ({@link dev.sprout.batch.BatchGrader}) and the CI workflow file. May use
 * {@code catalog}, {@code grading}, {@code runner}, {@code report}, {@code result}, {@code spec}, {@code value}.
 */
package dev.sprout.batch;
