package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the harness's own Python unit tests (src/test/python/test_*.py: wire codec, values,
 * source facts, the dispatch table, exception description, private loading) with the
 * interpreter the suite grades with, and fails with unittest's output when they fail.
 */
class HarnessUnitTest {

    private static final Path TESTS = Path.of("src/test/python");

    @Test
    void harnessPythonUnitTestsPass() throws IOException, InterruptedException {
        assumeTrue(Files.isDirectory(TESTS), "needs " + TESTS);
        Interpreter python = new InterpreterFinder(Optional.empty(), System.getenv()).find(List.of());
        Process process = new ProcessBuilder(
                        python.executable().toString(),
                        "-B",
                        "-m",
                        "unittest",
                        "discover",
                        "-s",
                        TESTS.toString(),
                        "-p",
                        "test_*.py",
                        "-v")
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        // unittest writes its report to stderr (merged): read it all before waiting, or a full pipe stalls it
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("unittest finished")
                .isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as(output).contains("OK").doesNotContain("Ran 0 tests");
    }
}
