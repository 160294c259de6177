package dev.sprout.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;

import dev.sprout.sandbox.Limits;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.SandboxRequest;
import dev.sprout.spec.Case;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One sandbox and one warm CPython harness for a submission. A case that kills or hangs the
 * harness costs that case only: the next case starts a fresh harness and carries on.
 */
final class HarnessSession implements Session {

    /** Time the harness may need beyond a case's own wall limit to report it. */
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final long COPY_CAP_BYTES = 32L << 20;

    private final Interpreter interpreter;
    private final List<String> missingModules;
    private final Sandbox sandbox;
    private final Submission submission;
    private final Path root;
    private final Path source;
    private final Path scratch;
    private final Path harness;
    private final long deadlineNanos;
    private HarnessProcess process;
    private Optional<Observation.PythonError> loadError = Optional.empty();
    private int caseCounter;

    HarnessSession(Interpreter interpreter, List<String> missingModules, Sandbox sandbox, Submission submission) {
        this.interpreter = interpreter;
        this.missingModules = List.copyOf(missingModules);
        this.sandbox = sandbox;
        this.submission = submission;
        this.deadlineNanos = System.nanoTime() + submission.limits().submissionWall().toNanos();
        try {
            root = dev.sprout.sandbox.Sandboxes.newWorkspace();
            source = Files.createDirectory(root.resolve("src"));
            scratch = Files.createDirectory(root.resolve("scratch"));
            harness = root.resolve("harness").resolve("harness.py");
            Files.createDirectories(harness.getParent());
            try (InputStream in = HarnessSession.class.getResourceAsStream("harness.py")) {
                if (in == null) {
                    throw new IllegalStateException("harness.py is missing from the sprout jar");
                }
                Files.copy(in, harness, StandardCopyOption.REPLACE_EXISTING);
            }
            copyExercise(submission, source);
        } catch (IOException e) {
            throw new RunnerException("Could not prepare a private copy of " + submission.exerciseDir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return interpreter.describe() + ", sandbox tier " + sandbox.tier().letter() + " (" + sandbox.tier().optionName() + ")";
    }

    @Override
    public List<String> missingModules() {
        return missingModules;
    }

    @Override
    public Optional<Observation.PythonError> load() {
        ensureStarted();
        return loadError;
    }

    @Override
    public SourceFacts facts() {
        ensureStarted();
        JsonNode reply = process.call(JsonNodeFactory.instance.objectNode().put("op", "facts"), START_TIMEOUT)
                .orElseThrow(() -> new RunnerException("The Python harness did not answer. " + process.stderr()));
        return Wire.facts(reply);
    }

    @Override
    public Observation run(Case testCase, Limits limits) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return Observation.failure(Observation.Status.TIMEOUT, "SubmissionTimeout",
                    "the whole submission ran out of time (" + submission.limits().submissionWall().toSeconds() + " s)", 0);
        }
        ensureStarted();
        List<String> reportFiles = new ArrayList<>(testCase.expect().files().keySet());
        JsonNode request = Wire.caseRequest("c" + (++caseCounter), testCase, reportFiles, limits);
        Duration wait = limits.wall().plus(GRACE);
        if (wait.toNanos() > remaining) {
            wait = Duration.ofNanos(remaining);
        }
        long started = System.nanoTime();
        Optional<JsonNode> reply = process.call(request, wait);
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        if (reply.isEmpty()) {
            // the harness hung or died: this case pays, the next one gets a fresh harness
            String diagnosis = process.stderr();
            stop();
            return Observation.failure(Observation.Status.TIMEOUT, "Timeout",
                    "the program did not finish within " + Math.round(limits.wall().toMillis() / 1000.0) + " s"
                            + (diagnosis.isBlank() ? "" : "\n" + tail(diagnosis)), elapsed);
        }
        return Wire.observation(reply.get());
    }

    private void ensureStarted() {
        if (process != null && process.isAlive()) {
            return;
        }
        stop();
        List<Path> readOnly = new ArrayList<>(interpreter.prefixes());
        readOnly.add(interpreter.executable().getParent());
        readOnly.add(harness.getParent());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("PYTHONHASHSEED", "0");
        env.put("HOME", scratch.toString());
        env.put("TMPDIR", scratch.toString());
        List<String> command = List.of(interpreter.executable().toString(), "-I", "-B", harness.toString(),
                source.toString(), scratch.toString());
        try {
            process = new HarnessProcess(sandbox.start(new SandboxRequest(command, source, scratch, readOnly, env,
                    submission.limits())));
        } catch (IOException e) {
            throw new RunnerException("Could not start " + interpreter.describe() + ": " + e.getMessage(), e);
        }
        JsonNode hello = process.call(JsonNodeFactory.instance.objectNode().put("op", "hello"), START_TIMEOUT)
                .orElseThrow(() -> startFailure("did not start"));
        if (!"ready".equals(hello.path("op").asString())) {
            throw startFailure("answered " + hello);
        }
        JsonNode loaded = process.call(JsonNodeFactory.instance.objectNode().put("op", "load")
                .put("entry", submission.entry()), START_TIMEOUT).orElseThrow(() -> startFailure("did not load the file"));
        loadError = loaded.path("ok").asBoolean(false) ? Optional.empty() : Wire.error(loaded.path("error"));
    }

    private RunnerException startFailure(String what) {
        String stderr = process == null ? "" : process.stderr();
        stop();
        return new RunnerException("The sandboxed Python (" + interpreter.describe() + ") " + what + "."
                + (stderr.isBlank() ? "" : "\n" + tail(stderr)) + "\nRun `sprout doctor` to check the sandbox.");
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 2000 ? trimmed : "…" + trimmed.substring(trimmed.length() - 2000);
    }

    private void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
        FileUtils.deleteQuietly(root.toFile());
    }

    private static boolean wanted(Submission submission, Path relative) {
        String name = relative.toString().replace('\\', '/');
        return name.endsWith(".py") || submission.shippedFiles().map(files -> files.contains(name)).orElse(true);
    }

    /** Copies the learner's folder (its data files included), skipping caches and state, within a size cap. */
    private static void copyExercise(Submission submission, Path to) throws IOException {
        Path from = submission.exerciseDir();
        if (!Files.isDirectory(from)) {
            throw new IOException("no such folder");
        }
        long[] total = {0};
        try (Stream<Path> walk = Files.walk(from, 4)) {
            walk.forEach(path -> {
                Path relative = from.relativize(path);
                String name = path.getFileName() == null ? "" : path.getFileName().toString();
                if (relative.toString().isEmpty() || name.equals("__pycache__") || name.startsWith(".sprout")
                        || relative.toString().contains("__pycache__")) {
                    return;
                }
                try {
                    Path target = to.resolve(relative.toString());
                    if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(target);
                    } else if (Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && wanted(submission, relative)) {
                        total[0] += Files.size(path);
                        if (total[0] > COPY_CAP_BYTES) {
                            throw new IOException("the exercise folder holds more than 32 MiB of files");
                        }
                        Files.createDirectories(target.getParent());
                        Files.copy(path, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
