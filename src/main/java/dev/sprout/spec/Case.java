package dev.sprout.spec;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One graded check.
 *
 * @param name     unique in its exercise; known-bad fixtures refer to cases by it
 * @param line     the line in grader.yaml where the case starts
 * @param points   what passing it is worth
 * @param hidden   learners see only pass or fail, never inputs or output
 * @param timeout  wall-time override for this case
 * @param hint     shown when the case fails
 * @param action   what to run
 * @param stdin    text fed to {@code input()}
 * @param files    starting files written into the case's working directory
 * @param expect   what must be observed
 * @param source   the case as written in the spec, shown as Exercism's {@code test_code}
 * @param stub     the stub HTTP service served while it runs (its own, or the exercise's default)
 * @param postgres the fresh PostgreSQL database it runs against (its own setup, or the exercise's)
 */
public record Case(
        String name,
        int line,
        int points,
        boolean hidden,
        Optional<Duration> timeout,
        Optional<String> hint,
        Action action,
        String stdin,
        Map<String, String> files,
        Expectation expect,
        String source,
        Optional<Stub> stub,
        Optional<Postgres> postgres) {

    public Case {
        files = Map.copyOf(files);
    }

    /** A case without a PostgreSQL database, as most are. */
    public Case(
            String name,
            int line,
            int points,
            boolean hidden,
            Optional<Duration> timeout,
            Optional<String> hint,
            Action action,
            String stdin,
            Map<String, String> files,
            Expectation expect,
            String source,
            Optional<Stub> stub) {
        this(name, line, points, hidden, timeout, hint, action, stdin, files, expect, source, stub, Optional.empty());
    }
}
