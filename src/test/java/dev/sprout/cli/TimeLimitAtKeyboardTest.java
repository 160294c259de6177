package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loop that never ends costs a learner at the keyboard one case's limit, not every case's. */
class TimeLimitAtKeyboardTest {

    private static final String HELLO = "exercises/01-week1/01-hello-input/hello.py";
    /** Reads its input first, so it is not "stuck before reading input": each case would loop on its own. */
    private static final String LOOPS = "name = input()\nwhile True:\n    pass\n";

    @TempDir
    Path ws;

    @Test
    void submitStopsAfterTheFirstCaseThatRunsOutOfTimeAndMarksTheRestNotRun() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        Files.writeString(ws.resolve(HELLO), LOOPS);

        CliRun run = CliRun.in(ws, "submit", "hello-input", "--time-limit", "1", "--cpu-limit", "1");
        CliRun json = CliRun.in(ws, "submit", "hello-input", "--time-limit", "1", "--cpu-limit", "1", "-f", "json");

        assertThat(run.exit()).as(run.all()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out())
                .contains("0 of 7 checks passed")
                .containsPattern("✗ greets a two-word name "
                        + "\\[(cpu-limit|timeout)\\]\n      Not run: fix the loop first\\. \"greets Ana\" was still running when "
                        + "its time ran out");
        // one case ran (and looped); the six after it did not, hidden ones included
        assertThat(count(json.out(), "busy computing the whole time"))
                .as(json.out())
                .isEqualTo(1);
        assertThat(count(json.out(), "Not run: fix the loop first."))
                .as(json.out())
                .isEqualTo(3); // 3 hidden ones say only "A hidden check failed."
    }

    @Test
    void gradeStillRunsEveryCaseForPointsAndCountsCodeThatLoopedAsAFailNotAnError() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        Files.writeString(ws.resolve(HELLO), LOOPS);

        CliRun run =
                CliRun.in(ws, "grade", "hello-input", "--time-limit", "1", "--cpu-limit", "1", "--fail-on", "error");

        // the code ran (and looped in every case): "could not run at all" it is not (docs/grading-in-ci.md)
        assertThat(run.out()).as(run.all()).contains("1 graded: 0 passed, 1 failed, 0 errored");
        assertThat(run.exit()).as(run.all()).isEqualTo(ExitCode.OK);

        assertThat(run.all()).doesNotContain("fix the loop first");
        // the second case ran too, into the same limit (the third failing case is hidden)
        assertThat(count(run.all(), "busy computing the whole time") + count(run.all(), "Same error as above."))
                .as(run.all())
                .isEqualTo(2);
    }

    @Test
    void aBusyLoopReadsTheSameWhicheverLimitFiredAndASleepReadsAsWaiting() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        Files.writeString(ws.resolve(HELLO), LOOPS);
        // a wall limit below the CPU limit: the wall fires first, yet the code was busy
        CliRun busy = CliRun.in(ws, "submit", "hello-input", "--time-limit", "1", "--cpu-limit", "5");
        assertThat(busy.out())
                .as(busy.out())
                .contains("✗ greets Ana [cpu-limit]")
                .contains("still running when its time ran out, busy computing");

        Files.writeString(ws.resolve(HELLO), "import time\nname = input()\ntime.sleep(30)\n");
        CliRun sleeps = CliRun.in(ws, "submit", "hello-input", "--time-limit", "1", "--cpu-limit", "1");
        assertThat(sleeps.out())
                .as(sleeps.out())
                .contains("✗ greets Ana [timeout]")
                .contains("still waiting after 1 second, computing almost nothing");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
