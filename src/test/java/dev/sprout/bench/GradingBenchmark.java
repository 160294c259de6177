package dev.sprout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.commons.io.FileUtils;

import dev.sprout.grading.Grader;
import dev.sprout.result.GradeResult;
import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.Closer;
import dev.sprout.runner.Interpreter;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.runner.Observation;
import dev.sprout.runner.Session;
import dev.sprout.runner.Submission;
import dev.sprout.sandbox.Limits;
import dev.sprout.sandbox.ProcessLaunch;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.SandboxRequest;
import dev.sprout.sandbox.SandboxedProcess;
import dev.sprout.sandbox.Sandboxes;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;

/**
 * Cost of grading one submission on each sandbox tier, side by side with its peer, a plain
 * {@code python3 -I -c pass} spawned from the same JVM. Every measured run is paired with a peer
 * run right before it, so both see the same machine load; the ratio is median(row) over
 * median(its peers). Not a test: run with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.sprout.bench.GradingBenchmark}
 * (optional arguments: runs, then tiers, e.g. {@code -Dexec.args="31 bwrap"}).
 *
 * <p>Rows per tier: the sandbox alone ({@code python3 -I -c pass} inside it, start to close), a
 * harness session without the JUnit layer (start, load, N cases, close), and a whole grading
 * through {@link Grader} (JUnit Launcher, spec, sandbox, harness, Java comparison).
 */
public final class GradingBenchmark {

    private static int warmup = 20;

    public static void main(String[] args) throws Exception {
        ProcessLaunch.configure(); // as the CLI does
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        List<String> tiers = args.length > 1 ? List.of(args[1].split(",")) : List.of("bwrap", "launcher", "none");
        warmup = args.length > 2 ? Integer.parseInt(args[2]) : warmup;
        Path pack = Files.createTempDirectory("sprout-bench-");
        try {
            GraderSpec one = exercise(pack, "01-one", 1);
            GraderSpec twelve = exercise(pack, "02-twelve", 12);
            InterpreterFinder finder = new InterpreterFinder(Optional.empty(), System.getenv());
            Interpreter python = finder.find(List.of());
            System.out.println("Interpreter: " + python.describe() + "; "
                    + Runtime.getRuntime().availableProcessors()
                    + " cores; load average before: " + loadAverage() + "; medians of " + runs
                    + " runs after " + warmup + " warm-up runs, each run paired with a peer run.");
            System.out.println();
            Callable<Void> peer = () -> {
                Process p = new ProcessBuilder(python.executable().toString(), "-I", "-c", "pass").start();
                p.waitFor();
                return null;
            };
            System.out.println("| what | median ms | peer median ms | × python3 -c pass |");
            System.out.println("|---|---|---|---|");
            row("`python3 -I -c pass` (peer)", measure(runs, peer, peer));
            for (String tier : tiers) {
                Sandbox sandbox;
                Grader grader;
                CPythonEngine engine;
                try {
                    sandbox = Sandboxes.choose(tier);
                    engine = new CPythonEngine(finder, sandbox);
                    grader = new Grader(engine);
                } catch (RuntimeException unavailable) {
                    System.out.println("| tier " + tier + " | unavailable: " + unavailable.getMessage() + " | | |");
                    continue;
                }
                row(
                        "sandbox only (`python3 -I -c pass` inside), tier " + tier,
                        measure(runs, () -> sandboxOnly(sandbox, python), peer));
                for (GraderSpec spec : List.of(one, twelve)) {
                    Path learner = pack.resolve("exercises/01-stage")
                            .resolve(spec.file().getParent().getFileName().toString());
                    long count = spec.cases().count();
                    row(
                            "harness session, " + count + " case" + (count == 1 ? "" : "s") + ", tier " + tier,
                            measure(runs, () -> session(engine, spec, learner), peer));
                    Callable<Void> grade = () -> {
                        GradeResult result = grader.grade(spec, pack.resolve("graders"), learner);
                        if (!result.passed()) {
                            throw new IllegalStateException("benchmark exercise failed: " + result.verdicts());
                        }
                        return null;
                    };
                    row("grade a " + count + "-case exercise, tier " + tier, measure(runs, grade, peer));
                    row(
                            "grade a " + count + "-case exercise, tier " + tier + ", until its sandbox has exited",
                            measure(runs, untilClosed(grade), peer));
                }
            }
            System.out.println();
            System.out.println("Load average after: " + loadAverage());
        } finally {
            FileUtils.deleteQuietly(pack.toFile());
        }
    }

    /** Medians of {@code work} and of the peer runs paired with it, in ms. */
    private record Pair(double work, double peer) {}

    private static void row(String what, Pair pair) {
        System.out.printf("| %s | %.1f | %.1f | %.2f |%n", what, pair.work(), pair.peer(), pair.work() / pair.peer());
    }

    /**
     * Sessions finish closing in the background (runner.Closer): each run waits for that, untimed,
     * so no sandbox is still exiting while the next peer runs.
     */
    private static Pair measure(int runs, Callable<Void> work, Callable<Void> peer) throws Exception {
        for (int i = 0; i < warmup; i++) {
            peer.call();
            work.call();
            settle();
        }
        List<Double> works = new ArrayList<>();
        List<Double> peers = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            peers.add(time(peer));
            works.add(time(work));
            settle();
        }
        return new Pair(median(works), median(peers));
    }

    private static void settle() throws InterruptedException {
        if (!Closer.awaitIdle(Duration.ofSeconds(10))) {
            throw new IllegalStateException("a sandbox did not finish closing within 10 s");
        }
    }

    /** The work and then the wait until its sandbox has exited and its files are deleted. */
    private static Callable<Void> untilClosed(Callable<Void> work) {
        return () -> {
            work.call();
            settle();
            return null;
        };
    }

    private static double time(Callable<Void> work) throws Exception {
        long start = System.nanoTime();
        work.call();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static Void sandboxOnly(Sandbox sandbox, Interpreter python) throws Exception {
        Path root = Sandboxes.newWorkspace();
        try {
            Path source = Files.createDirectory(root.resolve("src"));
            Path scratch = Files.createDirectory(root.resolve("scratch"));
            List<Path> readOnly = new ArrayList<>(python.prefixes());
            readOnly.add(python.executable().getParent());
            try (SandboxedProcess process = sandbox.start(new SandboxRequest(
                    List.of(python.executable().toString(), "-I", "-c", "pass"),
                    source,
                    scratch,
                    readOnly,
                    Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"),
                    Limits.DEFAULTS))) {
                process.stdin().close();
                if (process.waitFor(Duration.ofSeconds(20)).orElse(-1) != 0) {
                    throw new IllegalStateException("python -c pass failed in the sandbox");
                }
            }
        } finally {
            FileUtils.deleteQuietly(root.toFile());
        }
        return null;
    }

    private static Void session(CPythonEngine engine, GraderSpec spec, Path learner) {
        try (Session session = engine.open(new Submission(learner, spec.entry(), List.of(), Limits.DEFAULTS))) {
            if (session.load().isPresent()) {
                throw new IllegalStateException("benchmark exercise did not load");
            }
            // as the grading layer does: the next case goes out while this one's reply is read
            session.plan(spec.cases()
                    .map(c -> new Session.PlannedCase(c, Limits.DEFAULTS))
                    .toList());
            for (Case c : spec.cases().toList()) {
                Observation observation = session.run(c, Limits.DEFAULTS);
                if (observation.status() != Observation.Status.RETURNED) {
                    throw new IllegalStateException("benchmark case failed: " + observation);
                }
            }
        }
        return null;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static GraderSpec exercise(Path pack, String slug, int cases) throws IOException {
        StringBuilder spec = new StringBuilder("version: 1\nentry: adder.py\ntasks:\n  - name: Adding\n    cases:\n");
        for (int i = 0; i < cases; i++) {
            spec.append("      - name: adds ")
                    .append(i)
                    .append("\n        call: add\n        args: [")
                    .append(i)
                    .append(", 1]\n        expect: {value: ")
                    .append(i + 1)
                    .append("}\n");
        }
        Path graders = Files.createDirectories(pack.resolve("graders/01-stage").resolve(slug));
        Files.writeString(graders.resolve("grader.yaml"), spec);
        Path learner =
                Files.createDirectories(pack.resolve("exercises/01-stage").resolve(slug));
        Files.writeString(learner.resolve("adder.py"), "def add(a, b):\n    return a + b\n");
        return SpecParser.parse(graders.resolve("grader.yaml"), slug.substring(3));
    }
}
