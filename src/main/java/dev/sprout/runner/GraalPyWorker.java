package dev.sprout.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.io.FileUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.sprout.sandbox.Limits;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.SandboxRequest;
import dev.sprout.sandbox.Sandboxes;

/**
 * One GraalPy worker JVM in the sandbox, kept warm across submissions. Each submission's files
 * go into a folder of the worker's inbox (read-only inside; a bind mount shows folders added
 * later), and the worker copies them per case into its scratch folder.
 */
final class GraalPyWorker implements AutoCloseable {

    /** A cold worker: a JVM, GraalPy's first context (~5 s on 2 cores), and a warm-up case. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /**
     * Heap bounds for the worker JVM, explicit because the JVM's default maximum is a quarter of
     * the machine's memory: on a 64 GB grading server one worker (or several under --jobs) could
     * claim 16 GB each. GraalPy's interpreter with the standard library loaded and one learner's
     * data fits in 512 MB; -Xms64m spares the first grow steps without pinning memory up front.
     * The thread stack (-Xss8m) is set below: GraalPy's AST interpreter recurses deeply, and a
     * learner's recursion must hit Python's RecursionError before the JVM's StackOverflowError.
     */
    static final String HEAP = "-Xmx512m";

    static final String INITIAL_HEAP = "-Xms64m";

    private final Sandbox sandbox;
    private final GraalPyFiles files;
    private final Limits limits;
    /** The JVM the worker runs on; the interpreter's after a start with the compiler failed. */
    private GraalPyJvm jvm;

    private final Path root;
    private final Path inbox;
    private final Path scratch;
    private HarnessProcess process;
    private JsonNode ready;
    private int generation;
    private int submissions;

    /** The limits its sandbox was started with. */
    Limits limits() {
        return limits;
    }

    GraalPyWorker(Sandbox sandbox, GraalPyFiles files, GraalPyJvm jvm, Limits limits) {
        this.sandbox = sandbox;
        this.files = files;
        this.jvm = jvm;
        this.limits = limits;
        try {
            root = Sandboxes.newWorkspace();
            inbox = Files.createDirectory(root.resolve("in"));
            scratch = Files.createDirectory(root.resolve("scratch"));
            openToSandbox(inbox);
        } catch (IOException e) {
            throw new RunnerException("Could not prepare a folder for GraalPy: " + e.getMessage(), e);
        }
    }

    /** A new, empty folder for one submission's files, readable from inside the sandbox. */
    Path newSubmissionDir() throws IOException {
        Path dir = Files.createDirectory(inbox.resolve("s" + (++submissions)));
        openToSandbox(dir);
        return dir;
    }

    /** Makes a folder (and later what is copied in) readable by the sandbox user. */
    static void openToSandbox(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Counts restarts, so a session knows when its file must be loaded again. */
    int generation() {
        return generation;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    JsonNode ready() {
        return ready;
    }

    /** Which JDK the worker runs on and whether Truffle compiles there, as the worker itself reported. */
    String runtime() {
        boolean compiles =
                ready != null && !ready.path("runtime").asString("Interpreted").equals("Interpreted");
        return "JDK " + jvm.feature() + ", " + (compiles ? "Truffle's optimizing runtime" : "interpreted");
    }

    /**
     * Starts the worker if it is not running; blocks through GraalPy's start-up. A worker that
     * does not start with the Graal compiler (a JDK whose JVMCI refuses it) is started again
     * without it, silently: the interpreter grades the same, only slower on long computations.
     */
    void ensureStarted() {
        if (isAlive()) {
            return;
        }
        stop();
        generation++;
        Optional<Path> cache = files.startupCache(jvm);
        if (!jvm.optimizing() && cache.isEmpty()) {
            start(jvm, cache);
            return;
        }
        try {
            start(jvm, cache);
        } catch (RunnerException refused) {
            // the compiler, or a start-up cache this JVM cannot map: the plain interpreter grades the same
            jvm = jvm.interpreted();
            if (cache.isPresent()) {
                files.refuseStartupCache(cache.get());
            }
            start(jvm, Optional.empty());
        }
    }

    /**
     * The worker JVM's command, the same for a worker and for the run that trains its start-up
     * cache (GraalPyFiles): the cache is refused by a JVM whose flags differ.
     */
    static List<String> command(
            GraalPyJvm jvm, GraalPyFiles files, Optional<Path> startupCache, Path inbox, Path scratch) {
        // C1 only: on 2 cores C2 compiling GraalPy's interpreter halves the speed of the first minutes
        List<String> command = new ArrayList<>(List.of(
                jvm.java().toString(),
                HEAP,
                INITIAL_HEAP,
                "-Xss8m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-XX:+DisplayVMOutputToStderr"));
        command.addAll(jvm.flags(files));
        startupCache.ifPresent(cache -> command.addAll(GraalPyFiles.useStartupCache(cache)));
        command.addAll(List.of(
                "-Djava.io.tmpdir=" + scratch,
                "-Duser.home=" + scratch,
                "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-Dpolyglot.engine.resourcePath=" + files.resourceDir(),
                "-cp",
                files.classPath(),
                GraalPyFiles.WORKER_MAIN,
                inbox.toString(),
                scratch.toString()));
        return command;
    }

    private void start(GraalPyJvm jvm, Optional<Path> startupCache) {
        List<String> command = command(jvm, files, startupCache, inbox, scratch);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", scratch.toString());
        env.put("TMPDIR", scratch.toString());
        try {
            process = new HarnessProcess(sandbox.start(
                    new SandboxRequest(command, inbox, scratch, readOnlyPaths(jvm, startupCache), env, limits)));
        } catch (IOException e) {
            throw new RunnerException("Could not start GraalPy's worker JVM: " + e.getMessage(), e);
        }
        JsonNode hello = process.call(JsonNodeFactory.instance.objectNode().put("op", "hello"), START_TIMEOUT)
                .orElseThrow(() -> startFailure("did not start"));
        if (!"ready".equals(hello.path("op").asString())) {
            throw startFailure("answered " + hello);
        }
        ready = hello;
    }

    /** The JDK (and the configuration it links to outside its folder), the worker's code, GraalPy's library, its start-up cache. */
    private List<Path> readOnlyPaths(GraalPyJvm jvm, Optional<Path> startupCache) throws IOException {
        Path home = jvm.javaHome().toRealPath();
        List<Path> paths = new ArrayList<>(List.of(home));
        // Debian's JDK links conf/ and lib/security/cacerts into /etc, which the sandbox hides
        for (String sub : List.of("conf", "lib")) {
            Path dir = home.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var walk = Files.walk(dir, 3)) {
                for (Path path : (Iterable<Path>) walk::iterator) {
                    if (Files.isSymbolicLink(path) && Files.exists(path)) {
                        Path real = path.toRealPath();
                        Path visible = Files.isDirectory(real) ? real : real.getParent();
                        if (!real.startsWith(home) && !paths.contains(visible)) {
                            paths.add(visible);
                        }
                    }
                }
            }
        }
        paths.add(files.workerCode());
        paths.add(files.libDir());
        paths.add(files.resourceDir());
        startupCache.ifPresent(paths::add);
        if (jvm.optimizing()) {
            files.compilerJars().stream().map(Path::getParent).distinct().forEach(paths::add);
        }
        return paths;
    }

    Optional<JsonNode> call(JsonNode request, Duration timeout) {
        return process.call(request, timeout);
    }

    String stderr() {
        return process == null ? "" : process.stderr();
    }

    private RunnerException startFailure(String what) {
        String stderr = stderr();
        stop();
        return new RunnerException("GraalPy's worker JVM " + what + "." + (stderr.isBlank() ? "" : "\n" + tail(stderr))
                + "\nRun `sprout doctor` to check the sandbox, or grade with `--engine cpython`.");
    }

    static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 2000 ? trimmed : "…" + trimmed.substring(trimmed.length() - 2000);
    }

    /** Kills the worker (a stuck case); the next call starts a fresh one. */
    void stop() {
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
}
