package dev.sprout.sandbox;

import static dev.sprout.sandbox.SandboxFixtures.assertNoneLeft;
import static dev.sprout.sandbox.SandboxFixtures.awaitProcesses;
import static dev.sprout.sandbox.SandboxFixtures.python;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tier C: no isolation, but close() still kills the whole (non-orphaned) tree. */
@Timeout(30)
class NoSandboxTest {

    @TempDir
    Path workspace;

    @Test
    void closeKillsChildrenAndGrandchildren() throws Exception {
        String marker = SandboxFixtures.marker();
        SandboxedProcess process = new NoSandbox().start(python(workspace, """
                import os, time
                if os.fork() == 0:
                    os.fork()
                time.sleep(60)
                """, marker));
        try {
            awaitProcesses(marker, 3);
        } finally {
            process.close();
        }

        assertNoneLeft(marker);
        assertThat(process.isAlive()).isFalse();
    }
}
