package dev.sprout.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;

/** The diff of a huge output is bounded in what it reads and what it prints, and says it was cut. */
class OutputDiffTest {

    private static final int LINES = 200_000;

    private static String lines(String prefix) {
        return IntStream.range(0, LINES).mapToObj(i -> prefix + i).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void aSmallDifferenceIsShownWithTheOutputsLineNumbers() {
        List<String> diff = OutputDiff.unified("a\nb\nc\n", "a\nB\nc\n");

        assertThat(diff).containsExactly("--- expected", "+++ your output", "@@ -1,3 +1,3 @@", " a", "-b", "+B", " c");
    }

    @Test
    void twoHundredThousandDifferentLinesGiveAShortDiffThatSaysItWasCut() {
        List<String> diff = assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> OutputDiff.unified(lines("expected line "), lines("your line ")));

        assertThat(diff).hasSizeLessThanOrEqualTo(OutputDiff.SHOWN + 1);
        assertThat(diff.get(diff.size() - 1))
                .startsWith("… the diff is cut")
                .contains("line 1")
                .contains("Expected 200000 lines, your output has 200000");
    }

    @Test
    void aLateDifferenceInAHugeOutputIsFoundAndNumberedFromTheStart() {
        String actual = lines("line ").replace("\nline 150000\n", "\nLINE 150000\n");

        List<String> diff =
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> OutputDiff.unified(lines("line "), actual));

        assertThat(diff).contains("@@ -149999,5 +149999,5 @@", "-line 150000", "+LINE 150000");
        assertThat(diff.get(diff.size() - 1)).startsWith("… the diff is cut").contains("line 150001");
    }

    @Test
    void theConsoleReportOfAHugeWrongOutputStaysShort() {
        String huge = "x".repeat(100_000);
        Verdict verdict = new Verdict(
                "x",
                1,
                "task",
                "prints",
                Verdict.Status.FAILED,
                0,
                1,
                false,
                "Your output differs.",
                Optional.of(lines("expected line ")),
                Optional.of(huge + "\n" + lines("your line ")),
                huge + "\n" + lines("printed "),
                Optional.empty(),
                "x.py",
                Optional.empty(),
                "",
                1,
                false);
        GradeResult result = new GradeResult("x", "X", "x.py", Optional.empty(), List.of(verdict), 1, "");

        String text = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            StringWriter out = new StringWriter();
            ConsoleReport.forGrade(Style.plain()).print(result, new PrintWriter(out));
            return out.toString();
        });

        assertThat(text).contains("… the diff is cut", "more characters");
        assertThat(text.lines().count()).isLessThan(100);
        assertThat(text.length()).isLessThan(20_000);
    }
}
