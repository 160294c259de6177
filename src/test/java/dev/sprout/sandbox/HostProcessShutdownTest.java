package dev.sprout.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A process asked for while the JVM is stopping (watch's `q` while a check starts its sandbox;
 * the warm server stopping on a hang-up while the command still runs): nothing would kill it at
 * exit, so it must not be left running, and the caller hears why.
 */
class HostProcessShutdownTest {

    /** Run in a JVM of its own: starts a process from inside a shutdown hook. */
    public static final class StartDuringShutdown {
        public static void main(String[] args) {
            String marker = args[0];
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (HostProcess late = HostProcess.start(
                        List.of("/bin/sh", "-c", "sleep 30 # " + marker), Map.of(), Path.of("/tmp"))) {
                    System.out.println("started " + late.pid());
                } catch (IOException refused) {
                    System.out.println("refused: " + refused.getMessage());
                }
            }));
            // WorkDirs' hook is first asked for now, while stopping: the class must still load
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    WorkDirs.create(Path.of(args[1]));
                    System.out.println("work folder made");
                } catch (IOException | RuntimeException | LinkageError e) {
                    System.out.println("work folder failed: " + e);
                }
            }));
        }
    }

    @Test
    void aProcessStartedWhileStoppingIsKilledAndRefused(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        String marker = "sprout_late_" + System.nanoTime();
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StartDuringShutdown.class.getName(),
                        marker,
                        temp.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(said)
                .contains("refused: sprout is stopping: did not leave /bin/sh running")
                .contains("work folder made")
                .doesNotContain("Exception in thread", "ExceptionInInitializerError");
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(marker))
                        .toList())
                .as("no process left behind")
                .isEmpty();
    }
}
