package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sprout submit --engine …` as a learner types it: GraalPy grades week 1, a wrong name is explained. */
class EngineOptionTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final String HELLO = "01-week1/01-hello-input";

    @TempDir
    Path workspace;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void copyPack() throws IOException {
        FileUtils.copyDirectory(
                REPO.resolve("exercises").toFile(),
                workspace.resolve("exercises").toFile());
        FileUtils.copyDirectory(
                REPO.resolve("graders").toFile(), workspace.resolve("graders").toFile());
        Files.copy(
                REPO.resolve("graders").resolve(HELLO).resolve("solution.py"),
                workspace.resolve("exercises").resolve(HELLO).resolve("hello.py"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private int sprout(Map<String, String> extraEnvironment, String... args) {
        Map<String, String> environment =
                new HashMap<>(Map.of("PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home")));
        environment.putAll(extraEnvironment);
        Console console = new Console(
                new PrintWriter(out),
                new PrintWriter(err),
                environment,
                workspace.resolve("exercises").resolve(HELLO),
                false);
        return Main.run(console, args);
    }

    @Test
    void gradesWithGraalPyWhenAsked() {
        assertThat(sprout(Map.of(), "submit", "hello-input", "--engine", "graalpy"))
                .as(out + "\n" + err)
                .isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("✓ All done!").contains("Graded with GraalPy");
        assertThat(err.toString()).containsOnlyOnce("Warming up GraalPy");
    }

    @Test
    void aJvmThatKeepsEnginesWarmStartsGraalPyOnceForManySubmits() {
        Main.keepEnginesWarm(true);
        try {
            for (int round = 1; round <= 3; round++) {
                out.getBuffer().setLength(0);
                err.getBuffer().setLength(0);
                assertThat(sprout(Map.of(), "submit", "hello-input", "--engine", "graalpy"))
                        .as(out + "\n" + err)
                        .isEqualTo(ExitCode.OK);
                assertThat(out.toString()).contains("✓ All done!").contains("Graded with GraalPy");
                if (round == 1) {
                    assertThat(err.toString()).containsOnlyOnce("Warming up GraalPy");
                } else {
                    assertThat(err.toString())
                            .as("round %d: the worker was warm", round)
                            .doesNotContain("Warming up");
                }
            }
        } finally {
            Main.keepEnginesWarm(false);
        }
        // off again: the next command starts its own worker, as a one-shot JVM does
        err.getBuffer().setLength(0);
        assertThat(sprout(Map.of(), "submit", "hello-input", "--engine", "graalpy"))
                .isEqualTo(ExitCode.OK);
        assertThat(err.toString()).containsOnlyOnce("Warming up GraalPy");
    }

    @Test
    void sproutEngineChoosesTooAndAWrongNameIsExplained() {
        assertThat(sprout(Map.of("SPROUT_ENGINE", "jython"), "submit", "hello-input"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown engine 'jython'").contains("auto, cpython or graalpy");
    }
}
