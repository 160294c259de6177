package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
import dev.sprout.result.Verdict;
import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Sandboxes;

/**
 * The build's check of every grader in the repository: the reference solution passes every
 * case, each known-bad submission fails exactly the cases it declares, and the starter does
 * not pass. Graded for real, through the same path as `sprout submit`.
 */
class GraderSelfTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static Grader grader;
    private static Path scratch;

    @BeforeAll
    static void startGrader() throws IOException {
        grader = new Grader(
                new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()), Sandboxes.choose("auto")));
        scratch = Files.createTempDirectory("sprout-selftest-");
    }

    @AfterAll
    static void cleanUp() {
        FileUtils.deleteQuietly(scratch.toFile());
    }

    @TestFactory
    Stream<DynamicContainer> everyGraderJudgesItsFixturesCorrectly() {
        Pack pack = Pack.load(REPO);
        assertThat(pack.exercises()).as("exercises in the repository").isNotEmpty();
        return pack.exercises().stream()
                .filter(GraderSelfTest::selected)
                .map(exercise -> DynamicContainer.dynamicContainer(exercise.id(), fixtures(pack, exercise)));
    }

    private Stream<DynamicTest> fixtures(Pack pack, Exercise exercise) {
        List<DynamicTest> tests = new ArrayList<>();
        Path starter = pack.starterDir(exercise).resolve(exercise.spec().entry());
        Path solution = solution(exercise);
        tests.add(DynamicTest.dynamicTest("reference solution passes every case", () -> {
            GradeResult result = grade(pack, exercise, solution);
            assertThat(failures(result)).as(describe(result)).isEmpty();
            assertThat(result.verdicts()).hasSize((int) exercise.spec().cases().count());
        }));
        tests.add(DynamicTest.dynamicTest(
                "starter does not pass",
                () -> assertThat(grade(pack, exercise, starter).passed())
                        .as("the starter passes")
                        .isFalse()));
        List<Path> bad = badSubmissions(exercise);
        tests.add(DynamicTest.dynamicTest(
                "ships at least three known-bad submissions",
                () -> assertThat(bad).hasSizeGreaterThanOrEqualTo(3)));
        for (Path submission : bad) {
            tests.add(DynamicTest.dynamicTest(
                    "bad/" + submission.getFileName() + (Files.isDirectory(submission) ? "/" : "")
                            + " fails exactly its declared cases",
                    () -> {
                        Set<String> declared = declaredFailures(exercise, submission);
                        GradeResult result = grade(pack, exercise, submission);
                        assertThat(failures(result)).as(describe(result)).isEqualTo(declared);
                    }));
        }
        return tests.stream();
    }

    /** `-Dsprout.exercises=id,id` checks only those exercises (for a quick check while writing one). */
    static boolean selected(Exercise exercise) {
        String only = System.getProperty("sprout.exercises", "");
        return only.isBlank() || List.of(only.split(",")).contains(exercise.id());
    }

    private static GradeResult grade(Pack pack, Exercise exercise, Path submission) throws IOException {
        Path learnerDir = Files.createTempDirectory(scratch, exercise.id() + "-");
        FileUtils.copyDirectory(pack.starterDir(exercise).toFile(), learnerDir.toFile());
        place(exercise, submission, learnerDir);
        return grader.grade(exercise.spec(), pack.graders(), learnerDir);
    }

    /** The reference solution: solution.py, or for a package entry the folder solution/ (the package's files). */
    static Path solution(Exercise exercise) {
        return exercise.solution();
    }

    /**
     * Puts a fixture where the learner's code goes: a file over the entry file, a folder
     * (solution/, bad/NAME/) as the whole package folder, replacing the starter's, or, for a
     * single-file exercise, a folder laid over the exercise folder (the entry file and the
     * templates/ it renders replace the starter's).
     */
    static void place(Exercise exercise, Path fixture, Path learnerDir) throws IOException {
        Path target = learnerDir.resolve(exercise.spec().entryPath());
        if (Files.isDirectory(fixture) && !exercise.spec().isPackage()) {
            assertThat(fixture.resolve(exercise.spec().entry()))
                    .as("a fixture folder of a single-file exercise holds its entry file")
                    .isRegularFile();
            FileUtils.copyDirectory(fixture.toFile(), learnerDir.toFile());
        } else if (Files.isDirectory(fixture)) {
            if (!fixture.toAbsolutePath()
                    .normalize()
                    .equals(target.toAbsolutePath().normalize())) {
                FileUtils.deleteDirectory(target.toFile());
                FileUtils.copyDirectory(fixture.toFile(), target.toFile());
            }
        } else {
            Files.copy(fixture, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Set<String> failures(GradeResult result) {
        if (result.loadError().isPresent()) {
            return Set.of("*load error*: " + result.loadError().get().message());
        }
        return result.verdicts().stream()
                .filter(v -> !v.passed())
                .map(Verdict::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(GradeResult result) {
        return result.verdicts().stream()
                .filter(v -> !v.passed())
                .map(v -> v.name() + " [" + v.status().label() + "]: " + v.message() + "\n  output: " + v.output())
                .collect(Collectors.joining("\n"));
    }

    /**
     * bad/*.py, or for a package entry the folders bad/NAME/ (each a whole package); a single-file
     * exercise may also have folders bad/NAME/ holding its entry file and the files beside it.
     */
    static List<Path> badSubmissions(Exercise exercise) {
        Path dir = exercise.graderDir().resolve("bad");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        boolean folders = exercise.spec().isPackage();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> folders
                            ? Files.isDirectory(p)
                            : p.toString().endsWith(exercise.entryExtension())
                                    || Files.isRegularFile(
                                            p.resolve(exercise.spec().entry())))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code # must-fail: a, b} header ({@code -- must-fail:} in .sql files); {@code *} means
     * every case. A bad package folder carries it in its {@code __init__.py}, a bad folder of a
     * single-file exercise in its entry file.
     */
    static Set<String> declaredFailures(Exercise exercise, Path submission) throws IOException {
        String marker = exercise.commentMarker() + " must-fail:";
        Path header = !Files.isDirectory(submission)
                ? submission
                : submission.resolve(
                        exercise.spec().isPackage()
                                ? "__init__.py"
                                : exercise.spec().entry());
        for (String line : Files.readAllLines(header)) {
            String trimmed = line.strip();
            if (trimmed.startsWith(marker)) {
                String list = trimmed.substring(marker.length()).strip();
                Set<String> names = list.equals("*")
                        ? exercise.spec().cases().map(c -> c.name()).collect(Collectors.toSet())
                        : Arrays.stream(list.split(","))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .collect(Collectors.toSet());
                for (String name : names) {
                    assertThat(exercise.spec().caseNamed(name))
                            .as(submission + " names a case that does not exist: " + name)
                            .isPresent();
                }
                return new TreeSet<>(names);
            }
        }
        throw new AssertionError(submission + " has no '" + marker + "' line saying which cases it fails");
    }
}
