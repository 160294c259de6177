package dev.sprout.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe cache seen from the real CLI in a child JVM: a cached sandbox that no longer starts
 * (here bwrap's path in the cache leads to /bin/false) costs one re-probe and a retry, and the
 * learner still gets a verdict.
 */
@Timeout(180)
class ProbeCacheCliTest {

    @TempDir
    Path temp;

    private record Result(int exit, String output) {}

    private Result sprout(Path dir, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.sprout.cli.Main"));
        line.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("HOME", temp.resolve("home").toString());
        env.put("XDG_CACHE_HOME", temp.resolve("cache").toString());
        env.put("SPROUT_PYTHON", "/usr/bin/python3");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void aCachedSandboxThatNoLongerStartsIsProbedAgainAndTheSubmitStillGraded() throws Exception {
        assumeTrue(
                HostTools.isLinux()
                        && Files.isExecutable(Path.of("/usr/bin/bwrap"))
                        && Files.isExecutable(Path.of("/usr/bin/python3")),
                "needs bwrap and /usr/bin/python3");
        Files.createDirectories(temp.resolve("home"));
        Result init = sprout(temp, "init", "ws", "--no-git");
        assertThat(init.exit()).as(init.output()).isZero();
        Path ws = temp.resolve("ws");
        Files.copy(
                Path.of("graders/01-week1/03-functions/solution.py"),
                ws.resolve("exercises/01-week1/03-functions/functions.py"),
                StandardCopyOption.REPLACE_EXISTING);
        // a first submit probes and fills the cache
        Result first = sprout(ws, "submit", "functions");
        assertThat(first.exit()).as(first.output()).isZero();
        Path cache = temp.resolve("cache/sprout/sandbox.json");
        String stored = Files.readString(cache);
        assumeTrue(stored.contains("\"identity\""), "bwrap does not work here: " + stored);
        // the machine changed in a way the key cannot see: the cached bwrap no longer runs
        Files.writeString(cache, stored.replace("\"bwrap\" : \"/usr/bin/bwrap\"", "\"bwrap\" : \"/bin/false\""));
        assertThat(Files.readString(cache)).contains("/bin/false");

        Result again = sprout(ws, "submit", "functions");

        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("20 of 20 checks passed").contains("sandbox tier A");
        assertThat(Files.readString(cache))
                .as("dropped, probed again and remembered")
                .doesNotContain("/bin/false")
                .contains("\"bwrap\" : \"/usr/bin/bwrap\"");
    }
}
