/**
 * The jar's entry point and the warm per-user server behind it: a command that grades nothing or
 * one submission is handed over a Unix socket to a JVM that is already running (as Gradle's daemon
 * and mvnd do), else it runs in this JVM. The server runs the same {@code cli} code; learner code
 * still runs in its own sandbox per submission.
 */
package dev.sprout.daemon;
