package dev.sprout.graalpy;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GraalPy worker: a JVM of its own, started by the sprout CLI inside the same OS sandbox as
 * the CPython harness, speaking the harness's JSON-lines protocol (docs/harness-protocol.md,
 * differences in docs/graalpy-worker.md) on stdin/stdout.
 *
 * <p>One shared {@link Engine} lives as long as the worker, so only the first context pays
 * GraalPy's start-up. A long-lived control context answers load, facts and preload with
 * harness.py's own code; every case runs in a fresh context ({@link CaseRun}), made while the
 * case before it ran ({@link FreshContext}).
 *
 * <p>{@code java … dev.sprout.graalpy.Worker INBOX SCRATCH}: INBOX holds one read-only folder per
 * submission (named by each load's {@code source}); SCRATCH is writable and holds case folders.
 * {@code --copy-resources DIR} unpacks GraalPy's standard library into DIR once, so workers can
 * run with {@code -Dpolyglot.engine.resourcePath=DIR} on a read-only file system.
 */
public final class Worker {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int PROTOCOL = 1;
    /** -Dsprout.graalpy.timing=true: one line per case on stderr, by phase (bench/graalpy-worker.py reads them). */
    static final boolean TIMING = Boolean.getBoolean("sprout.graalpy.timing");

    private final Path inbox;
    private final Path scratch;
    private final Engine engine;
    /** harness.py and its package's modules in one string (see harness.py's load_bundle) */
    private final String harnessText;

    private final Source caseBoot;
    private final List<Path> home;
    private final PrintStream diagnostics;
    private final OutputStream log;
    private Context control;
    /** What case_boot.py's load() takes: the harness code cases need, compiled once by the control context */
    private String caseCodes;

    private Value handle;
    private String pythonVersion = "";
    private int seq;
    private final ExecutorService maker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sprout-graalpy-next-context");
        thread.setDaemon(true);
        return thread;
    });
    private Future<FreshContext> spare;

    Worker(Path inbox, Path scratch, PrintStream diagnostics) throws IOException {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.scratch = scratch.toAbsolutePath().normalize();
        this.diagnostics = diagnostics;
        this.harnessText = harnessBundle();
        this.caseBoot = Source.newBuilder("python", resource("/dev/sprout/graalpy/case_boot.py"), "sprout_case_boot.py")
                .cached(true)
                .build();
        this.home = List.of(languageHome());
        // a stream of its own: CONSTRAINED refuses the JVM's System.out/err (System.out is stderr here)
        this.log = new OutputStream() {
            @Override
            public void write(int b) {
                diagnostics.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                diagnostics.write(b, off, len);
            }
        };
        this.engine = Engine.newBuilder("python")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(log)
                .err(log)
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--copy-resources")) {
            Engine.copyResources(Path.of(args[1]), "python");
            return;
        }
        if (args.length != 2) {
            System.err.println("usage: java -cp … dev.sprout.graalpy.Worker INBOX SCRATCH");
            System.exit(2);
        }
        // only protocol lines may reach the JVM parent: stray prints go to stderr
        PrintStream channel = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Worker worker = new Worker(Path.of(args[0]), Path.of(args[1]), System.err);
        int status = worker.serve(System.in, channel);
        channel.flush();
        System.exit(status);
    }

    int serve(InputStream in, PrintStream out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode request;
            try {
                request = JSON.readTree(line);
            } catch (RuntimeException e) {
                send(out, JSON.createObjectNode().put("op", "error").put("message", "bad request: " + e.getMessage()));
                continue;
            }
            String op = request.path("op").asString("");
            if (op.equals("bye")) {
                return 0;
            }
            CaseRun.Outcome outcome = null;
            JsonNode response;
            try {
                switch (op) {
                    case "hello" -> response = hello();
                    case "load", "facts", "preload" -> response = control(line);
                    case "case" -> {
                        outcome = runCase((ObjectNode) request);
                        response = outcome.response();
                    }
                    default ->
                        response = JSON.createObjectNode().put("op", "error").put("message", "unknown op " + op);
                }
            } catch (RuntimeException | IOException | OutOfMemoryError | StackOverflowError e) {
                response = op.equals("case")
                        ? CaseRun.harnessError(request, e)
                        : JSON.createObjectNode()
                                .put("op", "error")
                                .put("message", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            boolean exiting = outcome != null && outcome.workerSpoiled();
            if (exiting && response instanceof ObjectNode reply) {
                // said with the reply: the parent must not send the next case to a worker that is halting
                reply.put("worker_exits", true);
            }
            send(out, response);
            if (exiting) {
                // a case thread that ignored cancellation still runs: a fresh worker is cheaper than a
                // wedged one, and the parent starts one for the next case
                diagnostics.println("sprout-graalpy: a case did not stop when cancelled; exiting");
                diagnostics.flush();
                Runtime.getRuntime().halt(75);
            }
        }
        return 0;
    }

    private static void send(PrintStream out, JsonNode response) {
        out.print(JSON.writeValueAsString(response));
        out.print('\n');
        out.flush();
    }

    /** Starts GraalPy and runs one throw-away case, so the learner's first case is warm. */
    JsonNode hello() throws IOException {
        long started = System.nanoTime();
        ensureControl();
        Path dir = Files.createTempDirectory(scratch, "warmup-");
        try {
            Files.writeString(dir.resolve("warmup.py"), "def f(x):\n    return [x, str(x), {x: (x,)}]\n");
            ObjectNode request = JSON.createObjectNode()
                    .put("op", "case")
                    .put("id", "warmup")
                    .put("kind", "call")
                    .put("function", "f")
                    .put("stdin", "");
            request.putArray("args").addObject().put("t", "int").put("v", "1");
            new CaseRun(nextContext(), caseFiles())
                    .run(request, dir, "warmup.py", "def f(x):\n    return [x, str(x), {x: (x,)}]\n");
        } finally {
            CaseRun.deleteTree(dir);
        }
        return JSON.createObjectNode()
                .put("op", "ready")
                .put("protocol", PROTOCOL)
                .put("python", pythonVersion)
                .put("implementation", "graalpy")
                // "Interpreted", or the optimizing runtime's name ("GraalVM CE") when Truffle compiles
                .put("runtime", engine.getImplementationName())
                .put("executable", "GraalPy in a worker JVM (" + System.getProperty("java.home") + ")")
                .put("pid", ProcessHandle.current().pid())
                .put("warmup_ms", (System.nanoTime() - started) / 1_000_000);
    }

    private void ensureControl() {
        if (control != null) {
            return;
        }
        List<Path> readable = new ArrayList<>(home);
        readable.add(inbox);
        // writes case folders and reads what cases left there (trusted code only: no learner code runs here)
        control = Context.newBuilder("python")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .allowIO(IOAccess.newBuilder()
                        .fileSystem(new CaseFileSystem(readable, List.of(scratch)))
                        .build())
                .in(InputStream.nullInputStream())
                .out(log)
                .err(log)
                .build();
        try {
            control.eval(Source.newBuilder("python", resource("/dev/sprout/graalpy/control.py"), "sprout_control.py")
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Value bindings = control.getBindings("python");
        pythonVersion = bindings.getMember("init")
                .execute(harnessText, scratch.toString())
                .asString();
        handle = bindings.getMember("handle");
        caseCodes = bindings.getMember("case_codes").execute().asString();
    }

    private JsonNode control(String line) {
        ensureControl();
        JsonNode request = JSON.readTree(line);
        if (request.path("op").asString().equals("load")) {
            Path source = Path.of(request.path("source").asString(""))
                    .toAbsolutePath()
                    .normalize();
            if (!source.startsWith(inbox)) {
                return JSON.createObjectNode()
                        .put("op", "error")
                        .put("message", "load needs a source folder inside " + inbox);
            }
        }
        return JSON.readTree(handle.execute(line).asString());
    }

    private CaseRun.Outcome runCase(ObjectNode request) throws IOException {
        long t0 = System.nanoTime();
        ensureControl();
        Value loaded = control.getBindings("python").getMember("loaded").execute();
        if (loaded.getArrayElement(1).isNull()) {
            throw new IllegalStateException("no file loaded");
        }
        String sourceDir = loaded.getArrayElement(0).asString();
        String entry = loaded.getArrayElement(1).asString();
        Value source = loaded.getArrayElement(2);
        if (source.isNull()) {
            String text = control.getBindings("python")
                    .getMember("load_error_result")
                    .execute(
                            request.path("id").asString(""),
                            request.path("kind").asString(""))
                    .asString();
            return new CaseRun.Outcome(JSON.readTree(text), false);
        }
        long t1 = System.nanoTime();
        FreshContext fresh = nextContext();
        long t2 = System.nanoTime();
        CaseRun run = new CaseRun(fresh, caseFiles());
        CaseRun.Outcome outcome = run.run(request, Path.of(sourceDir), entry, source.asString());
        if (TIMING) {
            long t3 = System.nanoTime();
            // ctx_* happened on the maker thread while the previous case ran; wait is what it still cost
            diagnostics.printf(
                    "sprout-graalpy-timing loaded=%.1f wait=%.1f %s total=%.1f %s%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, run.timing(), (t3 - t0) / 1e6, fresh.timing());
            diagnostics.flush();
        }
        return outcome;
    }

    /** The context made ahead for this case; starts making the next one, which runs alongside this case. */
    private FreshContext nextContext() throws IOException {
        Future<FreshContext> ready = spare != null ? spare : makeContext();
        spare = makeContext();
        try {
            return ready.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("could not make a GraalPy context: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a GraalPy context", e);
        }
    }

    private Future<FreshContext> makeContext() {
        int n = ++seq;
        String codes = caseCodes;
        return maker.submit(() -> new FreshContext(engine, caseBoot, codes, home, scratch, n));
    }

    /** Where GraalPy's standard library is read from: the unpacked resources, else the user's cache. */
    private static Path languageHome() {
        String resources = System.getProperty("polyglot.engine.resourcePath");
        if (resources != null && !resources.isBlank()) {
            return Path.of(resources).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "org.graalvm.polyglot");
    }

    /**
     * What a case needs from the harness outside its own context, done in the control context
     * through the harness's api (the case's context may be cancelled by then).
     */
    private CaseRun.CaseFiles caseFiles() {
        Value bindings = control.getBindings("python");
        return new CaseRun.CaseFiles() {
            @Override
            public void fill(Path caseDir, Path sourceDir, JsonNode files) {
                bindings.getMember("fill_case_dir")
                        .execute(sourceDir.toString(), caseDir.toString(), files.isObject() ? files.toString() : "{}");
            }

            @Override
            public JsonNode report(Path caseDir, JsonNode names) {
                return JSON.readTree(bindings.getMember("report_files")
                        .execute(caseDir.toString(), names.isArray() ? names.toString() : "[]")
                        .asString());
            }

            @Override
            public JsonNode where(Path caseDir, JsonNode frames) {
                return JSON.readTree(bindings.getMember("where")
                        .execute(caseDir.toString(), frames.toString())
                        .asString());
            }
        };
    }

    /** harness.py, then each module harness/modules.txt lists: NUL, name, newline, source, for each. */
    private static String harnessBundle() throws IOException {
        StringBuilder bundle = new StringBuilder();
        bundle.append('\0').append("harness\n").append(resource("/dev/sprout/runner/harness.py"));
        for (String line : resource("/dev/sprout/runner/harness/modules.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty()) {
                bundle.append('\0')
                        .append(name)
                        .append('\n')
                        .append(resource("/dev/sprout/runner/harness/" + name + ".py"));
            }
        }
        return bundle.toString();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Worker.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the worker's class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
