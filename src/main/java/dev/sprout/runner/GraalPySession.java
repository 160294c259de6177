package dev.sprout.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.commons.io.FileUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;

/**
 * One submission on a (warm, shared) GraalPy worker. A case that kills or wedges the worker
 * costs that case only: the next case starts a fresh worker and loads the file again.
 */
final class GraalPySession extends EngineSession<JsonNode> {

    /**
     * Time the worker may need beyond a case's own wall limit: a fresh context and harness.py
     * (0.2–1 s on 2 cores, interpreted), and cancelling a stuck case before it gives up on it.
     */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private static final Duration OP_TIMEOUT = Duration.ofSeconds(60);

    private final GraalPyEngine engine;
    private final GraalPyWorker worker;
    private final Path dir;
    /** The worker started, the file loaded and the exercise's modules looked up, on a thread of its own. */
    private CompletableFuture<List<String>> preparing;

    private List<String> missingModules;
    private int loadedGeneration = -1;
    private int caseCounter;

    GraalPySession(GraalPyEngine engine, GraalPyWorker worker, Submission submission) {
        super(submission);
        this.engine = engine;
        this.worker = worker;
        try {
            dir = worker.newSubmissionDir();
        } catch (IOException e) {
            throw new RunnerException("Could not prepare a folder for GraalPy: " + e.getMessage(), e);
        }
        try {
            ExerciseCopy.copy(submission, dir);
        } catch (IOException e) {
            FileUtils.deleteQuietly(dir.toFile());
            throw new RunnerException(
                    "Could not prepare a private copy of " + submission.exerciseDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the worker (seconds, when it is cold) and loads the file without waiting, so a one-shot
     * submit discovers the exercise meanwhile; the first call that needs the worker waits for it.
     */
    @Override
    public synchronized void start() {
        if (preparing != null) {
            return;
        }
        preparing = CompletableFuture.supplyAsync(this::prepare, task -> {
            Thread thread = new Thread(task, "sprout-graalpy-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private List<String> prepare() {
        ensureLoaded();
        return submission.requires().isEmpty() ? List.of() : missing(submission.requires());
    }

    /** Waits for {@link #start()}'s work; its failure is thrown here, to the grading thread. */
    private void prepared() {
        CompletableFuture<List<String>> work;
        synchronized (this) {
            if (missingModules != null) {
                return;
            }
            if (preparing == null) {
                preparing = CompletableFuture.completedFuture(null).thenApply(none -> prepare());
            }
            work = preparing;
        }
        List<String> missing;
        try {
            missing = work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        synchronized (this) {
            if (missingModules == null) {
                missingModules = List.copyOf(missing);
                // preparing the submission (a worker's start-up, the first load) is not the learner's time
                clock.startNow();
            }
        }
    }

    @Override
    public String describe() {
        JsonNode ready = worker.ready();
        return "GraalPy " + (ready == null ? "" : ready.path("python").asString("") + " ")
                + "(sprout's built-in Python, in a worker JVM: " + worker.runtime() + "), "
                + engine.sandboxDescription();
    }

    @Override
    public List<String> missingModules() {
        prepared();
        return missingModules;
    }

    @Override
    void ready() {
        prepared();
        ensureLoaded();
    }

    /** A worker restarted for this case does not spend the submission's time. */
    @Override
    void startForCase() {
        prepared();
        clock.notCounting(this::ensureLoaded);
    }

    @Override
    public SourceFacts facts() {
        prepared();
        ensureLoaded();
        JsonNode reply = worker.call(JsonNodeFactory.instance.objectNode().put("op", "facts"), OP_TIMEOUT)
                .orElseThrow(() -> new RunnerException("GraalPy's worker did not answer. " + worker.stderr()));
        return Wire.facts(reply);
    }

    /** The worker writes a request and waits for its reply in one call: this step only makes the request. */
    @Override
    Optional<JsonNode> send(Case testCase, Limits limits) {
        List<String> reportFiles = new ArrayList<>(testCase.expect().files().keySet());
        return Optional.of(Wire.caseRequest("c" + (++caseCounter), testCase, reportFiles, limits));
    }

    /**
     * Not capped by the submission's time left, unlike the harness's wait: GRACE covers a fresh
     * context and cancelling a stuck case, which a wait cut short would report as the learner's timeout.
     */
    @Override
    Duration waitLimit(Limits limits, Duration left) {
        return limits.wall().plus(GRACE);
    }

    @Override
    Optional<JsonNode> await(JsonNode request, Duration wait) {
        return worker.call(request, wait);
    }

    /**
     * A case the worker could not cancel (a builtin that ignores cancellation) still ends with its
     * reply, and then the worker halts. It says so in the reply: stopping it here, rather than
     * sending the next case to a worker on its way out, keeps that case from reading as a crash.
     */
    @Override
    Observation answered(JsonNode sent, JsonNode reply, long elapsedMillis) {
        if (reply.path("worker_exits").asBoolean(false)) {
            worker.stop();
        }
        return super.answered(sent, reply, elapsedMillis);
    }

    @Override
    Observation unanswered(Limits limits, long elapsedMillis) {
        // the worker died (a heap bomb past the guard) or stopped answering: this case pays
        String diagnosis = worker.stderr();
        boolean died = !worker.isAlive();
        worker.stop();
        if (died && diagnosis.contains("OutOfMemoryError")) {
            return Observation.failure(
                    Observation.Status.MEMORY_LIMIT,
                    "MemoryError",
                    "the program used more memory than GraalPy's worker has (" + GraalPyWorker.HEAP.substring(4) + ")",
                    elapsedMillis);
        }
        if (died) {
            return CaseFailures.crashed(
                    "WorkerDied", "GraalPy's worker JVM ended while running this case", diagnosis, elapsedMillis);
        }
        return CaseFailures.timedOut(limits.wall(), "", elapsedMillis);
    }

    /** Starts the worker if needed and loads this submission's file into it (again, after a restart). */
    private void ensureLoaded() {
        worker.ensureStarted();
        if (loadedGeneration == worker.generation()) {
            return;
        }
        ObjectNode request = JsonNodeFactory.instance
                .objectNode()
                .put("op", "load")
                .put("entry", submission.entry())
                .put("source", dir.toString());
        JsonNode loaded = worker.call(request, OP_TIMEOUT)
                .orElseThrow(() -> new RunnerException("GraalPy's worker did not load " + submission.entry() + ". "
                        + CaseFailures.tail(worker.stderr())));
        if ("error".equals(loaded.path("op").asString())) {
            throw new RunnerException("GraalPy's worker could not load " + submission.entry() + ": "
                    + loaded.path("message").asString(""));
        }
        loaded(loaded);
        loadedGeneration = worker.generation();
    }

    private List<String> missing(List<String> modules) {
        JsonNode reply = worker.call(HarnessLaunch.preload(modules), OP_TIMEOUT)
                .orElseThrow(() ->
                        new RunnerException("GraalPy's worker did not answer. " + CaseFailures.tail(worker.stderr())));
        List<String> missing = new ArrayList<>();
        for (String module : modules) {
            String status = reply.path("modules").path(module).asString("missing");
            if (!status.equals("ok") && !status.equals("shadowed")) {
                missing.add(module);
            }
        }
        return List.copyOf(missing);
    }

    @Override
    public void close() {
        CompletableFuture<List<String>> work;
        synchronized (this) {
            work = preparing;
        }
        if (work != null) {
            // the worker goes back idle only once this session's start has finished with it
            try {
                work.join();
            } catch (RuntimeException failed) {
                // reported to whoever used the session; an unused one has nobody to tell
            }
        }
        FileUtils.deleteQuietly(dir.toFile());
        engine.giveBack(worker);
    }
}
