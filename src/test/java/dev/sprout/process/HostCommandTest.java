package dev.sprout.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tiny real programs (sh one-liners) run through the helper: no mocks. */
@Timeout(30)
class HostCommandTest {

    @TempDir
    Path dir;

    private static HostCommand sh(String script) {
        return HostCommand.of("/bin/sh", "-c", script);
    }

    @Test
    void reportsTheExitValueAndBothStreams() {
        HostRun run = sh("echo out; echo err >&2; exit 3").run();

        assertThat(run.ended()).isEqualTo(HostRun.Ended.EXITED);
        assertThat(run.exitValue()).isEqualTo(3);
        assertThat(run.ok()).isFalse();
        assertThat(run.stdout()).isEqualTo("out\n");
        assertThat(run.stderr()).isEqualTo("err\n");
        assertThat(run.diagnosis())
                .contains("`/bin/sh -c echo out; echo err >&2; exit 3`")
                .contains("exited with status 3")
                .contains("stdout:\nout")
                .contains("stderr:\nerr");
    }

    @Test
    void runsInTheGivenDirectoryWithExactlyTheGivenEnvironment() {
        HostRun run = sh("pwd; echo \"[$ONLY][$HOME]\"")
                .dir(dir)
                .environment(Map.of("ONLY", "this"))
                .run();

        assertThat(run.ok()).isTrue();
        assertThat(run.stdout()).isEqualTo(dir + "\n[this][]\n");
        assertThat(run.diagnosis()).contains(" in " + dir);
    }

    @Test
    void addsVariablesOnTopOfTheInheritedEnvironment() {
        HostRun run = sh("echo \"[$SPROUT_ADDED][${PATH:+has path}]\"")
                .addEnvironment(Map.of("SPROUT_ADDED", "yes"))
                .run();

        assertThat(run.stdout()).isEqualTo("[yes][has path]\n");
    }

    @Test
    void keepsOutputUpToTheCapAndStillDrainsTheRest() {
        // 2 MB: far beyond a pipe's buffer, so the run only ends if the rest is read and dropped
        HostRun run = sh("head -c 2000000 /dev/zero | tr '\\0' x; echo done >&2")
                .outputCap(1000)
                .run();

        assertThat(run.ok()).isTrue();
        assertThat(run.stdout()).hasSize(1000).matches("x+");
        assertThat(run.stderr()).isEqualTo("done\n");
        assertThat(run.truncated()).isTrue();
        assertThat(run.diagnosis()).contains("output cut at the cap");
    }

    @Test
    void drainsBothStreamsAtOnceSoAToolFillingStderrFirstDoesNotDeadlock() {
        // 1 MB of stderr before a word of stdout: read one stream after the other and this blocks
        HostRun run = sh("head -c 1000000 /dev/zero >&2; echo answer")
                .timeout(Duration.ofSeconds(10))
                .run();

        assertThat(run.ended()).isEqualTo(HostRun.Ended.EXITED);
        assertThat(run.stdout()).isEqualTo("answer\n");
        assertThat(run.stderr()).hasSize(1000000);
    }

    @Test
    void writesStdinThenClosesIt() {
        // cat only ends on end of input: it answers only if stdin was closed after the write
        HostRun run = HostCommand.of("cat")
                .stdin("line one\nline two\n")
                .timeout(Duration.ofSeconds(5))
                .run();

        assertThat(run.ended()).isEqualTo(HostRun.Ended.EXITED);
        assertThat(run.stdout()).isEqualTo("line one\nline two\n");
    }

    @Test
    void closesStdinAtOnceWhenThereIsNone() {
        HostRun run = HostCommand.of("cat").timeout(Duration.ofSeconds(5)).run();

        assertThat(run.ended()).isEqualTo(HostRun.Ended.EXITED);
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void timesOutAToolThatHangsHoldingItsOutputOpenAndKillsItsTree() throws Exception {
        Path pidFile = dir.resolve("sleeper.pid");
        // the sleeping child inherits stdout: killing only the shell would leave the pipe open
        HostRun run = sh("echo started; sleep 60 & echo $! > " + pidFile + "; wait")
                .timeout(Duration.ofMillis(700))
                .run();

        assertThat(run.ended()).isEqualTo(HostRun.Ended.TIMED_OUT);
        assertThat(run.elapsed()).isLessThan(Duration.ofSeconds(5));
        assertThat(run.stdout()).isEqualTo("started\n");
        assertThat(run.exitValue()).isEqualTo(-1);
        assertThat(run.diagnosis())
                .contains("did not finish within its limit of 0.7 s and was killed")
                .contains("stdout:\nstarted");
        long sleeper = Long.parseLong(Files.readString(pidFile).strip());
        // SIGKILL is sent, not waited for (the child is not ours to reap): allow it a moment to die
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (running(sleeper) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(running(sleeper)).as("the tool's child is killed with it").isFalse();
    }

    /** Alive and not a zombie (a killed orphan may wait a while for init to reap it). */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    @Test
    void saysWhyAToolCouldNotStart() {
        HostRun run = HostCommand.of(dir.resolve("no-such-tool").toString()).run();

        assertThat(run.ended()).isEqualTo(HostRun.Ended.NOT_STARTED);
        assertThat(run.ok()).isFalse();
        assertThat(run.diagnosis()).contains("no-such-tool").contains("could not be started");
    }

    @Test
    void showsTheHeadAndTailOfLongOutputInTheDiagnosis() {
        HostRun run = sh("echo FIRST; head -c 5000 /dev/zero | tr '\\0' y; echo; echo LAST; exit 1")
                .run();

        assertThat(run.diagnosis()).contains("FIRST").contains("LAST").contains("characters …]");
    }

    @Test
    void mergesStderrIntoStdoutInOrderWhenAsked() {
        HostRun run = sh("echo one; echo two >&2; echo three").mergeStderr().run();

        assertThat(run.stdout()).isEqualTo("one\ntwo\nthree\n");
        assertThat(run.stderr()).isEmpty();
    }
}
