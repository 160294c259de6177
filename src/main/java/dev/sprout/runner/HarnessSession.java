package dev.sprout.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.io.FileUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.sprout.sandbox.Limits;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.Sandboxes;
import dev.sprout.spec.Case;

/**
 * One sandbox and one warm CPython harness for a submission. A case that kills or hangs the
 * harness costs that case only: the next case starts a fresh harness and carries on. The harness
 * starts from its compiled code when {@link HarnessFiles} has it.
 */
final class HarnessSession extends EngineSession<String> {

    /** Time the harness may need beyond a case's own wall limit to report it. */
    private static final Duration GRACE = Duration.ofSeconds(3);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Interpreter interpreter;
    private final List<String> missingModules;
    /** The submission's PostgreSQL server, started by each harness before the file loads. */
    private final Optional<PostgresServer> postgres;

    private Sandbox sandbox;
    private final Path root;
    private final Path source;
    private final Path scratch;
    private final Path harness;
    private HarnessProcess process;
    /** A harness was started and its replies to hello and load are unread. */
    private boolean awaitingStart;

    private boolean askedCode;
    private int caseCounter;
    /** Cases the caller said come next, in order ({@link #plan}). */
    private final Deque<PlannedCase> planned = new ArrayDeque<>();
    /** Requests sent ahead to the current harness, oldest first: its replies come in this order. */
    private final Deque<Sent> ahead = new ArrayDeque<>();
    /** Ids of requests sent ahead that the caller did not ask for after all: their replies are skipped. */
    private final Set<String> abandoned = new HashSet<>();

    private record Sent(String id, Case testCase, Limits limits) {}

    HarnessSession(Interpreter interpreter, List<String> missingModules, Sandbox sandbox, Submission submission) {
        this(interpreter, missingModules, sandbox, submission, Optional.empty());
    }

    HarnessSession(
            Interpreter interpreter,
            List<String> missingModules,
            Sandbox sandbox,
            Submission submission,
            Optional<PostgresServer> postgres) {
        super(submission);
        this.interpreter = interpreter;
        this.missingModules = List.copyOf(missingModules);
        this.postgres = postgres;
        this.sandbox = sandbox;
        try {
            harness = HarnessFiles.folder(interpreter).resolve("harness.py");
        } catch (UncheckedIOException e) {
            throw new RunnerException(
                    e.getMessage() + ": " + e.getCause().getMessage()
                            + ". Check that the temp dir (/tmp) exists and is writable.",
                    e);
        }
        Path workspace = null;
        try {
            workspace = Sandboxes.newWorkspace();
            source = Files.createDirectory(workspace.resolve("src"));
            scratch = Files.createDirectory(workspace.resolve("scratch"));
            ExerciseCopy.copy(submission, source);
        } catch (IOException e) {
            if (workspace != null) {
                FileUtils.deleteQuietly(workspace.toFile());
            }
            throw new RunnerException(
                    "Could not prepare a private copy of " + submission.exerciseDir() + ": " + e.getMessage(), e);
        }
        root = workspace;
    }

    @Override
    public String describe() {
        return interpreter.describe() + ", sandbox tier " + sandbox.tier().letter() + " ("
                + sandbox.tier().optionName() + ")";
    }

    @Override
    public List<String> missingModules() {
        return missingModules;
    }

    @Override
    public void start() {
        if (process == null) {
            launch();
        }
    }

    @Override
    void ready() {
        ensureStarted();
    }

    @Override
    public SourceFacts facts() {
        ensureStarted();
        awaitAhead();
        JsonNode reply = process.call(JsonNodeFactory.instance.objectNode().put("op", "facts"), START_TIMEOUT)
                .orElseThrow(() -> new RunnerException("The Python harness did not answer. " + process.stderr()));
        return Wire.facts(reply);
    }

    /**
     * Sends the case, or takes it from the cases sent ahead; then, while the JVM grades this case,
     * sends the next planned one so the harness already runs it.
     */
    @Override
    Optional<String> send(Case testCase, Limits limits) {
        String id;
        Sent next = ahead.peekFirst();
        if (next != null && next.testCase() == testCase && next.limits().equals(limits)) {
            ahead.removeFirst();
            id = next.id();
        } else {
            ahead.forEach(sent -> abandoned.add(sent.id()));
            ahead.clear();
            id = sendCase(testCase, limits);
        }
        while (!planned.isEmpty()) {
            if (planned.removeFirst().testCase() == testCase) {
                break;
            }
        }
        if (ahead.isEmpty() && !planned.isEmpty() && id != null) {
            PlannedCase following = planned.peekFirst();
            String aheadId = sendCase(following.testCase(), following.limits());
            if (aheadId != null) {
                ahead.add(new Sent(aheadId, following.testCase(), following.limits()));
            }
        }
        return Optional.ofNullable(id);
    }

    @Override
    Duration waitLimit(Limits limits, Duration left) {
        Duration wait = limits.wall().plus(GRACE);
        return wait.compareTo(left) > 0 ? left : wait;
    }

    @Override
    Optional<JsonNode> await(String id, Duration wait) {
        return receiveResult(wait);
    }

    @Override
    Observation answered(String id, JsonNode reply, long elapsedMillis) {
        if (!"result".equals(reply.path("op").asString(""))
                || !id.equals(reply.path("id").asString(""))) {
            // a reply for another request means the channel is out of step (or forged): trust nothing more
            stop();
            return Observation.failure(
                    Observation.Status.HARNESS_ERROR,
                    "ProtocolError",
                    "the Python harness answered out of turn (expected the result of " + id + ")",
                    elapsedMillis);
        }
        return Wire.observation(reply);
    }

    @Override
    Observation unanswered(Limits limits, long elapsedMillis) {
        String diagnosis = process.stderr();
        boolean died = process.ended() && elapsedMillis < limits.wall().toMillis();
        stop();
        if (died) {
            // it ended before the case could have timed out: learner code killed it
            return CaseFailures.crashed(
                    "HarnessKilled",
                    "the program stopped the Python process that was running it "
                            + "(for example with os.kill on its parent)",
                    diagnosis,
                    elapsedMillis);
        }
        return CaseFailures.timedOut(limits.wall(), diagnosis, elapsedMillis);
    }

    /**
     * Waits out the cases sent ahead, so a request that is not a case gets the next reply: their
     * results are dropped and the cases sent again when asked for (rare: the grading layer asks
     * for facts before any case).
     */
    private void awaitAhead() {
        for (Sent sent : List.copyOf(ahead)) {
            abandoned.add(sent.id());
        }
        ahead.clear();
        while (!abandoned.isEmpty()) {
            Optional<JsonNode> reply =
                    process.receive(submission.limits().wall().plus(GRACE));
            if (reply.isEmpty() || !abandoned.remove(reply.get().path("id").asString(""))) {
                // gone, or out of step: a fresh harness answers instead
                stop();
                ensureStarted();
                return;
            }
        }
    }

    @Override
    public void plan(List<PlannedCase> cases) {
        planned.clear();
        planned.addAll(cases);
        Sent next = ahead.peekFirst();
        if (next != null && (planned.isEmpty() || planned.peekFirst().testCase() != next.testCase())) {
            // the case sent ahead is not wanted any more: a fresh harness costs less than waiting it out
            HarnessProcess busy = process;
            process = null;
            stop();
            Closer.later(busy::kill);
        }
    }

    /** Sends a case request; its id, or null when the harness is gone. */
    private String sendCase(Case testCase, Limits limits) {
        String id = "c" + (++caseCounter);
        List<String> reportFiles = new ArrayList<>(testCase.expect().files().keySet());
        return process.send(Wire.caseRequest(id, testCase, reportFiles, limits)) ? id : null;
    }

    /** The next reply that is not for an abandoned request. */
    private Optional<JsonNode> receiveResult(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<JsonNode> reply = process.receive(Duration.ofNanos(Math.max(0, until - System.nanoTime())));
            if (reply.isEmpty() || !abandoned.remove(reply.get().path("id").asString(""))) {
                return reply;
            }
        }
    }

    private void ensureStarted() {
        if (process == null || !process.isAlive() && !awaitingStart) {
            launch();
        }
        if (awaitingStart) {
            awaitStart();
        }
    }

    /** Starts a harness and sends hello and load; {@link #awaitStart} reads their replies. */
    private void launch() {
        stop();
        boolean compiled = HarnessFiles.compiled(interpreter);
        try {
            process = new HarnessProcess(sandbox.start(
                    HarnessLaunch.request(interpreter, harness, compiled, source, scratch, submission, postgres)));
        } catch (IOException e) {
            throw new RunnerException("Could not start " + interpreter.describe() + ": " + e.getMessage(), e);
        }
        // only a session's first harness, before any case ran in this workspace, may hand out its code
        askedCode = !compiled && caseCounter == 0;
        awaitingStart = true;
        // hello, preload and load go together: the harness answers each in order; preload comes
        // before load so that the child load forks at once already holds the packages
        process.send(HarnessLaunch.hello(askedCode));
        if (preloads()) {
            process.send(HarnessLaunch.preload(submission.requires()));
        }
        // before load, which forks the first case child: the server is started from the harness alone
        postgres.ifPresent(server -> process.send(server.request()));
        process.send(HarnessLaunch.load(submission));
    }

    private void awaitStart() {
        awaitingStart = false;
        Optional<JsonNode> said = process.receive(START_TIMEOUT);
        if (said.isEmpty()) {
            // the sandbox itself may not start (its tier came from the probe cache and the machine
            // changed): Sandboxes probes again, and a working sandbox gets one more try
            RunnerException failure = startFailure("did not start");
            Optional<Sandbox> again = Sandboxes.afterFailedStart(sandbox);
            if (again.isEmpty()) {
                throw failure;
            }
            sandbox = again.get();
            launch();
            awaitStart();
            return;
        }
        JsonNode hello = said.get();
        if (!"ready".equals(hello.path("op").asString())) {
            throw startFailure("answered " + hello);
        }
        if (askedCode) {
            HarnessFiles.remember(interpreter, hello);
        }
        if (preloads()) {
            // which modules imported is not needed: a missing one was found by the interpreter probe
            process.receive(START_TIMEOUT).orElseThrow(() -> startFailure("did not import " + submission.requires()));
        }
        if (postgres.isPresent()) {
            // a server that did not start is said by every case that needs it (with its log)
            process.receive(START_TIMEOUT).orElseThrow(() -> startFailure("did not start PostgreSQL"));
        }
        loaded(process.receive(START_TIMEOUT).orElseThrow(() -> startFailure("did not load the file")));
    }

    /** Whether a harness imports the exercise's packages before load: only when all are installed. */
    private boolean preloads() {
        return !submission.requires().isEmpty() && missingModules.isEmpty();
    }

    private RunnerException startFailure(String what) {
        String stderr = process == null ? "" : process.stderr();
        stop();
        return new RunnerException("The sandboxed Python (" + interpreter.describe() + ") " + what + "."
                + (stderr.isBlank() ? "" : "\n" + CaseFailures.tail(stderr))
                + "\nRun `sprout doctor` to check the sandbox.");
    }

    private void stop() {
        awaitingStart = false;
        ahead.clear();
        abandoned.clear();
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /**
     * Asks the harness to end and returns: the verdicts are in, so waiting for the sandbox to exit
     * (and killing its tree if it does not) and deleting the workspace happen on a {@link Closer} thread.
     */
    @Override
    public void close() {
        HarnessProcess ending = process;
        process = null;
        stop();
        Path workspace = root;
        if (ending != null) {
            ending.sayBye();
        }
        Closer.later(() -> {
            // the harness is exiting and reads nothing more: its files go while it does
            FileUtils.deleteQuietly(workspace.toFile());
            if (ending != null) {
                ending.close();
            }
        });
    }
}
