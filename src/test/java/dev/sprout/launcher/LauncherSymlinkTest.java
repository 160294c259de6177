package dev.sprout.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./sprout} launcher run through symlinks, the usual way onto a PATH. It runs in a copy
 * of the repository's layout whose jar is a tiny probe newer than pom.xml and src/main: the
 * launcher then never builds, so this test cannot race the Maven build it runs inside (during
 * {@code mvn verify} the real target/sprout.jar is written only after the tests).
 */
class LauncherSymlinkTest {

    @TempDir
    Path temp;

    /** Stands in for sprout's Main: says which arguments reached it. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("probe got " + String.join(" ", args));
        }
    }

    @Test
    void runsThroughASymlinkFromAnotherFolder() throws Exception {
        Path repo = fakeRepository();
        Path bin = Files.createDirectories(temp.resolve("home/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("sprout"), repo.resolve("sprout"));

        Result result = run(link, "--version");

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("probe got --version").doesNotContain("POM", "Building sprout");
    }

    @Test
    void runsThroughAChainOfRelativeSymlinks() throws Exception {
        Path repo = fakeRepository();
        Path tools = Files.createDirectories(temp.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("sprout-real"), tools.relativize(repo.resolve("sprout")));
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("sprout"), Path.of("../tools/sprout-real"));

        Result result = run(link, "--help");

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("probe got --help");
    }

    private Path fakeRepository() throws Exception {
        return FakeRepository.make(temp.resolve("repo"), Probe.class);
    }

    private record Result(int exit, String output) {}

    private Result run(Path command, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(command.toString()));
        line.addAll(List.of(args));
        // from a folder that is neither the repository nor the link's: where a learner's shell would be
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Process process = new ProcessBuilder(line)
                .directory(elsewhere.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("launcher finished")
                .isTrue();
        return new Result(process.exitValue(), output);
    }
}
