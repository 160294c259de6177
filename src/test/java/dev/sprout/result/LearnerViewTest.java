package dev.sprout.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LearnerViewTest {

    private static Verdict hidden(boolean couldNotRun) {
        return new Verdict(
                "x",
                1,
                "task",
                "secret",
                Verdict.Status.ERROR,
                0,
                2,
                true,
                "NameError: name 'expected_total' is not defined",
                Optional.of("42"),
                Optional.of("41"),
                "printed",
                Optional.of(3),
                "x.py",
                Optional.of("a hint"),
                "total([1, 2])",
                5,
                couldNotRun);
    }

    @Test
    void aHiddenVerdictKeepsNameStatusPointsAndWhetherTheCodeCouldRunOnly() {
        Verdict shown = LearnerView.of(hidden(true));

        assertThat(shown.name()).isEqualTo("secret");
        assertThat(shown.status()).isEqualTo(Verdict.Status.ERROR);
        assertThat(shown.maxPoints()).isEqualTo(2);
        assertThat(shown.message()).isEmpty();
        assertThat(shown.expected()).isEmpty();
        assertThat(shown.actual()).isEmpty();
        assertThat(shown.output()).isEmpty();
        assertThat(shown.testCode()).isEmpty();
        // the submission's status (error vs fail) must be the same in every report
        assertThat(shown.couldNotRun()).isTrue();
        assertThat(LearnerView.of(hidden(false)).couldNotRun()).isFalse();
    }
}
