package dev.sprout.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A host process started with exactly the given environment. Its tree is killed on close and,
 * as a last resort, when the JVM shuts down, so no learner process outlives a grading.
 */
final class HostProcess implements SandboxedProcess {

    private final Process process;
    private final Thread shutdownHook;

    private HostProcess(Process process) {
        this.process = process;
        this.shutdownHook = new Thread(this::killTree, "sprout-kill-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static HostProcess start(List<String> command, Map<String, String> environment, java.nio.file.Path dir)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new HostProcess(builder.start());
    }

    long pid() {
        return process.pid();
    }

    @Override
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public Optional<Integer> waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue()) : Optional.empty();
    }

    @Override
    public void close() {
        killTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; nothing to remove
        }
    }

    private void killTree() {
        // descendants first: once the root dies its children are re-parented and harder to find
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
