/**
 * The grader spec model ({@link dev.sprout.spec.GraderSpec}, {@link dev.sprout.spec.Task},
 * {@link dev.sprout.spec.Case}, {@link dev.sprout.spec.Action}, {@link dev.sprout.spec.Expectation})
 * and its parsing and validation ({@link dev.sprout.spec.SpecParser}); the format is
 * docs/grader-spec.md. May use {@code value} only: limit overrides are plain data, applied to the
 * sandbox's limits by {@code grading/SproutConfig}.
 */
package dev.sprout.spec;
