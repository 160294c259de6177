package dev.sprout.graalpy;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One case in a fresh GraalPy context: its own copy of the learner's files, stdin from bytes,
 * bounded stdout/stderr, and a watchdog (this thread) that cancels the context past the wall
 * or CPU limit, on too much output, or when the heap fills up. The learner's code runs on a
 * thread of its own with a deep stack, so recursion fails as RecursionError, as in CPython.
 */
final class CaseRun {

    /** The response, and whether the worker must exit after sending it (a case that would not stop). */
    record Outcome(JsonNode response, boolean workerSpoiled) {}

    private static final long TICK_MS = 10;
    private static final long PREPARE_TIMEOUT_MS = 60_000;
    private static final long CANCEL_WAIT_MS = 3_000;
    private static final long STACK_BYTES = 24L << 20;
    private static final double HEAP_GUARD = 0.85;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * The harness's own handling of case folders and stacks (its api module, in the worker's
     * control context), so the worker does as the CPython harness does without a Java copy.
     */
    interface CaseFiles {
        /** Fills the empty case folder: the submission's files, then the case's {@code files}. */
        void fill(Path caseDir, Path sourceDir, JsonNode files);

        /** The result's {@code files} for the case's {@code report_files}. */
        JsonNode report(Path caseDir, JsonNode names);

        /** {@code where} from guest frames, innermost first ([name, path, line, function]); null node when none is the learner's. */
        JsonNode where(Path caseDir, JsonNode frames);
    }

    private final FreshContext fresh;
    private final CaseFiles caseFiles;
    /** Nanoseconds per phase, for the worker's timing lines: fill, prepare, run, report, prepare CPU, run CPU. */
    private final long[] phases = new long[6];

    CaseRun(FreshContext fresh, CaseFiles caseFiles) {
        this.fresh = fresh;
        this.caseFiles = caseFiles;
    }

    /** Runs the case in the fresh context and closes it. */
    Outcome run(ObjectNode request, Path sourceDir, String entry, String source) throws IOException {
        String id = request.path("id").asString("");
        JsonNode limits = request.path("limits");
        double wallSeconds = limits.path("wall_s").asDouble(5);
        double cpuSeconds = Math.max(1, Math.ceil(limits.path("cpu_s").asDouble(2)));
        long memoryBytes = limits.path("memory_bytes").asLong(512L << 20);
        Path caseDir = fresh.caseDir;
        ObjectNode response = Worker.JSON.createObjectNode().put("op", "result").put("id", id);
        boolean spoiled = false;
        try {
            long t0 = System.nanoTime();
            caseFiles.fill(caseDir, sourceDir, request.path("files"));
            phases[0] = System.nanoTime() - t0;
            fresh.limit(
                    request.path("stdin").asString("").getBytes(StandardCharsets.UTF_8),
                    limits.path("output_bytes").asLong(1 << 20),
                    limits.path("file_bytes").asLong(16 << 20));
            CaseThread thread = new CaseThread(request.toString(), source, entry, caseDir);
            thread.start();
            if (!thread.prepared.await(PREPARE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                spoiled = !cancel(fresh.context, thread);
                return new Outcome(
                        harnessError(
                                request,
                                new IllegalStateException(
                                        "GraalPy took over " + PREPARE_TIMEOUT_MS / 1000 + " s to prepare the case")),
                        spoiled);
            }
            if (thread.prepareFailed) {
                thread.join(CANCEL_WAIT_MS);
                return new Outcome(harnessError(request, thread.failure.get()), false);
            }
            String reason = supervise(thread, wallSeconds, cpuSeconds, memoryBytes);
            if (reason != null) {
                spoiled = !cancel(fresh.context, thread);
            }
            thread.join(spoiled ? 1 : CANCEL_WAIT_MS);
            long elapsed = ((thread.finished == 0 ? System.nanoTime() : thread.finished) - thread.started) / 1_000_000;
            describe(response, reason, thread, entry, caseDir, request);
            response.put("stdout", fresh.stdout.text())
                    .put("stderr", fresh.stderr.text())
                    .put("stdout_truncated", fresh.stdout.overflowed())
                    .put("stderr_truncated", fresh.stderr.overflowed());
            long t1 = System.nanoTime();
            response.set("files", caseFiles.report(caseDir, request.path("report_files")));
            phases[3] = System.nanoTime() - t1;
            phases[1] = thread.prepareNanos;
            phases[4] = thread.cpuAtStart - thread.cpuBefore;
            phases[5] = thread.cpuEnd - thread.cpuAtStart;
            phases[2] = (thread.finished == 0 ? System.nanoTime() : thread.finished) - thread.started;
            response.put("elapsed_ms", elapsed);
            return new Outcome(response, spoiled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(harnessError(request, e), true);
        } finally {
            if (!spoiled) {
                fresh.close();
                if ("memory-limit".equals(response.path("status").asString(""))) {
                    System.gc();
                }
            }
        }
    }

    /** This case's phases for the worker's timing lines (-Dsprout.graalpy.timing=true), in ms. */
    String timing() {
        return String.format(
                "fill=%.1f prepare=%.1f run=%.1f report=%.1f prepare_cpu=%.1f run_cpu=%.1f",
                phases[0] / 1e6, phases[1] / 1e6, phases[2] / 1e6, phases[3] / 1e6, phases[4] / 1e6, phases[5] / 1e6);
    }

    /** Waits for the case; returns why it had to be stopped, or null when it ended by itself. */
    private String supervise(CaseThread thread, double wallSeconds, double cpuSeconds, long memoryBytes)
            throws InterruptedException {
        long deadline = thread.started + (long) (wallSeconds * 1e9);
        long cpuStart = thread.cpuAtStart;
        long cpuLimit = (long) (cpuSeconds * 1e9);
        long oldCollections = oldCollections();
        while (!thread.done.await(TICK_MS, TimeUnit.MILLISECONDS)) {
            if (fresh.outputFull()) {
                return "output-limit";
            }
            if (System.nanoTime() >= deadline) {
                return "timeout";
            }
            long cpu = THREADS.getThreadCpuTime(thread.getId());
            if (cpu > 0 && cpuStart >= 0 && cpu - cpuStart >= cpuLimit) {
                return "cpu-limit";
            }
            if (heapFull(memoryBytes, oldCollections)) {
                return "memory-limit";
            }
        }
        return fresh.outputFull() ? "output-limit" : null;
    }

    /**
     * Old-generation use after a full collection during this case past the guard (or the case's
     * own memory limit). Only collections since the case began count: a previous case's last
     * collection says nothing about this one.
     */
    private static boolean heapFull(long memoryBytes, long oldCollectionsAtStart) {
        if (oldCollections() == oldCollectionsAtStart) {
            return false;
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP
                    || !pool.isCollectionUsageThresholdSupported()
                    || !isOld(pool.getName())) {
                continue;
            }
            var usage = pool.getCollectionUsage();
            long max = pool.getUsage().getMax();
            if (usage != null && max > 0 && usage.getUsed() > Math.min((long) (max * HEAP_GUARD), memoryBytes)) {
                return true;
            }
        }
        return false;
    }

    private static long oldCollections() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (Arrays.stream(gc.getMemoryPoolNames()).anyMatch(CaseRun::isOld)) {
                count += Math.max(0, gc.getCollectionCount());
            }
        }
        return count;
    }

    private static boolean isOld(String poolName) {
        return poolName.matches("(?i).*(old|tenured).*");
    }

    /** Cancels the context from this thread; false when the case thread did not stop. */
    private static boolean cancel(Context context, CaseThread thread) throws InterruptedException {
        Thread closer = new Thread(
                () -> {
                    try {
                        context.close(true);
                    } catch (RuntimeException ignored) {
                        // the case thread sees the cancellation; nothing to report here
                    }
                },
                "sprout-graalpy-cancel");
        closer.setDaemon(true);
        closer.start();
        thread.join(CANCEL_WAIT_MS);
        return !thread.isAlive();
    }

    private void describe(
            ObjectNode response, String reason, CaseThread thread, String entry, Path caseDir, JsonNode request) {
        Throwable failure = thread.failure.get();
        if (reason != null) {
            response.put("status", reason);
            if ((reason.equals("timeout") || reason.equals("cpu-limit")) && failure instanceof PolyglotException p) {
                JsonNode where = caseFiles.where(caseDir, guestFrames(p));
                if (where.isObject()) {
                    response.set("where", where);
                }
            }
            return;
        }
        if (thread.result != null) {
            JsonNode result = Worker.JSON.readTree(thread.result);
            result.properties().forEach(e -> {
                if (!e.getKey().equals("op") && !e.getKey().equals("id")) {
                    response.set(e.getKey(), e.getValue());
                }
            });
            return;
        }
        if (failure instanceof PolyglotException p) {
            if (p.isExit()) {
                // os._exit(): the process would have ended without reporting
                response.put("status", "no-result").put("exit_code", p.getExitStatus() & 0xFF);
                return;
            }
            if (p.isResourceExhausted()) {
                response.put("status", "memory-limit");
                return;
            }
            if (p.isCancelled()) {
                response.put("status", "timeout");
                return;
            }
            String message = p.getMessage() == null ? "" : p.getMessage();
            if (message.contains("UnsupportedPosixFeatureException")) {
                // sockets and the like are excluded by the sandbox policy, and GraalPy reports that
                // past the learner's try/except; CPython in the sandbox would have raised an OSError
                String what = message.substring(message.indexOf(':') + 1).strip();
                ObjectNode error = error(
                        "PermissionError",
                        "[Errno 1] Operation not permitted: " + what + " (sprout's sandbox has no network)");
                error.putArray("mro")
                        .add("PermissionError")
                        .add("OSError")
                        .add("Exception")
                        .add("BaseException");
                response.put("status", "raised").set("exception", error);
                if ("run".equals(request.path("kind").asString())) {
                    response.put("exit_code", 1);
                }
                return;
            }
        }
        if (failure instanceof OutOfMemoryError) {
            response.put("status", "memory-limit");
            response.set("exception", error("MemoryError", "the program used too much memory"));
            return;
        }
        if (failure == null && thread.isAlive()) {
            response.put("status", "timeout");
            return;
        }
        ObjectNode error = harnessError(request, failure == null ? new IllegalStateException("no result") : failure);
        response.put("status", "harness-error").set("exception", error.get("exception"));
    }

    /** The guest frames of a cancelled case, innermost first: [file name, path or null, line, function]. */
    private static ArrayNode guestFrames(PolyglotException e) {
        ArrayNode frames = Worker.JSON.createArrayNode();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection at = frame.getSourceLocation();
            if (!frame.isGuestFrame() || at == null || at.getSource() == null) {
                continue;
            }
            frames.addArray()
                    .add(at.getSource().getName())
                    .add(at.getSource().getPath())
                    .add(at.getStartLine())
                    .add(frame.getRootName() == null ? "<module>" : frame.getRootName());
        }
        return frames;
    }

    static ObjectNode harnessError(JsonNode request, Throwable e) {
        ObjectNode response = Worker.JSON
                .createObjectNode()
                .put("op", "result")
                .put("id", request.path("id").asString(""))
                .put("status", "harness-error");
        String message = e instanceof PolyglotException p
                ? p.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        ObjectNode error = error(
                e instanceof PolyglotException p && p.isGuestException()
                        ? guestType(p)
                        : e.getClass().getSimpleName(),
                message == null ? "" : message);
        response.set("exception", error);
        response.put("stdout", "")
                .put("stderr", "")
                .put("stdout_truncated", false)
                .put("stderr_truncated", false);
        response.putObject("files");
        response.put("elapsed_ms", 0);
        return response;
    }

    private static String guestType(PolyglotException p) {
        String message = p.getMessage() == null ? "" : p.getMessage();
        int colon = message.indexOf(':');
        return colon > 0 && message.substring(0, colon).matches("[A-Za-z_][A-Za-z0-9_.]*")
                ? message.substring(0, colon)
                : "Error";
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode error = Worker.JSON.createObjectNode().put("type", type);
        error.putArray("mro").add(type);
        error.put("message", message)
                .putNull("line")
                .putNull("file")
                .putNull("text")
                .putNull("offset")
                .put("traceback", type + ": " + message);
        return error;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    path.toFile().setWritable(true);
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: the scratch folder dies with the sandbox anyway
                }
            });
        } catch (IOException | RuntimeException e) {
            // as above
        }
    }

    /** Prepares the case (harness, inputs) in the context, then runs the learner's code. */
    private final class CaseThread extends Thread {
        private final String request;
        private final String source;
        private final String entry;
        private final Path caseDir;
        final CountDownLatch prepared = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile long started;
        volatile long finished;
        volatile long cpuAtStart = -1;
        volatile long prepareNanos;
        volatile long cpuBefore;
        volatile long cpuEnd;
        volatile boolean prepareFailed;
        volatile String result;

        CaseThread(String request, String source, String entry, Path caseDir) {
            super(null, null, "sprout-graalpy-case", STACK_BYTES);
            setDaemon(true);
            this.request = request;
            this.source = source;
            this.entry = entry;
            this.caseDir = caseDir;
        }

        @Override
        public void run() {
            Value run;
            long t0 = System.nanoTime();
            cpuBefore = THREADS.getCurrentThreadCpuTime();
            try {
                run = fresh.prepare.execute(request, source, entry, caseDir.toString());
                prepareNanos = System.nanoTime() - t0;
            } catch (Throwable e) {
                failure.set(e);
                prepareFailed = true;
                prepared.countDown();
                done.countDown();
                return;
            }
            cpuAtStart = THREADS.getThreadCpuTime(getId());
            started = System.nanoTime();
            prepared.countDown();
            try {
                result = run.execute().asString();
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                finished = System.nanoTime();
                cpuEnd = THREADS.getCurrentThreadCpuTime();
                done.countDown();
            }
        }
    }
}
