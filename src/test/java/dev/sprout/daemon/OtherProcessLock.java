package dev.sprout.daemon;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A lock taken by another process, as another server would take it: Python's
 * {@code fcntl.lockf} makes the same POSIX record locks as Java's {@code FileChannel.lock}.
 * Another process, because a probe in the test's own JVM cannot tell a held lock from one the
 * kernel already dropped.
 */
final class OtherProcessLock implements AutoCloseable {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String TAKE = "import fcntl, os, sys\n"
            + "fd = os.open(sys.argv[1], os.O_WRONLY)\n"
            + "try:\n"
            + "    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
            + "except OSError:\n"
            + "    print('held', flush=True)\n"
            + "    sys.exit(0)\n"
            + "print('taken', flush=True)\n"
            + "if sys.argv[2] == 'hold':\n"
            + "    sys.stdin.read()\n";

    private final Process process;

    private OtherProcessLock(Process process) {
        this.process = process;
    }

    /** Whether another process could take the lock on {@code file} now (it lets go at once). */
    static boolean isFree(Path file) throws IOException, InterruptedException {
        Process probe = start(file, "probe");
        String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEnded(probe);
        return said.equals("taken");
    }

    /** Holds the lock on {@code file} until closed. */
    static OtherProcessLock hold(Path file) throws IOException, InterruptedException {
        Process holder = start(file, "hold");
        String said = new String(holder.getInputStream().readNBytes("taken\n".length()), StandardCharsets.UTF_8);
        if (!said.equals("taken\n")) {
            holder.destroyForcibly();
            throw new IllegalStateException("could not hold " + file + ": " + said);
        }
        return new OtherProcessLock(holder);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        assertEnded(process);
    }

    private static Process start(Path file, String mode) throws IOException {
        assumeTrue(Files.isExecutable(PYTHON), "needs " + PYTHON + " to hold a lock in another process");
        return new ProcessBuilder(PYTHON.toString(), "-I", "-c", TAKE, file.toString(), mode)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void assertEnded(Process process) throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the lock helper did not end within 10 s");
        }
    }
}
