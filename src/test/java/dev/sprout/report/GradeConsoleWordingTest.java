package dev.sprout.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.sprout.result.GradeResult;
import dev.sprout.result.SubmissionResult;

/** In CI and batch reports the reader pushes a fix; only the keyboard report says "submit". */
class GradeConsoleWordingTest {

    private static final GradeResult SYNTAX_ERROR = new GradeResult(
            "calculator",
            "Calculator",
            "calculator.py",
            Optional.of(new GradeResult.LoadError(
                    "SyntaxError: expected ':'", "SyntaxError", Optional.of(2), Optional.of(17), Optional.empty(), "")),
            List.of(),
            31,
            "");

    @Test
    void gradesConsoleReportDoesNotTellTheReaderToSubmit() {
        String text = new BatchConsoleReport(Style.plain())
                .render(List.of(new SubmissionResult("", "calculator.py", SYNTAX_ERROR)), false, "0.1 s");

        assertThat(text).contains("Fix that line (2) and check again.").doesNotContain("submit");
    }

    @Test
    void submitsConsoleReportStillSaysSubmitAgain() {
        StringWriter out = new StringWriter();
        new ConsoleReport(Style.plain(), 0).print(SYNTAX_ERROR, new PrintWriter(out));

        assertThat(out.toString()).contains("Fix that line (2) and submit again.");
    }
}
