/**
 * Running <em>trusted</em> host tools (git, Maven, interpreter probes) to completion:
 * {@link dev.sprout.process.HostCommand} in, {@link dev.sprout.process.HostRun} out, and the one
 * git wrapper {@link dev.sprout.process.Git}. Learner code never runs through here (that is
 * {@code sandbox}). Uses nothing of sprout's (ARCHITECTURE.md).
 */
package dev.sprout.process;
