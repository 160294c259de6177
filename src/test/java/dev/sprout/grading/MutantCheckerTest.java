package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.sprout.result.Verdict;
import dev.sprout.runner.Observation;
import dev.sprout.runner.TestRun;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;

/**
 * The rules of tests cases that span cases or concern what is never shown (the one-observation rules
 * are rows of {@link GradingPolicyTest}): a mutant counts as caught only by a test that passes on the
 * real module, and nothing a mutant's run printed, raised or stopped at reaches the learner.
 */
class MutantCheckerTest {

    private static final GraderSpec SPEC = SpecParser.parse(Path.of("grader.yaml"), "cart", """
            version: 1
            entry: test_cart.py
            module: cart.py
            tasks:
              - name: Testing
                cases:
                  - {name: real, tests: {}}
                  - {name: empty, tests: {mutant: mutants/empty.py}, describe: "your tests do not check an empty cart"}
            """);

    private static final String MUTANT_SOURCE = "    if amount < FREE_SHIPPING_FROM:  # the bug";

    private final CaseGrader grader = new CaseGrader("cart", "test_cart.py");

    @Test
    void aTestThatFailsOnTheRealModuleTooCatchesNoMutant() {
        grade("real", run(test("test_total", "failed"), test("test_count", "passed")));

        Verdict verdict = grade("empty", run(test("test_total", "failed"), test("test_count", "passed")));

        assertThat(verdict.status()).isEqualTo(Verdict.Status.FAILED);
        assertThat(verdict.message())
                .isEqualTo("Against a broken cart.py only a test that also fails against the real one failed, so your "
                        + "tests cannot tell the two apart: your tests do not check an empty cart. Fix the tests that "
                        + "fail on the real module first, then add one for this.");
    }

    @Test
    void aTestThatPassesOnTheRealModuleAndFailsOnTheMutantCatchesIt() {
        grade("real", run(test("test_total", "failed"), test("test_empty", "passed")));

        Verdict verdict = grade("empty", run(test("test_total", "failed"), test("test_empty", "failed")));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.points()).isEqualTo(1);
    }

    @Test
    void nothingAMutantRunPrintedRaisedOrStoppedAtIsShown() {
        List<Observation> runs = List.of(
                observation(
                        Observation.Status.RETURNED,
                        new TestRun("pytest", List.of(test("test_total", "passed")), 0, Optional.empty()),
                        MUTANT_SOURCE),
                observation(
                        Observation.Status.RETURNED,
                        new TestRun("pytest", List.of(), 0, Optional.of(MUTANT_SOURCE)),
                        MUTANT_SOURCE),
                observation(Observation.Status.TIMEOUT, Optional.empty(), MUTANT_SOURCE),
                observation(Observation.Status.RAISED, Optional.empty(), MUTANT_SOURCE),
                observation(Observation.Status.CRASHED, Optional.empty(), MUTANT_SOURCE),
                observation(Observation.Status.OUTPUT_LIMIT, Optional.empty(), MUTANT_SOURCE));

        for (Observation o : runs) {
            Verdict verdict = grade("empty", o);
            assertThat(verdict.passed()).as(o.status().wire()).isFalse();
            assertThat(verdict.message() + verdict.output() + verdict.expected() + verdict.actual())
                    .as(o.status().wire())
                    .doesNotContain("FREE_SHIPPING")
                    .doesNotContain("the bug");
            assertThat(verdict.line()).as(o.status().wire()).isEmpty();
        }
    }

    private Verdict grade(String name, Observation o) {
        Case testCase = SPEC.caseNamed(name).orElseThrow();
        return grader.grade(new CaseContext(testCase, 1, "Testing", Limits.DEFAULTS), o, List.of());
    }

    private static TestRun.Test test(String name, String outcome) {
        return new TestRun.Test(name, outcome, outcome.equals("failed") ? "assert 1 == 2" : "", OptionalInt.of(4));
    }

    private static Observation run(TestRun.Test... tests) {
        return observation(
                Observation.Status.RETURNED,
                Optional.of(new TestRun("pytest", List.of(tests), 0, Optional.empty())),
                "");
    }

    private static Observation observation(Observation.Status status, TestRun run, String printed) {
        return observation(status, Optional.of(run), printed);
    }

    private static Observation observation(Observation.Status status, Optional<TestRun> run, String printed) {
        Optional<Observation.PythonError> error = status == Observation.Status.RETURNED
                ? Optional.empty()
                : Optional.of(new Observation.PythonError(
                        "SyntaxError",
                        List.of("SyntaxError", "Exception"),
                        printed,
                        OptionalInt.of(7),
                        Optional.of("cart.py"),
                        Optional.of(printed),
                        OptionalInt.empty(),
                        printed));
        return new Observation(
                status,
                Optional.empty(),
                error,
                OptionalInt.empty(),
                printed,
                printed,
                false,
                false,
                Map.of(),
                new ArrayList<>(),
                status == Observation.Status.TIMEOUT
                        ? Optional.of(new Observation.Where(7, printed))
                        : Optional.empty(),
                false,
                5,
                OptionalLong.empty(),
                false,
                Observation.StubLog.NONE,
                Optional.empty(),
                Optional.empty(),
                run,
                List.of());
    }
}
