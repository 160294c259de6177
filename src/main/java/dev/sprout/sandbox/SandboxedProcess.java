package dev.sprout.sandbox;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/** A running sandboxed program. Closing it kills every process it started. */
public interface SandboxedProcess extends AutoCloseable {

    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    boolean isAlive();

    /** Waits up to {@code timeout} for the exit code. */
    Optional<Integer> waitFor(Duration timeout) throws InterruptedException;

    /** Kills the whole process tree; idempotent; never throws. */
    @Override
    void close();
}
