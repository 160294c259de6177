package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.sprout.catalog.Exercise;
import dev.sprout.catalog.Pack;
import dev.sprout.result.GradeResult;
import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.GraalPyEngine;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.Sandboxes;

/**
 * Parity: every exercise's reference solution and known-bad submission gets the same verdict,
 * case by case, from GraalPy as from CPython. An exercise that requires a module GraalPy lacks
 * (Flask) is declared unsupported there: every case must say missing-dependency, never a
 * wrong verdict about the learner's code.
 *
 * <p>Fixtures grade two at a time (two GraalPy workers; GraalPy dominates the cost, ~0.1 s a
 * case interpreted), which keeps the class near 3 minutes on 2 cores.
 */
class EngineParityTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final int THREADS = 2;
    private static CPythonEngine cpythonEngine;
    private static GraalPyEngine graalpyEngine;
    private static ThreadLocal<Grader[]> graders;
    private static ExecutorService pool;
    private static final Map<Path, Future<GradeResult[]>> RESULTS = new ConcurrentHashMap<>();
    private static Pack pack;
    private static Path scratch;

    @BeforeAll
    static void startEngines() throws IOException {
        Sandbox sandbox = Sandboxes.choose("auto");
        cpythonEngine = new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()), sandbox);
        graalpyEngine = new GraalPyEngine(sandbox, notice -> {});
        // a Grader (its JUnit Launcher) per thread, as batch grading does; workers are per session
        graders = ThreadLocal.withInitial(() -> new Grader[] {new Grader(cpythonEngine), new Grader(graalpyEngine)});
        scratch = Files.createTempDirectory("sprout-parity-");
        pack = Pack.load(REPO);
        pool = Executors.newFixedThreadPool(THREADS);
        for (Exercise exercise :
                pack.exercises().stream().filter(GraderSelfTest::selected).toList()) {
            for (Path fixture : fixtures(exercise)) {
                RESULTS.put(fixture, pool.submit(() -> {
                    GradeResult onGraalPy = grade(graders.get()[1], pack, exercise, fixture);
                    // CPython's verdicts are compared only where GraalPy could run the exercise at all
                    GradeResult onCPython = statuses(onGraalPy).containsValue("missing-dependency")
                            ? null
                            : grade(graders.get()[0], pack, exercise, fixture);
                    return new GradeResult[] {onCPython, onGraalPy};
                }));
            }
        }
    }

    @AfterAll
    static void stopEngines() {
        pool.shutdownNow();
        graalpyEngine.close();
        FileUtils.deleteQuietly(scratch.toFile());
    }

    @TestFactory
    Stream<DynamicContainer> bothEnginesJudgeEveryFixtureAlike() {
        return pack.exercises().stream()
                .filter(GraderSelfTest::selected)
                .map(exercise -> DynamicContainer.dynamicContainer(
                        exercise.id(),
                        fixtures(exercise).stream()
                                .map(fixture -> DynamicTest.dynamicTest(
                                        REPO.relativize(fixture).toString(),
                                        () -> compare(
                                                exercise, RESULTS.get(fixture).get())))));
    }

    private static void compare(Exercise exercise, GradeResult[] results) {
        GradeResult onCPython = results[0];
        GradeResult onGraalPy = results[1];
        Map<String, String> graal = statuses(onGraalPy);
        if (graal.values().stream().anyMatch("missing-dependency"::equals)) {
            assertThat(!exercise.spec().requires().isEmpty() || exercise.spec().isPackage() || servesHttpOnly(exercise))
                    .as("only exercises that require a module, whose code is a package, or whose every case serves "
                            + "HTTP (CPython only), may miss one")
                    .isTrue();
            assertThat(graal.values())
                    .as("an exercise GraalPy cannot run is missing-dependency throughout")
                    .containsOnly("missing-dependency");
            return;
        }
        assertThat(graal)
                .as("verdicts on GraalPy vs CPython\n" + details(onGraalPy))
                .isEqualTo(statuses(onCPython));
    }

    /** GraalPy's sandbox has no sockets: an exercise made of http cases only cannot run there. */
    private static boolean servesHttpOnly(Exercise exercise) {
        return exercise.spec().tasks().stream()
                .flatMap(t -> t.cases().stream())
                .allMatch(c -> c.action() instanceof dev.sprout.spec.Action.Http);
    }

    private static GradeResult grade(Grader grader, Pack pack, Exercise exercise, Path fixture) throws IOException {
        Path learnerDir = Files.createTempDirectory(scratch, exercise.id() + "-");
        FileUtils.copyDirectory(pack.starterDir(exercise).toFile(), learnerDir.toFile());
        GraderSelfTest.place(exercise, fixture, learnerDir);
        return grader.grade(exercise.spec(), pack.graders(), learnerDir);
    }

    private static Map<String, String> statuses(GradeResult result) {
        Map<String, String> statuses = new TreeMap<>();
        result.loadError().ifPresent(error -> statuses.put("*load error*", error.type()));
        result.verdicts().forEach(v -> statuses.put(v.name(), v.status().label()));
        return statuses;
    }

    private static String details(GradeResult result) {
        return result.verdicts().stream()
                .filter(v -> !v.passed())
                .map(v -> v.name() + " [" + v.status().label() + "]: " + v.message() + "\n  output: " + v.output())
                .collect(Collectors.joining("\n"));
    }

    private static List<Path> fixtures(Exercise exercise) {
        List<Path> fixtures = new ArrayList<>(List.of(GraderSelfTest.solution(exercise)));
        fixtures.addAll(GraderSelfTest.badSubmissions(exercise));
        return fixtures;
    }
}
