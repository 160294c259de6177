package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;

/** `error` only when the code could not run at all (docs/grading-in-ci.md); code that ran and failed is `fail`. */
class SubmissionStatusTest {

    @Test
    void codeThatLoopedInEveryCaseFailsAsTheSameBugDoesWhenOneCasePasses() {
        assertThat(result(verdict(Verdict.Status.TIMEOUT, false), verdict(Verdict.Status.CPU_LIMIT, false))
                        .status())
                .isEqualTo(GradeResult.Status.FAIL);
        assertThat(result(verdict(Verdict.Status.PASSED, false), verdict(Verdict.Status.TIMEOUT, false))
                        .status())
                .isEqualTo(GradeResult.Status.FAIL);
    }

    @Test
    void codeThatRaisedInEveryCallRanAndFails() {
        assertThat(result(verdict(Verdict.Status.ERROR, false), verdict(Verdict.Status.ERROR, false))
                        .status())
                .isEqualTo(GradeResult.Status.FAIL);
    }

    @Test
    void aFileThatFailsToImportEverywhereOrAMissingDependencyIsAnError() {
        assertThat(result(verdict(Verdict.Status.ERROR, true), verdict(Verdict.Status.ERROR, true))
                        .status())
                .isEqualTo(GradeResult.Status.ERROR);
        assertThat(result(verdict(Verdict.Status.MISSING_DEPENDENCY, true)).status())
                .isEqualTo(GradeResult.Status.ERROR);
        assertThat(result().status()).isEqualTo(GradeResult.Status.ERROR);
    }

    private static GradeResult result(Verdict... verdicts) {
        return new GradeResult("adder", "Adder", "adder.py", Optional.empty(), List.of(verdicts), 2, "Python");
    }

    private static Verdict verdict(Verdict.Status status, boolean couldNotRun) {
        return new Verdict(
                "adder",
                1,
                "Adding",
                "adds",
                status,
                status == Verdict.Status.PASSED ? 1 : 0,
                1,
                false,
                "",
                Optional.empty(),
                Optional.empty(),
                "",
                Optional.empty(),
                "adder.py",
                Optional.empty(),
                "",
                0,
                couldNotRun);
    }
}
