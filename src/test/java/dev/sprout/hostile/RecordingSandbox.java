package dev.sprout.hostile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.SandboxRequest;
import dev.sprout.sandbox.SandboxedProcess;
import dev.sprout.sandbox.Tier;

/**
 * The real sandbox of a tier, unchanged, noting where each harness it starts lives: the
 * submission's private work dir is named in every harness command line (and in every forked
 * learner process's), which makes it the marker that finds leftovers in /proc.
 */
final class RecordingSandbox implements Sandbox {

    private final Sandbox real;
    /** By the thread that started them: two submissions may be graded side by side. */
    private final Map<Thread, List<SandboxRequest>> started = new ConcurrentHashMap<>();

    RecordingSandbox(Sandbox real) {
        this.real = real;
    }

    @Override
    public Tier tier() {
        return real.tier();
    }

    @Override
    public Optional<String> warning() {
        return real.warning();
    }

    @Override
    public SandboxedProcess start(SandboxRequest request) throws IOException {
        started.computeIfAbsent(Thread.currentThread(), t -> new CopyOnWriteArrayList<>())
                .add(request);
        return real.start(request);
    }

    /** What {@code thread} has started so far, without taking it. */
    List<SandboxRequest> startedBy(Thread thread) {
        return List.copyOf(started.getOrDefault(thread, List.of()));
    }

    /**
     * The work dirs (each holding src/, scratch/ and the harness) of the harnesses this thread
     * started since its last call.
     */
    List<Path> takeWorkDirs() {
        List<SandboxRequest> mine = started.remove(Thread.currentThread());
        return mine == null
                ? List.of()
                : mine.stream().map(r -> r.sourceDir().getParent()).distinct().toList();
    }
}
