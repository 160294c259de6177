package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;
import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Sandboxes;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;

/**
 * Generated cases, graded for real: generators.py makes the arguments and the reference solution
 * answers them in a sandbox of its own; the learner's call gets the arguments only.
 */
class GeneratedCasesTest {

    private static final String SPEC = """
            version: 1
            entry: mathy.py
            limits: {cpu: 2, wall: 5}
            tasks:
              - name: Math
                cases:
                  - name: halves
                    generate: {function: numbers, count: 6, seed: 4}
                    call: half
                    hidden: true
                  - name: roots
                    generate: {function: squares, count: 3, seed: 1}
                    call: root
                    expect: {from_reference: true, abs_tol: 1e-3}
                  - name: no answers nearby
                    call: nothing_to_peek_at
                    expect: {value: true}
            """;

    private static final String GENERATORS = """
            def numbers(rng, count):
                # one in three is odd: the reference raises ValueError for those
                return [[rng.randint(0, 50) * 2 + (1 if i % 3 == 2 else 0)] for i in range(count)]

            def squares(rng, count):
                return [[float(rng.randint(2, 99))] for _ in range(count)]
            """;

    private static final String REFERENCE = """
            def half(n):
                if n % 2:
                    raise ValueError("odd")
                return n // 2

            def root(x):
                return x ** 0.5

            def nothing_to_peek_at():
                return True
            """;

    private static Grader grader;

    @TempDir
    Path pack;

    @BeforeAll
    static void startGrader() {
        grader = new Grader(
                new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()), Sandboxes.choose("auto")));
    }

    @Test
    void aCorrectSubmissionPassesEveryGeneratedCaseAndSeesNoAnswers() throws IOException {
        GradeResult result = grade(GENERATORS, REFERENCE, """
                import importlib.util, os

                def half(n):
                    if n % 2 == 1:
                        raise ValueError("not even")
                    return n // 2

                def root(x):
                    return round(x ** 0.5, 4)

                def nothing_to_peek_at():
                    # neither the generators nor the reference are in the learner's sandbox
                    return importlib.util.find_spec("generators") is None and not any(
                        "generators" in name or "solution" in name for name in os.listdir("."))
                """);

        assertThat(result.verdicts())
                .extracting(Verdict::name)
                .containsExactly(
                        "halves #1",
                        "halves #2",
                        "halves #3",
                        "halves #4",
                        "halves #5",
                        "halves #6",
                        "roots #1",
                        "roots #2",
                        "roots #3",
                        "no answers nearby");
        assertThat(result.verdicts()).as(describe(result)).allMatch(Verdict::passed);
    }

    @Test
    void aWrongSubmissionFailsTheGeneratedCasesItGetsWrong() throws IOException {
        GradeResult result = grade(GENERATORS, REFERENCE, """
                def half(n):
                    return n // 2      # never raises for odd numbers

                def root(x):
                    return x ** 0.5 + 0.01   # not within abs_tol 1e-3

                def nothing_to_peek_at():
                    return True
                """);

        assertThat(status(result, "halves #1")).isEqualTo(Verdict.Status.PASSED);
        assertThat(status(result, "halves #3")).isEqualTo(Verdict.Status.FAILED);
        assertThat(verdict(result, "halves #3").message()).contains("ValueError");
        assertThat(status(result, "halves #6")).isEqualTo(Verdict.Status.FAILED);
        assertThat(result.verdicts().stream().filter(v -> v.name().startsWith("roots")))
                .as(describe(result))
                .noneMatch(Verdict::passed);
        assertThat(verdict(result, "roots #1").message()).contains("root(");
    }

    @Test
    void aBrokenGeneratorIsTheGradersFaultNotTheLearners() throws IOException {
        GradeResult result = grade(
                GENERATORS.replace("return [[float", "raise RuntimeError('oops')\n    return [[float"),
                REFERENCE,
                REFERENCE);

        Verdict roots = verdict(result, "roots #2");
        assertThat(roots.status()).isEqualTo(Verdict.Status.ERROR);
        assertThat(roots.message())
                .contains("generators.py's squares()")
                .contains("RuntimeError: oops")
                .contains("not in your code");
        assertThat(status(result, "halves #1")).as("another block still works").isEqualTo(Verdict.Status.PASSED);
    }

    @Test
    void aReferenceThatNeverAnswersIsTheGradersFault() throws IOException {
        GradeResult result =
                grade(GENERATORS, REFERENCE.replace("return x ** 0.5", "while True:\n        pass"), REFERENCE);

        Verdict roots = verdict(result, "roots #1");
        assertThat(roots.status()).isEqualTo(Verdict.Status.ERROR);
        assertThat(roots.message())
                .contains("the reference solution's root(")
                .contains("ran out of time")
                .contains("problem in the exercise's grader");
    }

    private GradeResult grade(String generators, String reference, String learner) throws IOException {
        Path graders = Files.createDirectories(pack.resolve("graders/01-stage/01-mathy"));
        Files.writeString(graders.resolve("grader.yaml"), SPEC);
        Files.writeString(graders.resolve("generators.py"), generators);
        Files.writeString(graders.resolve("solution.py"), reference);
        Path exercise = Files.createDirectories(pack.resolve("exercises/01-stage/01-mathy"));
        Files.writeString(exercise.resolve("mathy.py"), "");
        Path learnerDir = Files.createDirectories(pack.resolve("learner"));
        Files.writeString(learnerDir.resolve("mathy.py"), learner);
        GraderSpec spec = SpecParser.parse(graders.resolve("grader.yaml"), "mathy");
        return grader.grade(spec, pack.resolve("graders"), learnerDir);
    }

    private static Verdict verdict(GradeResult result, String name) {
        return result.verdicts().stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Verdict.Status status(GradeResult result, String name) {
        return verdict(result, name).status();
    }

    private static String describe(GradeResult result) {
        StringBuilder out = new StringBuilder();
        result.verdicts()
                .forEach(v -> out.append(v.name())
                        .append(" [")
                        .append(v.status().label())
                        .append("]: ")
                        .append(v.message())
                        .append('\n'));
        return out.toString();
    }
}
