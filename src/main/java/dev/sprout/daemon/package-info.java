/**
 * The warm per-user server and the thin client {@code ./sprout} runs first: a command that grades
 * nothing or one submission is handed over a Unix socket to a JVM that is already running (as
 * Gradle's daemon and mvnd do), else it runs in a one-shot JVM. On by default at a learner's
 * keyboard, off in CI. The server runs the same {@code cli} code; learner code still runs in its
 * own sandbox per submission.
 */
package dev.sprout.daemon;
