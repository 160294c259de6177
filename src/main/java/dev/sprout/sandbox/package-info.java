/**
 * OS isolation of learner code: {@link dev.sprout.sandbox.Sandbox} and its tiers (A
 * {@link dev.sprout.sandbox.BwrapSandbox}, B {@link dev.sprout.sandbox.LauncherSandbox}, C
 * {@link dev.sprout.sandbox.NoSandbox}), chosen by {@link dev.sprout.sandbox.Sandboxes}, with
 * {@link dev.sprout.sandbox.Limits}, process-tree control and work folders. Knows nothing of
 * Python or grading; may use {@code process} only (ARCHITECTURE.md, docs/security.md).
 */
package dev.sprout.sandbox;
