package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.catalog.Exercise;
import dev.sprout.catalog.Pack;
import dev.sprout.grading.Grader;
import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;
import dev.sprout.sandbox.Limits;
import dev.sprout.sandbox.Sandboxes;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;
import dev.sprout.value.PyValue;

/**
 * Hostile submissions on the GraalPy engine: the CLI's JVM (this one) survives, runaway code
 * ends as a limit verdict, the worker recovers for the next case, and the sandbox policy denies
 * files, processes and sockets. Also: a machine without Python grades with GraalPy.
 */
class GraalPyEngineTest {

    private static final String HOSTILE = """
            def spin():
                while True:
                    pass

            def huge_sort():
                return len(sorted(range(10**8)))

            def bomb():
                items = []
                while True:
                    items.append([len(items), str(len(items)), object()])

            def read_outside():
                try:
                    with open("/etc/passwd") as f:
                        return f.read()
                except OSError as e:
                    return "denied"

            def spawn():
                import subprocess
                try:
                    subprocess.run(["/bin/true"])
                    return "ran"
                except Exception as e:
                    return "denied"

            def connect():
                import socket
                socket.create_connection(("127.0.0.1", 22), timeout=1)
                return "connected"

            def add(a, b):
                return a + b
            """;

    private static final String RUNAWAY = """
            version: 1
            title: "Runaway"
            entry: hostile.py
            limits: {cpu: 2, wall: 3}
            tasks:
              - name: "runaway"
                cases:
                  - {name: "spins", call: spin, expect: {value: 1}}
                  - {name: "still answers after a spin", call: add, args: [2, 3], expect: {value: 5}}
                  - {name: "sorts a huge range", call: huge_sort, expect: {value: 1}}
                  - {name: "still answers after a huge sort", call: add, args: [2, 3], expect: {value: 5}}
            """;

    /** CPU and wall limits high enough that the heap fills up first. */
    private static final String BOMB = """
            version: 1
            title: "Heap bomb"
            entry: hostile.py
            limits: {cpu: 30, wall: 40}
            tasks:
              - name: "bomb"
                cases:
                  - {name: "allocates without end", call: bomb, expect: {value: 1}}
                  - {name: "still answers after a heap bomb", call: add, args: [2, 3], expect: {value: 5}}
            """;

    private static final String DENIED = """
            version: 1
            title: "Denied"
            entry: hostile.py
            tasks:
              - name: "denied"
                cases:
                  - {name: "cannot read outside", call: read_outside, expect: {value: "denied"}}
                  - {name: "cannot start a process", call: spawn, expect: {value: "denied"}}
                  - {name: "cannot open a socket", call: connect, expect: {raises: OSError}}
            """;

    private static final String RECURSION = """
            version: 1
            title: "Recursion"
            entry: hostile.py
            limits: {cpu: 8, wall: 10}
            tasks:
              - name: "recursion"
                cases:
                  - {name: "recurses without end", call: endless, args: [0], expect: {value: 1}}
                  - {name: "still answers after a recursion", call: add, args: [2, 3], expect: {value: 5}}
                  - {name: "recursion as deep as CPython allows", call: countdown, args: [950], expect: {value: 0}}
                  - {name: "recursion through builtins", call: nested, args: [300], expect: {value: 300}}
            """;

    private static final String RECURSIVE = """
            def endless(n):
                return endless(n + 1)

            def countdown(n):
                return 0 if n == 0 else countdown(n - 1)

            def nested(n):
                if n == 0:
                    return 0
                return max(sorted([nested(n - 1) + 1], key=lambda x: -x))

            def add(a, b):
                return a + b
            """;

    private static GraalPyEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = new GraalPyEngine(Sandboxes.choose("auto"), notice -> {});
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void runawayCodeEndsAsALimitAndTheWorkerRecovers(@TempDir Path pack) throws IOException {
        Map<String, Verdict> verdicts = grade(pack, RUNAWAY, HOSTILE);
        verdicts.putAll(grade(pack.resolve("bomb"), BOMB, HOSTILE));
        System.out.println("hostile verdicts on GraalPy: " + statuses(verdicts));
        assertThat(verdicts.get("spins").status()).isIn(Verdict.Status.TIMEOUT, Verdict.Status.CPU_LIMIT);
        assertThat(verdicts.get("sorts a huge range").status())
                .isIn(Verdict.Status.TIMEOUT, Verdict.Status.CPU_LIMIT, Verdict.Status.MEMORY_LIMIT);
        // the CLI's JVM (this one) is still here; the worker's heap guard or its death ended the case
        assertThat(verdicts.get("allocates without end").status())
                .isIn(Verdict.Status.MEMORY_LIMIT, Verdict.Status.CRASHED);
        for (String after : List.of(
                "still answers after a spin", "still answers after a huge sort", "still answers after a heap bomb")) {
            assertThat(verdicts.get(after).status()).as(after).isEqualTo(Verdict.Status.PASSED);
        }
    }

    @Test
    void aWorkerThatStopsAnsweringCostsOneTimeoutAndTheNextCaseGetsAFreshOne(@TempDir Path dir) throws Exception {
        Path graders = Files.createDirectories(dir.resolve("graders/01-stage/01-stuck"));
        Files.writeString(graders.resolve("grader.yaml"), """
                version: 1
                title: "Stuck"
                entry: hostile.py
                tasks:
                  - name: "stuck"
                    cases:
                      - {name: "spins", call: spin, expect: {value: 1}}
                      - {name: "adds", call: add, args: [2, 3], expect: {value: 5}}
                """);
        GraderSpec spec = SpecParser.parse(graders.resolve("grader.yaml"), "01-stuck");
        Path learner = Files.createDirectories(dir.resolve("learner"));
        Files.writeString(learner.resolve("hostile.py"), HOSTILE);
        List<Case> cases = spec.cases().toList();
        Limits limits = Limits.DEFAULTS.withWall(Duration.ofSeconds(20)).withCpu(Duration.ofSeconds(20));
        List<Long> others = workerPids();
        try (GraalPyEngine own = new GraalPyEngine(engine.sandbox(), notice -> {});
                Session session = own.open(new Submission(learner, "hostile.py", List.of(), limits))) {
            // the worker starts in the background from open(); load() waits for it
            session.load();
            long worker = workerPids().stream()
                    .filter(pid -> !others.contains(pid))
                    .findFirst()
                    .orElseThrow();
            // a worker frozen mid-case (as by a builtin that ignores cancellation) never answers
            Thread freezer = new Thread(() -> {
                try {
                    Thread.sleep(1000);
                    new ProcessBuilder("kill", "-STOP", Long.toString(worker))
                            .start()
                            .waitFor();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            freezer.start();
            Limits quick = limits.withWall(Duration.ofSeconds(2));
            Observation stuck = session.run(cases.get(0), quick);
            freezer.join();
            assertThat(stuck.status()).isEqualTo(Observation.Status.TIMEOUT);
            assertThat(ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false))
                    .as("the frozen worker was killed")
                    .isFalse();
            Observation next = session.run(cases.get(1), quick);
            assertThat(next.status()).isEqualTo(Observation.Status.RETURNED);
            assertThat(next.value()).contains(new PyValue.PyInt(BigInteger.valueOf(5)));
        }
    }

    /** The worker JVMs this JVM started (through the sandbox's own processes). */
    private static List<Long> workerPids() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("dev.sprout.graalpy.Worker"))
                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                .map(ProcessHandle::pid)
                .toList();
    }

    /** As on CPython: endless recursion is a RecursionError (an error), not a time limit. */
    @Test
    void endlessRecursionIsARecursionErrorNotATimeout(@TempDir Path pack) throws IOException {
        Map<String, Verdict> verdicts = grade(pack, RECURSION, RECURSIVE);
        Verdict endless = verdicts.get("recurses without end");
        System.out.println("recursion on GraalPy: " + statuses(verdicts) + ", endless in " + endless.millis() + " ms");
        assertThat(endless.status()).as(endless.message()).isEqualTo(Verdict.Status.ERROR);
        assertThat(endless.message()).contains("RecursionError");
        for (String fine : List.of(
                "still answers after a recursion",
                "recursion as deep as CPython allows",
                "recursion through builtins")) {
            Verdict v = verdicts.get(fine);
            assertThat(v.status()).as(fine + ": " + v.message()).isEqualTo(Verdict.Status.PASSED);
        }
    }

    @Test
    void filesProcessesAndSocketsAreDenied(@TempDir Path pack) throws IOException {
        Map<String, Verdict> verdicts = grade(pack, DENIED, HOSTILE);
        for (String denied : List.of("cannot read outside", "cannot start a process", "cannot open a socket")) {
            assertThat(verdicts.get(denied).status())
                    .as(denied + ": " + verdicts.get(denied).message())
                    .isEqualTo(Verdict.Status.PASSED);
        }
    }

    @Test
    void exitAndQuitWorkAsInCPython(@TempDir Path pack) throws IOException {
        String spec = """
                version: 1
                title: "Exits"
                entry: bye.py
                tasks:
                  - name: "exits"
                    cases:
                      - {name: "exit(3)", run: {argv: ["exit"]}, expect: {exit_code: 3, stdout: "bye\\n"}}
                      - {name: "quit()", run: {argv: ["quit"]}, expect: {exit_code: 0, stdout: "bye\\n"}}
                """;
        String program = """
                import sys
                print("bye")
                if sys.argv[1] == "exit":
                    exit(3)
                quit()
                print("not reached")
                """;
        Map<String, Verdict> verdicts = grade(pack, spec, program);
        assertThat(statuses(verdicts)).containsOnly(Map.entry("exit(3)", "passed"), Map.entry("quit()", "passed"));
    }

    @Test
    void aModuleGraalPyLacksIsAMissingDependency(@TempDir Path pack) throws IOException {
        String spec = """
                version: 1
                title: "Database"
                entry: db.py
                requires: [sqlite3]
                tasks:
                  - name: "stores"
                    cases:
                      - {name: "counts rows", call: count, expect: {value: 0}}
                """;
        Map<String, Verdict> verdicts = grade(pack, spec, "import sqlite3\n\ndef count():\n    return 0\n");
        Verdict verdict = verdicts.get("counts rows");
        assertThat(verdict.status()).isEqualTo(Verdict.Status.MISSING_DEPENDENCY);
        assertThat(verdict.message()).contains("sqlite3").contains("GraalPy").contains("Install Python");
    }

    @Test
    void withoutPythonOnThePathAutoPicksGraalPyAndGradesWeekOne(@TempDir Path bin) throws IOException {
        Files.writeString(bin.resolve("README"), "no python3 here\n");
        InterpreterFinder nothing = new InterpreterFinder(Optional.empty(), Map.of("PATH", bin.toString()), List.of());
        assertThat(EngineChoice.decide("auto", nothing).engine()).isEqualTo("graalpy");
        Engine chosen = EngineChoice.choose("auto", nothing, engine.sandbox(), notice -> {});
        assertThat(chosen).isInstanceOf(GraalPyEngine.class);
        try (GraalPyEngine graalpy = (GraalPyEngine) chosen) {
            Pack pack = Pack.load(Path.of("").toAbsolutePath());
            Exercise exercise = pack.exercises().stream()
                    .filter(e -> e.id().contains("hello-input"))
                    .findFirst()
                    .orElseThrow();
            Path learner = bin.resolve("learner");
            FileUtils.copyDirectory(pack.starterDir(exercise).toFile(), learner.toFile());
            Files.copy(
                    exercise.graderDir().resolve("solution.py"),
                    learner.resolve(exercise.spec().entry()),
                    StandardCopyOption.REPLACE_EXISTING);
            GradeResult result = new Grader(graalpy).grade(exercise.spec(), pack.graders(), learner);
            assertThat(result.runWith()).startsWith("GraalPy");
            assertThat(result.verdicts()).isNotEmpty().allMatch(Verdict::passed);
        }
    }

    private static Map<String, Verdict> grade(Path pack, String spec, String learnerFile) throws IOException {
        Path graders = Files.createDirectories(pack.resolve("graders/01-stage/01-hostile"));
        Path learner = Files.createDirectories(pack.resolve("exercises/01-stage/01-hostile"));
        Files.writeString(graders.resolve("grader.yaml"), spec);
        GraderSpec parsed = SpecParser.parse(graders.resolve("grader.yaml"), "01-hostile");
        Files.writeString(learner.resolve(parsed.entry()), learnerFile);
        GradeResult result = new Grader(engine).grade(parsed, pack.resolve("graders"), learner);
        Map<String, Verdict> verdicts = new TreeMap<>();
        result.verdicts().forEach(v -> verdicts.put(v.name(), v));
        return verdicts;
    }

    private static Map<String, String> statuses(Map<String, Verdict> verdicts) {
        Map<String, String> statuses = new TreeMap<>();
        verdicts.forEach((name, v) -> statuses.put(name, v.status().label()));
        return statuses;
    }
}
