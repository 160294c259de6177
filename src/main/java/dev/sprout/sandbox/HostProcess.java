package dev.sprout.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.sprout.process.ExitHooks;

/**
 * A host process started with exactly the given environment. Its tree is killed on close and,
 * as a last resort, when the JVM shuts down, so no learner process outlives a grading.
 *
 * <p>The tree is everything descended from the process, plus (on Linux) every process in a
 * process group or session the process leads: a learner's orphan that lost its parent but kept
 * its session is found that way. An orphan that also left the session is only found if the
 * program made itself a child subreaper (the launcher tier's harness does) or lives in a pid
 * namespace (the bwrap tier).
 */
final class HostProcess implements SandboxedProcess {

    /**
     * Every child is spawned from this one thread, which lives as long as the JVM. A parent-death
     * signal (bwrap's --die-with-parent, the harness's own) fires when the parent <em>thread</em>
     * exits, so spawning from a short-lived thread would kill the sandbox with that thread.
     */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sprout-spawner");
        thread.setDaemon(true);
        return thread;
    });

    private static final Duration ROOT_EXIT_WAIT = Duration.ofSeconds(2);
    private static final int KILL_ROUNDS = 50;

    /** How far the tree of a process can reach beyond its descendants. */
    enum Containment {
        /** orphans may escape to init: find them by group and session too */
        HOST,
        /**
         * The process is bwrap's monitor of a fresh pid namespace: it exits only after the
         * namespace's init, and the kernel kills and reaps every process in a namespace before
         * its init's exit completes. Once it has exited by itself, nothing of the tree is left.
         */
        PID_NAMESPACE
    }

    private final Process process;
    private final Containment containment;
    private final Thread shutdownHook;
    private final Runnable afterExit;
    private boolean closed;

    private HostProcess(Process process, Containment containment, Runnable afterExit) {
        this.process = process;
        this.containment = containment;
        this.afterExit = afterExit;
        this.shutdownHook = new Thread(this::killTree, "sprout-kill-" + process.pid());
    }

    static HostProcess start(List<String> command, Map<String, String> environment, Path dir) throws IOException {
        return start(command, environment, dir, Containment.HOST, () -> {});
    }

    /** Like {@link #start(List, Map, Path)}; {@code afterExit} runs once the tree is dead. */
    static HostProcess start(
            List<String> command,
            Map<String, String> environment,
            Path dir,
            Containment containment,
            Runnable afterExit)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Future<Process> started = SPAWNER.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    // uninterruptible: giving up here would leave a started process unowned
                    HostProcess host = new HostProcess(started.get(), containment, afterExit);
                    if (!ExitHooks.add(host.shutdownHook)) {
                        // the JVM is stopping: nothing would kill this tree at exit, so nothing runs
                        host.killTree();
                        throw new IOException("sprout is stopping: did not leave " + command.get(0) + " running");
                    }
                    return host;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            afterExit.run();
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("could not start " + command.get(0) + ": " + e.getCause(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
                ? Optional.of(process.exitValue())
                : Optional.empty();
    }

    @Override
    public void close() {
        try {
            killTree();
            try {
                process.getOutputStream().close();
            } catch (IOException | UncheckedIOException ignored) {
                // the pipe is already broken: the process is dead, which is what we want
            }
            ExitHooks.remove(shutdownHook);
        } catch (RuntimeException unexpected) {
            // close() must never throw; killTree has already done what it could
        }
    }

    private synchronized void killTree() {
        if (closed) {
            return;
        }
        try {
            if (containment == Containment.PID_NAMESPACE && exitedByItself()) {
                // the namespace died with it (see Containment): no /proc scan needed
                return;
            }
            if (ProcTable.available()) {
                killTreeLinux();
            } else {
                killTreePortable();
            }
        } finally {
            closed = true;
            try {
                afterExit.run();
            } catch (RuntimeException ignored) {
                // cleanup of our own files is best effort
            }
        }
    }

    /** Exited with a status of its own (not killed by a signal, which would be 128 + signal from bwrap too). */
    private boolean exitedByItself() {
        return !process.isAlive() && process.exitValue() < 128;
    }

    /**
     * Kills the members first and the root last: while the root lives, a member's orphans are
     * re-parented to it (it is a subreaper in the launcher tier), so the next round still sees
     * them. Kills repeat until a round finds nobody, because a fork bomb forks while we kill.
     */
    private void killTreeLinux() {
        long root = process.pid();
        for (int round = 0; round < KILL_ROUNDS && process.isAlive(); round++) {
            Set<Long> members = members(root, true);
            if (members.isEmpty()) {
                break;
            }
            members.forEach(HostProcess::kill);
            pause();
        }
        process.destroyForcibly();
        awaitRoot();
        // members that survived the root: session members re-parented to init. Once the root is
        // reaped its pid may be reused, so no more descendant walks; a group or session id cannot
        // be reused while a member holds it, so that scan stays safe.
        for (int round = 0; round < KILL_ROUNDS; round++) {
            Set<Long> members = members(root, false);
            if (members.isEmpty()) {
                break;
            }
            members.forEach(HostProcess::kill);
            pause();
        }
    }

    private void killTreePortable() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitRoot();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** Live processes in a group or session {@code root} leads, and optionally its descendants. */
    static Set<Long> members(long root, boolean descendants) {
        long self = ProcessHandle.current().pid();
        List<ProcTable.Entry> table = ProcTable.snapshot();
        Map<Long, List<Long>> children = new HashMap<>();
        Set<Long> found = new HashSet<>();
        for (ProcTable.Entry entry : table) {
            children.computeIfAbsent(entry.ppid(), k -> new ArrayList<>()).add(entry.pid());
            if (!entry.isZombie() && (entry.sid() == root || entry.pgid() == root)) {
                found.add(entry.pid());
            }
        }
        Set<Long> zombies = new HashSet<>();
        table.stream().filter(ProcTable.Entry::isZombie).forEach(e -> zombies.add(e.pid()));
        List<Long> queue = new ArrayList<>(descendants ? children.getOrDefault(root, List.of()) : List.of());
        Set<Long> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            long pid = queue.remove(queue.size() - 1);
            if (seen.add(pid)) {
                if (!zombies.contains(pid)) {
                    found.add(pid);
                }
                queue.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        found.remove(root);
        found.remove(self);
        return found;
    }

    private static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private void awaitRoot() {
        try {
            process.waitFor(ROOT_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
