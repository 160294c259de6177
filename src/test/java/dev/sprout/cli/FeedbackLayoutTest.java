package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How submit lays a verdict out: what was printed apart from Python's error report, a repeated cause once, wrapping. */
class FeedbackLayoutTest {

    private static final String HELLO = "exercises/01-week1/01-hello-input/hello.py";

    @TempDir
    Path ws;

    @Test
    void aTracebackIsPythonsErrorReportNotPrintedOutputAndARepeatedCauseIsShownOnce() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        Files.writeString(ws.resolve(HELLO), "name = input()\nprint('Hi', name)\nage = int('x')\n");

        CliRun run = CliRun.withEnvironment(ws, Map.of("COLUMNS", ""), "submit", "hello-input");

        String out = run.out();
        assertThat(out)
                .as(out)
                .contains("Your code printed:\n        │ Hi Ana\n      Python's error report:\n"
                        + "        │ Traceback (most recent call last):");
        assertThat(out.indexOf("Traceback")).isGreaterThan(out.indexOf("Python's error report:"));
        // the second case fails the same way: its cause is not repeated, what it printed is
        assertThat(out)
                .contains("✗ greets a two-word name [error]\n      Same error as above.\n"
                        + "      Your code printed:\n        │ Hi Mary Jane\n");
        assertThat(out.split("Traceback", -1)).hasSize(2);
    }

    @Test
    void aLinePrintedOverAndOverIsShownOnceWithItsCount() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        Files.writeString(ws.resolve(HELLO), "while True:\n    print('spam')\n");

        CliRun run = CliRun.withEnvironment(ws, Map.of("COLUMNS", ""), "submit", "hello-input");

        assertThat(run.out())
                .as(run.out())
                .containsPattern("│ spam\n +│ \\(the same line \\d+ more times\\)")
                .doesNotContain("│ spam\n        │ spam");
    }

    @Test
    void withoutATerminalNothingIsWrappedUnlessColumnsIsSet() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        String message = "What your code printed is not what the exercise asks for: the output should have a line "
                + "that ends with \"Hello, Ana!\".";

        assertThat(CliRun.withEnvironment(ws, Map.of("COLUMNS", ""), "submit", "hello-input")
                        .out())
                .contains(message);
        CliRun narrow = CliRun.withEnvironment(ws, Map.of("COLUMNS", "60"), "submit", "hello-input");
        assertThat(narrow.out())
                .doesNotContain(message)
                .contains("      What your code printed is not what the exercise asks\n      for: the output");
        assertThat(narrow.out().lines().filter(l -> l.length() > 60 && !l.contains("│")))
                .as(narrow.out())
                .isEmpty();
    }
}
