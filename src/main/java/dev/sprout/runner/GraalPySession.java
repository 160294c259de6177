package dev.sprout.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.io.FileUtils;

import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One submission on a (warm, shared) GraalPy worker. A case that kills or wedges the worker
 * costs that case only: the next case starts a fresh worker and loads the file again.
 */
final class GraalPySession implements Session {

    /**
     * Time the worker may need beyond a case's own wall limit: a fresh context and harness.py
     * (0.2–1 s on 2 cores, interpreted), and cancelling a stuck case before it gives up on it.
     */
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration OP_TIMEOUT = Duration.ofSeconds(60);

    private final GraalPyEngine engine;
    private final GraalPyWorker worker;
    private final Submission submission;
    private final Path dir;
    private final List<String> missingModules;
    private long deadlineNanos;
    private int loadedGeneration = -1;
    private Optional<Observation.PythonError> loadError = Optional.empty();
    private int caseCounter;

    GraalPySession(GraalPyEngine engine, GraalPyWorker worker, Submission submission) {
        this.engine = engine;
        this.worker = worker;
        this.submission = submission;
        try {
            dir = worker.newSubmissionDir();
        } catch (IOException e) {
            throw new RunnerException("Could not prepare a folder for GraalPy: " + e.getMessage(), e);
        }
        try {
            ExerciseCopy.copy(submission, dir);
            ensureLoaded();
            missingModules = submission.requires().isEmpty() ? List.of() : missing(submission.requires());
        } catch (IOException e) {
            FileUtils.deleteQuietly(dir.toFile());
            throw new RunnerException("Could not prepare a private copy of " + submission.exerciseDir() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            FileUtils.deleteQuietly(dir.toFile());
            throw e;
        }
        deadlineNanos = System.nanoTime() + submission.limits().submissionWall().toNanos();
    }

    @Override
    public String describe() {
        JsonNode ready = worker.ready();
        return "GraalPy " + (ready == null ? "" : ready.path("python").asString("") + " ")
                + "(sprout's built-in Python, in a worker JVM), " + engine.sandboxDescription();
    }

    @Override
    public List<String> missingModules() {
        return missingModules;
    }

    @Override
    public Optional<Observation.PythonError> load() {
        ensureLoaded();
        return loadError;
    }

    @Override
    public SourceFacts facts() {
        ensureLoaded();
        JsonNode reply = worker.call(JsonNodeFactory.instance.objectNode().put("op", "facts"), OP_TIMEOUT)
                .orElseThrow(() -> new RunnerException("GraalPy's worker did not answer. " + worker.stderr()));
        return Wire.facts(reply);
    }

    @Override
    public Observation run(Case testCase, Limits limits) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return Observation.failure(Observation.Status.TIMEOUT, "SubmissionTimeout",
                    "the whole submission ran out of time (" + submission.limits().submissionWall().toSeconds() + " s)", 0);
        }
        long restarted = System.nanoTime();
        ensureLoaded();
        // a worker restarted for this case does not spend the submission's time
        deadlineNanos += System.nanoTime() - restarted;
        List<String> reportFiles = new ArrayList<>(testCase.expect().files().keySet());
        JsonNode request = Wire.caseRequest("c" + (++caseCounter), testCase, reportFiles, limits);
        Duration wait = limits.wall().plus(GRACE);
        long started = System.nanoTime();
        Optional<JsonNode> reply = worker.call(request, wait);
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        if (reply.isPresent()) {
            return Wire.observation(reply.get());
        }
        // the worker died (a heap bomb past the guard) or stopped answering: this case pays
        String diagnosis = worker.stderr();
        boolean died = !worker.isAlive();
        worker.stop();
        if (died && diagnosis.contains("OutOfMemoryError")) {
            return Observation.failure(Observation.Status.MEMORY_LIMIT, "MemoryError",
                    "the program used more memory than GraalPy's worker has (" + GraalPyWorker.HEAP.substring(4) + ")",
                    elapsed);
        }
        if (died) {
            return Observation.failure(Observation.Status.CRASHED, "WorkerDied",
                    "GraalPy's worker JVM ended while running this case" + (diagnosis.isBlank() ? ""
                            : "\n" + GraalPyWorker.tail(diagnosis)), elapsed);
        }
        return Observation.failure(Observation.Status.TIMEOUT, "Timeout",
                "the program did not finish within " + Math.round(limits.wall().toMillis() / 1000.0) + " s", elapsed);
    }

    /** Starts the worker if needed and loads this submission's file into it (again, after a restart). */
    private void ensureLoaded() {
        worker.ensureStarted();
        if (loadedGeneration == worker.generation()) {
            return;
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("op", "load").put("entry", submission.entry())
                .put("source", dir.toString());
        JsonNode loaded = worker.call(request, OP_TIMEOUT)
                .orElseThrow(() -> new RunnerException("GraalPy's worker did not load " + submission.entry() + ". "
                        + GraalPyWorker.tail(worker.stderr())));
        if ("error".equals(loaded.path("op").asString())) {
            throw new RunnerException("GraalPy's worker could not load " + submission.entry() + ": "
                    + loaded.path("message").asString(""));
        }
        loadError = loaded.path("ok").asBoolean(false) ? Optional.empty() : Wire.error(loaded.path("error"));
        loadedGeneration = worker.generation();
    }

    private List<String> missing(List<String> modules) {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("op", "preload");
        modules.forEach(request.putArray("modules")::add);
        JsonNode reply = worker.call(request, OP_TIMEOUT).orElseThrow(() -> new RunnerException(
                "GraalPy's worker did not answer. " + GraalPyWorker.tail(worker.stderr())));
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
        FileUtils.deleteQuietly(dir.toFile());
        engine.giveBack(worker);
    }
}
