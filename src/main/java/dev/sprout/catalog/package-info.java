/**
 * Exercises and where the learner is: the {@link dev.sprout.catalog.Pack} (exercises beside their
 * graders), the learner's {@link dev.sprout.catalog.Workspace} and its {@code sprout.yaml}, the one
 * owner of {@link dev.sprout.catalog.Progress}, and the {@link dev.sprout.catalog.Roadmap}.
 * May use {@code spec} and {@code value} (ARCHITECTURE.md).
 */
package dev.sprout.catalog;
