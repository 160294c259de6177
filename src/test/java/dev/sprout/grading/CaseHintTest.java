package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.sprout.result.Verdict;
import dev.sprout.runner.Observation;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;
import dev.sprout.value.PyValue;

/** A case's hint is about its answer: shown for a wrong answer, not when the code never finished. */
class CaseHintTest {

    private final GraderSpec spec = SpecParser.parse(Path.of("grader.yaml"), "adder", """
            version: 1
            entry: adder.py
            tasks:
              - name: Adding
                cases:
                  - {name: adds, call: add, args: [2, 3], expect: {value: 5}, hint: "Return a + b."}
            """);
    private final Case adds = spec.cases().findFirst().orElseThrow();
    private final CaseContext context = new CaseContext(adds, 1, "Adding", Limits.DEFAULTS);
    private final CaseGrader grader = new CaseGrader("adder", "adder.py");

    @Test
    void aWrongAnswerGetsTheHint() {
        Verdict verdict = grader.grade(
                context,
                observation(Observation.Status.RETURNED, Optional.of(new PyValue.PyInt(BigInteger.valueOf(6)))),
                List.of());

        assertThat(verdict.status()).isEqualTo(Verdict.Status.FAILED);
        assertThat(verdict.hint()).contains("Return a + b.");
    }

    @Test
    void codeThatNeverFinishedGetsNoHintAboutTheAnswer() {
        Verdict verdict = grader.grade(context, observation(Observation.Status.TIMEOUT, Optional.empty()), List.of());

        assertThat(verdict.status()).isEqualTo(Verdict.Status.TIMEOUT);
        assertThat(verdict.hint()).isEmpty();
    }

    private static Observation observation(Observation.Status status, Optional<PyValue> value) {
        return new Observation(
                status,
                value,
                Optional.empty(),
                OptionalInt.empty(),
                "",
                "",
                false,
                false,
                Map.of(),
                List.of(),
                Optional.empty(),
                false,
                5,
                OptionalLong.empty(),
                false,
                Observation.StubLog.NONE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }
}
