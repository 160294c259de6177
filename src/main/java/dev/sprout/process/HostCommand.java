package dev.sprout.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one <strong>trusted</strong> host tool (git, Maven, a {@code --help} probe, the
 * interpreter probe) to completion: a fluent builder in, an immutable {@link HostRun} out.
 *
 * <p>Learner code must never run through this class. It has no sandbox, no resource limits and
 * no cleared environment unless asked, and its tree kill only follows descendants, which a
 * trusted tool has no reason to escape. Learner code runs through {@code dev.sprout.sandbox}.
 *
 * <p>What every run gets: stdin written (or nothing) then closed, stdout and stderr drained at
 * once on their own threads with a cap each (a tool that fills one pipe while we read the other
 * would otherwise block forever), a bounded wait, and the process tree killed in {@code finally}
 * whatever happened, so a tool that hangs holding its output open is timed out rather than
 * waited on.
 */
public final class HostCommand {

    /** Enough for any tool's answer or error; a tool that says more is cut and marked so. */
    public static final int DEFAULT_OUTPUT_CAP = 1 << 20;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** After the wait ends, how long the readers may still take to see the pipes close. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private final List<String> command;
    private Optional<Path> dir = Optional.empty();
    private Optional<Map<String, String>> environment = Optional.empty();
    private final Map<String, String> addedEnvironment = new LinkedHashMap<>();
    private byte[] stdin = new byte[0];
    private int outputCap = DEFAULT_OUTPUT_CAP;
    private Duration timeout = DEFAULT_TIMEOUT;
    private boolean mergeStderr;

    private HostCommand(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program");
        }
        this.command = List.copyOf(command);
    }

    public static HostCommand of(String program, String... args) {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(List.of(args));
        return new HostCommand(command);
    }

    public static HostCommand of(List<String> command) {
        return new HostCommand(command);
    }

    /** The working directory; the JVM's when not set. */
    public HostCommand dir(Path dir) {
        this.dir = Optional.of(dir);
        return this;
    }

    /** Exactly this environment; the JVM's is inherited when not set. */
    public HostCommand environment(Map<String, String> environment) {
        this.environment = Optional.of(Map.copyOf(environment));
        return this;
    }

    /** These variables on top of the environment (the JVM's, or the one {@link #environment} set). */
    public HostCommand addEnvironment(Map<String, String> variables) {
        addedEnvironment.putAll(variables);
        return this;
    }

    public HostCommand stdin(String text) {
        this.stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Bytes kept of each stream; the rest is read and dropped so the tool never blocks on a full pipe. */
    public HostCommand outputCap(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("output cap " + bytes);
        }
        this.outputCap = bytes;
        return this;
    }

    public HostCommand timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout);
        return this;
    }

    /** Stderr interleaved into stdout, in the order the tool wrote them ({@link HostRun#stderr()} stays empty). */
    public HostCommand mergeStderr() {
        this.mergeStderr = true;
        return this;
    }

    /** Runs the tool; never throws for the tool's sake: {@link HostRun#ended()} says how it went. */
    public HostRun run() {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(mergeStderr);
        dir.ifPresent(d -> builder.directory(d.toFile()));
        environment.ifPresent(env -> {
            builder.environment().clear();
            builder.environment().putAll(env);
        });
        builder.environment().putAll(addedEnvironment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return new HostRun(
                    command,
                    dir,
                    timeout,
                    HostRun.Ended.NOT_STARTED,
                    -1,
                    "",
                    "",
                    false,
                    elapsed(started),
                    Optional.of(String.valueOf(e.getMessage())));
        }
        Capture out;
        Capture err;
        HostRun.Ended ended;
        try {
            out = Capture.start(process.getInputStream(), outputCap, "out");
            err = Capture.start(process.getErrorStream(), outputCap, "err");
            writeStdin(process);
            ended = awaitExit(process);
        } finally {
            // in finally: a timeout, an interrupt or an error must not leave the tool running
            if (process.isAlive()) {
                killTree(process);
            }
        }
        out.await(DRAIN_GRACE);
        err.await(DRAIN_GRACE);
        int exit = ended == HostRun.Ended.EXITED ? process.exitValue() : -1;
        return new HostRun(
                command,
                dir,
                timeout,
                ended,
                exit,
                out.text(),
                err.text(),
                out.truncated() || err.truncated(),
                elapsed(started),
                Optional.empty());
    }

    private HostRun.Ended awaitExit(Process process) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    ? HostRun.Ended.EXITED
                    : HostRun.Ended.TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HostRun.Ended.INTERRUPTED;
        }
    }

    private void writeStdin(Process process) {
        byte[] bytes = stdin;
        // on its own thread: a tool that never reads stdin must not stall us past the timeout
        Thread writer = new Thread(
                () -> {
                    try (OutputStream in = process.getOutputStream()) {
                        in.write(bytes);
                    } catch (IOException closedEarly) {
                        // the tool exited or closed stdin without reading it all; its exit says the rest
                    }
                },
                "sprout-host-stdin");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Descendants first, found while the root lives (once it dies they re-parent to init and are
     * no longer its descendants), then the root. A grandchild holding our pipes open is what keeps
     * the readers from seeing the end of the output.
     */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** One stream read to its end on a daemon thread, keeping the first {@code cap} bytes. */
    private static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int cap;
        private final Thread thread;
        private boolean truncated;

        private Capture(InputStream stream, int cap, String name) {
            this.cap = cap;
            this.thread = new Thread(() -> drain(stream), "sprout-host-" + name);
            // daemon: a grandchild that escaped the kill and holds the pipe must not hold the JVM
            thread.setDaemon(true);
        }

        static Capture start(InputStream stream, int cap, String name) {
            Capture capture = new Capture(stream, cap, name);
            capture.thread.start();
            return capture;
        }

        private void drain(InputStream stream) {
            byte[] buffer = new byte[8192];
            try (stream) {
                for (int n; (n = stream.read(buffer)) >= 0; ) {
                    synchronized (this) {
                        int keep = Math.min(n, cap - kept.size());
                        kept.write(buffer, 0, Math.max(keep, 0));
                        truncated |= keep < n;
                    }
                }
            } catch (IOException closed) {
                // the pipe went away with the process: what was read is the output
            }
        }

        void await(Duration grace) {
            try {
                thread.join(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        synchronized boolean truncated() {
            return truncated;
        }
    }
}
