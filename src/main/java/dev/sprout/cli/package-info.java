/**
 * The picocli commands ({@link dev.sprout.cli.Main}, one class per command): parse, call, print.
 * Exit codes in {@link dev.sprout.cli.ExitCode}, user-facing failures as
 * {@link dev.sprout.cli.SproutException}; report names and sinks in {@link dev.sprout.cli.GradeReports}.
 * The top layer: may use every package; no package may use it (ARCHITECTURE.md).
 */
package dev.sprout.cli;
