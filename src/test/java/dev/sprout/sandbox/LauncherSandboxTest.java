package dev.sprout.sandbox;

import static dev.sprout.sandbox.SandboxFixtures.assertNoneLeft;
import static dev.sprout.sandbox.SandboxFixtures.awaitProcesses;
import static dev.sprout.sandbox.SandboxFixtures.python;
import static dev.sprout.sandbox.SandboxFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.sprout.sandbox.SandboxFixtures.Outcome;

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
    void warnsThatLearnerCodeCanFakeResultsWhenItRunsAsSproutsOwnUser() {
        LauncherSandbox.Tools tools = new LauncherSandbox.Tools(
                Path.of("/usr/bin/setsid"), Optional.of(Path.of("/usr/bin/setpriv")), true, Optional.empty());

        assertThat(new LauncherSandbox(tools, false).warning())
                .hasValueSatisfying(w -> assertThat(w)
                        .contains("runs as your own user")
                        .contains("expected values")
                        .contains("fake its own results"));
        assertThat(new LauncherSandbox(tools, true).warning())
                .hasValueSatisfying(w -> assertThat(w).doesNotContain("runs as your own user"));
    }

    @Test
    void closeKillsADoubleForkedDaemonThatLeftTheSession() throws Exception {
        String marker = SandboxFixtures.marker();
        SandboxedProcess process =
                sandbox.start(python(workspace, SandboxFixtures.DOUBLE_FORK_DAEMON, marker, "subreaper"));
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
        SandboxedProcess process = sandbox.start(python(workspace, SandboxFixtures.DOUBLE_FORK_DAEMON, marker, "stay"));
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
    void asRootCloseKillsADaemonThatLeftBothTheTreeAndTheSession() throws Exception {
        assumeTrue(HostTools.isRoot(), "the sandbox's own user exists only when the JVM is root");
        String marker = SandboxFixtures.marker();
        // no subreaper: the daemon is re-parented to init, in a session of its own, so only its user finds it
        SandboxedProcess process =
                sandbox.start(python(workspace, SandboxFixtures.DOUBLE_FORK_DAEMON, marker, "setsid"));
        try {
            assertThat(new String(process.stdout().readNBytes(6))).isEqualTo("ready\n");
            awaitProcesses(marker, 2);
        } finally {
            process.close();
        }

        assertNoneLeft(marker);
    }

    @Test
    void asRootEachSandboxRunsAsAnUnprivilegedUserOfItsOwn() throws Exception {
        assumeTrue(HostTools.isRoot(), "only root can hand out user ids");
        String code = "import os\nprint(os.getuid(), os.getgid(), os.getgroups())\n";
        Path other = Sandboxes.newWorkspace();
        try {
            Outcome first = run(sandbox, python(workspace, code));
            Outcome second = run(sandbox, python(other, code));

            assertThat(first.stdout()).as(first.stderr()).matches("(\\d+) \\1 \\[\\]\n");
            int uid = Integer.parseInt(first.stdout().split(" ")[0]);
            assertThat(uid).isBetween(SandboxUsers.FIRST, SandboxUsers.FIRST + SandboxUsers.COUNT - 1);
            assertThat(second.stdout()).isNotEqualTo(first.stdout());
        } finally {
            SupportFiles.deleteTree(other);
        }
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

        assertThat(outcome.stdout())
                .as(outcome.stderr())
                .isEqualTo("True True\n['GREETING', 'LC_CTYPE', 'SPROUT_SUBREAPER']\nTrue\n1\n");
    }
}
