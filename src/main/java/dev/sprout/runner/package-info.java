/**
 * Running learner Python: the two {@link dev.sprout.runner.Engine}s (CPython through the harness,
 * GraalPy in a worker JVM), one {@link dev.sprout.runner.Session} per submission built on
 * {@link dev.sprout.runner.EngineSession}, the harness protocol ({@link dev.sprout.runner.Wire},
 * docs/harness-protocol.md) and what came back, an {@link dev.sprout.runner.Observation} with no
 * verdict. May use {@code sandbox}, {@code spec}, {@code value} and {@code process} (ARCHITECTURE.md).
 */
package dev.sprout.runner;
