package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `sprout run` honours the limit options it offers, and says which limit stopped the program. */
class RunLimitsTest {

    private static final String HELLO = "exercises/01-week1/01-hello-input/hello.py";

    @TempDir
    Path ws;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBusyLoopIsStoppedByTheCpuLimit() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        Files.writeString(ws.resolve(HELLO), "while True:\n    pass\n");

        CliRun run = CliRun.in(ws, "run", "--cpu-limit", "1");

        assertThat(run.exit()).as(run.all()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err())
                .contains("Your program was stopped: it used more than 1 second of computing time " + "(--cpu-limit).");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSleepingProgramIsStoppedByTheTimeLimit() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        Files.writeString(ws.resolve(HELLO), "import time\ntime.sleep(600)\n");

        CliRun run = CliRun.in(ws, "run", "--time-limit", "1");

        assertThat(run.exit()).as(run.all()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("Your program was stopped after 1 second (--time-limit).");
    }

    @Test
    void helpSaysWhatLimitsRunHas() {
        CliRun help = CliRun.in(ws, "run", "--help");

        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("Limits: your program may use --cpu-limit seconds of "
                        + "computing time (default 60; waiting for you to type costs none)");
    }
}
