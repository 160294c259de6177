package dev.sprout.sandbox;

import static dev.sprout.sandbox.SandboxFixtures.assertNoneLeft;
import static dev.sprout.sandbox.SandboxFixtures.awaitProcesses;
import static dev.sprout.sandbox.SandboxFixtures.python;
import static dev.sprout.sandbox.SandboxFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sprout.sandbox.SandboxFixtures.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tier B: no isolation of files or network, but its own session, no root, and a full tree kill. */
@Timeout(30)
class LauncherSandboxTest {

    private static Sandbox sandbox;

    private Path workspace;

    @BeforeEach
    void newWorkspace() throws IOException {
        // not @TempDir: its 0700 directory would keep learner code (nobody, when we are root) out
        workspace = Sandboxes.newWorkspace();
    }

    @AfterEach
    void deleteWorkspace() {
        SupportFiles.deleteTree(workspace);
    }

    @BeforeAll
    static void launcherWorksHere() {
        assumeTrue(HostTools.isLinux(), "the launcher tier is Linux only");
        sandbox = Sandboxes.choose("launcher");
    }

    @Test
    void warnsThatNothingIsIsolated() {
        assertThat(sandbox.tier()).isEqualTo(Tier.LAUNCHER);
        assertThat(sandbox.warning()).hasValueSatisfying(w -> assertThat(w).contains("no file or network isolation"));
    }

    @Test
    void closeKillsADoubleForkedDaemonThatLeftTheSession() throws Exception {
        String marker = SandboxFixtures.marker();
        SandboxedProcess process = sandbox.start(
                python(workspace, SandboxFixtures.DOUBLE_FORK_DAEMON, marker, "subreaper"));
        try {
            // "ready" comes once the daemon exists, so the count below cannot catch a half-made tree
            assertThat(new String(process.stdout().readNBytes(6))).isEqualTo("ready\n");
            awaitProcesses(marker, 2);
        } finally {
            process.close();
        }

        assertNoneLeft(marker);
    }

    @Test
    void closeKillsAnOrphanThatKeptTheSession() throws Exception {
        String marker = SandboxFixtures.marker();
        SandboxedProcess process = sandbox.start(
                python(workspace, SandboxFixtures.DOUBLE_FORK_DAEMON, marker, "stay"));
        try {
            // "ready" comes once the daemon exists, so the count below cannot catch a half-made tree
            assertThat(new String(process.stdout().readNBytes(6))).isEqualTo("ready\n");
            awaitProcesses(marker, 2);
        } finally {
            process.close();
        }

        assertNoneLeft(marker);
    }

    @Test
    void runsInItsOwnSessionWithOnlyTheGivenEnvironmentAndNotAsRoot() throws Exception {
        Outcome outcome = run(sandbox, python(workspace, """
                import os
                print(os.getsid(0) == os.getpid(), os.getpgid(0) == os.getpid())
                print(sorted(os.environ))
                print(os.getuid() != 0)
                print(open("/proc/self/status").read().count("NoNewPrivs:\\t1"))
                """, Map.of("GREETING", "hi"), Limits.DEFAULTS, List.of()));

        assertThat(outcome.stdout()).as(outcome.stderr())
                .isEqualTo("True True\n['GREETING', 'LC_CTYPE', 'SPROUT_SUBREAPER']\nTrue\n1\n");
    }
}
