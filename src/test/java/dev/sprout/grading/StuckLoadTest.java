package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
 * A loop at module level stops every case that loads the file; cases that would load it the
 * same way are not run again, so a beginner's stray `while True:` costs one limit, not a minute.
 */
class StuckLoadTest {

    @TempDir
    Path pack;

    @Test
    void casesThatWouldLoadTheFileTheSameWayAreNotRunAgain() throws IOException {
        StringBuilder spec = new StringBuilder("""
                version: 1
                entry: adder.py
                limits: {cpu: 1, wall: 3}
                tasks:
                  - name: Adding
                    cases:
                """);
        for (int i = 0; i < 5; i++) {
            spec.append("      - {name: adds ")
                    .append(i)
                    .append(", call: add, args: [")
                    .append(i)
                    .append(", 1], expect: {value: ")
                    .append(i + 1)
                    .append("}, hint: \"Return a + b.\"}\n");
        }
        spec.append("""
                      - {name: with input, call: add, args: [1, 1], stdin: "go\\n", expect: {value: 2}}
                      - {name: as a program, run: {stdin: ""}, expect: {stdout: ""}}
                      - {name: as a program with input, run: {stdin: "2\\n3\\n"}, expect: {stdout: ""}}
                      - {name: with other arguments, run: {argv: [x]}, expect: {stdout: ""}}
                """);
        Path graders = Files.createDirectories(pack.resolve("graders/01-stage/01-adder"));
        Files.writeString(graders.resolve("grader.yaml"), spec);
        Path learner = Files.createDirectories(pack.resolve("exercises/01-stage/01-adder"));
        Files.writeString(learner.resolve("adder.py"), """
                total = 0
                while True:
                    total += 1

                def add(a, b):
                    return a + b
                """);
        GraderSpec parsed = SpecParser.parse(graders.resolve("grader.yaml"), "adder");
        Grader grader = new Grader(
                new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()), Sandboxes.choose("auto")));

        GradeResult result = grader.grade(parsed, pack.resolve("graders"), learner);

        List<Verdict> verdicts = result.verdicts();
        assertThat(verdicts).hasSize(9).noneMatch(Verdict::passed);
        Verdict first = verdicts.get(0);
        assertThat(first.status()).isIn(Verdict.Status.CPU_LIMIT, Verdict.Status.TIMEOUT);
        assertThat(first.message()).contains("__main__").doesNotStartWith("Not run");
        assertThat(first.hint())
                .as("a hint about the answer, when the code never answered")
                .isEmpty();
        assertThat(verdicts.subList(1, 5)).allSatisfy(v -> {
            assertThat(v.status()).isEqualTo(first.status());
            assertThat(v.message()).startsWith("Not run: loading your file never finished in \"adds 0\"");
            assertThat(v.points()).isZero();
        });
        // other input for a call, or the file run as a program: these still run
        assertThat(verdicts.get(5).message()).doesNotStartWith("Not run");
        assertThat(verdicts.get(6).message()).doesNotStartWith("Not run");
        // the program read none of its input before it got stuck: other input cannot help it
        assertThat(verdicts.get(7).message())
                .startsWith("Not run: your program never finished in \"as a program\", before it even read its input");
        // other arguments may change what it does: it runs
        assertThat(verdicts.get(8).message()).doesNotStartWith("Not run");
    }

    @Test
    void aProgramThatReadItsInputBeforeGettingStuckRunsWithEveryInput() throws IOException {
        Path graders = Files.createDirectories(pack.resolve("graders/01-stage/01-greeter"));
        Files.writeString(graders.resolve("grader.yaml"), """
                version: 1
                entry: greeter.py
                limits: {cpu: 1, wall: 3}
                tasks:
                  - name: Greeting
                    cases:
                      - {name: ana, run: {stdin: "Ana\\n"}, expect: {stdout: "Hi Ana\\n"}}
                      - {name: bo, run: {stdin: "Bo\\n"}, expect: {stdout: "Hi Bo\\n"}}
                """);
        Path learner = Files.createDirectories(pack.resolve("exercises/01-stage/01-greeter"));
        Files.writeString(learner.resolve("greeter.py"), """
                name = input()
                while name:
                    pass
                """);
        GraderSpec parsed = SpecParser.parse(graders.resolve("grader.yaml"), "greeter");
        Grader grader = new Grader(
                new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()), Sandboxes.choose("auto")));

        GradeResult result = grader.grade(parsed, pack.resolve("graders"), learner);

        assertThat(result.verdicts()).hasSize(2).allSatisfy(v -> {
            assertThat(v.status()).isIn(Verdict.Status.CPU_LIMIT, Verdict.Status.TIMEOUT);
            assertThat(v.message()).doesNotStartWith("Not run");
        });
    }
}
