/**
 * Every report format by name in {@link dev.sprout.report.Reports} (console, Exercism JSON, mentor
 * JSON, JUnit XML, GitHub, Gradescope, CSV), each a {@link dev.sprout.report.ReportWriter} writing a
 * {@link dev.sprout.report.ReportRun} to a {@link dev.sprout.report.ReportSink}, with learner text
 * escaped for its medium ({@link dev.sprout.report.Escape}). May use {@code result}, {@code spec}
 * and {@code value} only: never {@code grading} or {@code runner} (ARCHITECTURE.md).
 */
package dev.sprout.report;
