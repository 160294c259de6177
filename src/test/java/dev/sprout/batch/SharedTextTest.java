package dev.sprout.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;

class SharedTextTest {

    /** Every text a fresh copy, as two gradings make them. */
    private static Verdict verdict(String message) {
        return new Verdict(
                new String("functions"),
                1,
                new String("make_greeting() returns"),
                new String("uses Hello by default"),
                Verdict.Status.FAILED,
                0,
                1,
                false,
                new String(message),
                Optional.of(new String("'Hello, Ana!'")),
                Optional.of(new String("None")),
                new String("Hello, Ana!\n"),
                Optional.of(3),
                new String("functions.py"),
                Optional.of(new String("Use return")),
                new String("- name: uses Hello by default"),
                4,
                false);
    }

    private static GradeResult result(String message) {
        return new GradeResult(
                "functions", "Wednesday", "functions.py", Optional.empty(), List.of(verdict(message)), 22, "");
    }

    @Test
    void equalTextsOfTwoSubmissionsAreKeptOnceAndNothingElseChanges() {
        SharedText shared = new SharedText();
        GradeResult a = shared.share(result("returned None"));
        GradeResult b = shared.share(result("returned None"));
        GradeResult c = shared.share(result("printed twice"));

        assertThat(b).isEqualTo(result("returned None"));
        assertThat(c).isEqualTo(result("printed twice"));
        Verdict va = a.verdicts().get(0);
        Verdict vb = b.verdicts().get(0);
        assertThat(vb.message()).isSameAs(va.message());
        assertThat(vb.testCode()).isSameAs(va.testCode());
        assertThat(vb.hint().orElseThrow()).isSameAs(va.hint().orElseThrow());
        assertThat(vb.output()).isSameAs(va.output());
        assertThat(c.verdicts().get(0).name()).isSameAs(va.name());
        assertThat(c.verdicts().get(0).message()).isEqualTo("printed twice");
    }
}
