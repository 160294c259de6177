package dev.sprout.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

import dev.sprout.result.GradeResult;
import dev.sprout.result.SubmissionResult;
import dev.sprout.result.Verdict;

/** Learner-chosen text in every human-facing medium stays text: no commands, escapes, markup or formulas. */
class HostileTextTest {

    /** What learner code can raise or print, and a student can name a folder. */
    private static final String HOSTILE = "boom\n::notice title=pwned::owned\n  ::set-output name=score::100\n"
            + "::stop-commands::TOKEN\n##[set-output name=status;]pass\n\u001b[2J\u001b]0;title\u0007red\rover\u0000"
            + " <img src=x onerror=alert(1)> [link](http://evil) | `code` **bold** $x$ &amp;";

    @Test
    void terminalTextShowsControlCharactersInsteadOfObeyingThem() {
        String shown = Escape.terminal("a\u001b[31mb\rc\u0007\u009b\u202eevil\n\tnext");

        assertThat(shown).isEqualTo("a␛[31mb␍c␇\\u009b\\u202eevil\n\tnext");
    }

    @Test
    void noLineOfAWorkflowLogStartsACommand() {
        String log = Escape.workflowLog("ok\n::notice::x\n    ::set-output name=a::b\n##[error]y\nfine ::x\n");

        assertThat(log).isEqualTo("ok\n› ::notice::x\n    › ::set-output name=a::b\n› ##[error]y\nfine ::x\n");
    }

    @Test
    void consoleReportOfAHostileFailureHasNoControlCharactersAndUnderActionsNoCommandLines() throws Exception {
        SubmissionResult hostile = submission(HOSTILE, "::error title=x::y\n::notice::z");
        StringWriter text = new StringWriter();
        ConsoleReport.forGrade(Style.plain()).print(hostile.result(), new PrintWriter(text));

        assertThat(text.toString())
                .doesNotContain("\u001b", "\u0007", "\r", "\u0000")
                .contains("␛[2J", "␍over");
        String log =
                Escape.workflowLog(new BatchConsoleReport(Style.plain()).render(List.of(hostile), true, "1 s") + text);
        assertThat(log.lines())
                .noneMatch(l ->
                        l.stripLeading().startsWith("::") || l.stripLeading().startsWith("##["));
        assertThat(log).contains("› ::error title=x::y␊::notice::z/x");
    }

    @Test
    void annotationsEscapeEverythingTheRunnerReads() {
        List<String> lines = GitHubReport.annotations(List.of(submission(HOSTILE, "::error title=x::y,z")));

        assertThat(lines).hasSize(1);
        String line = lines.get(0);
        assertThat(line).startsWith("::error file=exercises/x.py,title=%3A%3Aerror title=x%3A%3Ay%2Cz/x%3A case::");
        assertThat(line)
                .doesNotContain("\n", "\r", "\u001b", "\u0007", "\u0000")
                .contains("%0A%3A%3Anotice".replace("%3A", ":"), "␛[2J");
    }

    @Test
    void theJobSummaryIsMarkdownTextWithoutHtmlOrFormatting() {
        String md = GitHubReport.summary(List.of(submission(
                "<img src=x onerror=alert(1)> [link](http://evil) | `code` **bold** $x$ &amp;\n" + HOSTILE,
                "<b>amy</b>|x")));
        String row = md.lines().filter(l -> l.contains("amy")).findFirst().orElseThrow();

        assertThat(row)
                .contains(
                        "&lt;b&gt;amy&lt;/b&gt;\\|x",
                        "&lt;img src=x onerror=alert(1)&gt;",
                        "\\[link\\]",
                        "\\`code\\`",
                        "\\*\\*bold\\*\\*",
                        "\\$x\\$",
                        "&amp;amp;");
        assertThat(row).doesNotContain("<", "\u001b", "\r");
        // the table keeps its five cells: every pipe from learner text is escaped
        assertThat(row.split("(?<!\\\\)\\|", -1)).hasSize(7);
        assertThat(md.lines()).noneMatch(l -> l.startsWith("::"));
    }

    @Test
    void csvCellsNeverStartAFormula() {
        for (String name : List.of("=cmd", "+1", "-1", "@sum", "\tcalc", "\rcalc")) {
            String csv = CsvReport.write(List.of(submission("x", name)));
            String cell = csv.lines().skip(1).findFirst().orElseThrow();
            assertThat(cell.replaceFirst("^\"", "")).as(name).startsWith("'");
        }
    }

    @Test
    void junitSuiteNamesStayWellFormedXml() throws Exception {
        String suite = "<testsuite name=\"x\" tests=\"1\" failures=\"0\" errors=\"0\"/>";
        String xml = JUnitSuites.combine(List.of(new JUnitSuites.Suite("amy\u001b[31m\u0000\ufffe/x", suite)));

        var document =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        assertThat(document.getElementsByTagName("testsuite")
                        .item(0)
                        .getAttributes()
                        .getNamedItem("name")
                        .getNodeValue())
                .isEqualTo("amy␛[31m␀\uFFFD/x");
    }

    private static SubmissionResult submission(String message, String student) {
        Verdict verdict = new Verdict(
                "x",
                1,
                "task",
                "case",
                Verdict.Status.ERROR,
                0,
                1,
                false,
                message,
                Optional.of(message),
                Optional.of(message + "\nsecond"),
                message,
                Optional.empty(),
                "x.py",
                Optional.empty(),
                "",
                1,
                false);
        return new SubmissionResult(
                student,
                "exercises/x.py",
                new GradeResult("x", "X", "x.py", Optional.empty(), List.of(verdict), 1, ""));
    }
}
