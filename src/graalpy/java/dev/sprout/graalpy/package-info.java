/**
 * The GraalPy worker, a JVM of its own started inside the sandbox by {@code runner.GraalPyWorker}
 * (built only with {@code -Pgraalpy}; docs/graalpy-worker.md): {@link dev.sprout.graalpy.Worker}
 * runs each case in a fresh context ({@link dev.sprout.graalpy.CaseRun}). It shares only the
 * harness protocol with sprout and uses none of its packages (ARCHITECTURE.md).
 */
package dev.sprout.graalpy;
