package dev.sprout.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.sprout.result.GradeResult;
import dev.sprout.result.SubmissionResult;
import dev.sprout.result.Verdict;

class GitHubReportTest {

    @Test
    void escapesWorkflowCommandDataAndProperties() {
        assertThat(GitHubReport.data("100% done\r\nnext")).isEqualTo("100%25 done%0D%0Anext");
        assertThat(GitHubReport.property("a: b, c%")).isEqualTo("a%3A b%2C c%25");
    }

    @Test
    void pointsAtTheFailingLineAndFallsBackToTheFile() {
        SubmissionResult result = new SubmissionResult(
                "",
                "exercises/01/02-x/x.py",
                new GradeResult(
                        "x",
                        "X",
                        "x.py",
                        Optional.empty(),
                        List.of(
                                verdict("adds, then: prints", Optional.of(7), false),
                                verdict("no line", Optional.empty(), false),
                                verdict("secret", Optional.of(3), true)),
                        3,
                        ""));

        assertThat(GitHubReport.annotations(List.of(result)))
                .containsExactly(
                        "::error file=exercises/01/02-x/x.py,line=7,title=x%3A adds%2C then%3A prints::wrong%0Aexpected: 5%0Agot:      4",
                        "::error file=exercises/01/02-x/x.py,title=x%3A no line::wrong%0Aexpected: 5%0Agot:      4",
                        "::error file=exercises/01/02-x/x.py,title=x%3A secret::A hidden check failed.");
    }

    @Test
    void aFileThatCannotBeReadIsAnnotatedAtItsSyntaxError() {
        GradeResult broken = new GradeResult(
                "x",
                "X",
                "x.py",
                Optional.of(new GradeResult.LoadError(
                        "Python cannot read x.py, line 2: SyntaxError",
                        "SyntaxError",
                        Optional.of(2),
                        Optional.of(5),
                        Optional.empty(),
                        "")),
                List.of(),
                4,
                "");

        assertThat(GitHubReport.annotations(List.of(new SubmissionResult("", "x.py", broken))))
                .containsExactly(
                        "::error file=x.py,line=2,col=5,title=x%3A the file could not be run::Python cannot read x.py, line 2: SyntaxError");
        assertThat(GitHubReport.summary(List.of(new SubmissionResult("", "x.py", broken))))
                .contains("| x (`x.py`) | ⚠️ error | 0/4 | Python cannot read x.py, line 2: SyntaxError |");
        assertThat(GitHubReport.outputs(List.of(new SubmissionResult("", "x.py", broken))))
                .isEqualTo("score=0\nmax_score=4\nstatus=error\n");
    }

    @Test
    void aPackageIsAnnotatedInTheFileOfItThatFailed() {
        String folder = "exercises/04-month2/04-modules-packages/inventory";
        GradeResult result = new GradeResult(
                "inventory",
                "I",
                "inventory/",
                Optional.empty(),
                List.of(
                        verdict("sums", Optional.of(7), false).inFile("inventory/report.py"),
                        verdict("secret", Optional.of(3), true).inFile("inventory/models.py"),
                        verdict("escapes", Optional.of(1), false).inFile("inventory/../../x.py")),
                3,
                "");
        GradeResult unreadable = new GradeResult(
                "inventory",
                "I",
                "inventory/",
                Optional.of(new GradeResult.LoadError(
                        "Python cannot read inventory/models.py, line 2: SyntaxError",
                        "SyntaxError",
                        Optional.of(2),
                        Optional.empty(),
                        Optional.empty(),
                        "",
                        "inventory/models.py")),
                List.of(),
                3,
                "");

        assertThat(GitHubReport.annotations(List.of(new SubmissionResult("", folder, result))))
                .containsExactly(
                        "::error file=" + folder
                                + "/report.py,line=7,title=inventory%3A sums::wrong%0Aexpected: 5%0Agot:      4",
                        "::error file=" + folder + ",title=inventory%3A secret::A hidden check failed.",
                        "::error file=" + folder
                                + ",line=1,title=inventory%3A escapes::wrong%0Aexpected: 5%0Agot:      4");
        assertThat(GitHubReport.annotations(List.of(new SubmissionResult("", folder, unreadable))))
                .containsExactly("::error file=" + folder
                        + "/models.py,line=2,title=inventory%3A the file could not be run::Python cannot read "
                        + "inventory/models.py, line 2: SyntaxError");
    }

    @Test
    void tableCellsCannotBreakTheTable() {
        GradeResult result = new GradeResult(
                "x", "X", "x.py", Optional.empty(), List.of(verdict("a | b", Optional.empty(), false)), 1, "");
        assertThat(GitHubReport.summary(List.of(new SubmissionResult("amy", "x.py", result))))
                .contains("| Student | Exercise |", "| amy | x (`x.py`) | ❌ fail | 0/1 | a \\| b: wrong |");
    }

    private static Verdict verdict(String name, Optional<Integer> line, boolean hidden) {
        return new Verdict(
                "x",
                1,
                "task",
                name,
                Verdict.Status.FAILED,
                0,
                1,
                hidden,
                "wrong",
                Optional.of("5"),
                Optional.of("4"),
                "",
                line,
                "x.py",
                Optional.empty(),
                "",
                1,
                false);
    }
}
