/**
 * The "sprout" JUnit Platform engine ({@link dev.sprout.grading.SproutTestEngine}, run through the
 * Launcher by {@link dev.sprout.grading.Grader}) and the grading policy: observations compared with
 * the spec in {@link dev.sprout.grading.CaseGrader} and {@link dev.sprout.grading.Outcome}, every
 * learner sentence in {@link dev.sprout.grading.Messages}. May use {@code runner}, {@code sandbox},
 * {@code spec}, {@code value} and {@code result}; never {@code report} or {@code cli} (ARCHITECTURE.md).
 */
package dev.sprout.grading;
