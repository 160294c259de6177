/**
 * {@code sprout watch}: the one-thread {@link dev.sprout.watch.WatchLoop} fed by file changes
 * ({@link dev.sprout.watch.FileWatch}) and key presses ({@link dev.sprout.watch.Keys}), and its
 * {@link dev.sprout.watch.CompactReport}. It grades through the {@code WatchLoop.Actions} the CLI
 * gives it, and stops a running check through grading's {@code Cancel}; may use {@code grading}, {@code report},
 * {@code result} and {@code value} (ARCHITECTURE.md).
 */
package dev.sprout.watch;
