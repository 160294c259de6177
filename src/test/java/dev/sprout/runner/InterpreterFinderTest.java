package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Interpreter discovery with a counting stand-in for a pyenv shim in front of the real python3. */
class InterpreterFinderTest {

    @TempDir
    Path dir;

    private Path shim;
    private Path counter;
    private Map<String, String> environment;

    @BeforeEach
    void makeShim() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        counter = dir.resolve("spawns");
        shim = bin.resolve("python3");
        Files.writeString(shim, "#!/bin/sh\necho x >> " + counter + "\nexec /usr/bin/python3 \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        environment = Map.of(
                "PATH",
                bin + ":/usr/bin:/bin",
                "HOME",
                dir.toString(),
                "XDG_CACHE_HOME",
                dir.resolve("cache").toString());
    }

    private int spawns() throws IOException {
        return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
    }

    @Test
    void resolvesTheShimToTheRealExecutableAndRemembersItAcrossRuns() throws IOException {
        Interpreter first = new InterpreterFinder(Optional.empty(), environment).find(List.of());

        assertThat(first.command()).isEqualTo(shim.toString());
        assertThat(first.executable().toString()).startsWith("/usr/bin/python3");
        assertThat(spawns()).isEqualTo(1);

        Interpreter again = new InterpreterFinder(Optional.empty(), environment).find(List.of());
        assertThat(again).isEqualTo(first);
        assertThat(spawns())
                .as("a second run reads the cache instead of spawning")
                .isEqualTo(1);
    }

    @Test
    void asksAgainWhenTheCommandChanges() throws IOException {
        new InterpreterFinder(Optional.empty(), environment).find(List.of());
        Files.setLastModifiedTime(shim, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        new InterpreterFinder(Optional.empty(), environment).find(List.of());

        assertThat(spawns()).isEqualTo(2);
    }

    @Test
    void remembersAModuleCheckUntilAFolderOnSysPathChanges() throws Exception {
        Path venv = dir.resolve("venv");
        Process make = new ProcessBuilder("/usr/bin/python3", "-m", "venv", "--without-pip", venv.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(make.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(make.exitValue()).isZero();
        Path sitePackages;
        try (var found = Files.find(venv.resolve("lib"), 3, (p, a) -> p.endsWith("site-packages"))) {
            sitePackages = found.findFirst().orElseThrow();
        }
        Path venvShim = dir.resolve("bin").resolve("venv-python");
        Files.writeString(
                venvShim, "#!/bin/sh\necho x >> " + counter + "\nexec " + venv.resolve("bin/python") + " \"$@\"\n");
        Files.setPosixFilePermissions(venvShim, PosixFilePermissions.fromString("rwxr-xr-x"));
        Optional<String> chosen = Optional.of(venvShim.toString());
        List<String> asked = List.of("json", "sprout_installed_later");

        InterpreterFinder finder = new InterpreterFinder(chosen, environment);
        Interpreter python = finder.find(asked);
        assertThat(finder.missing(python, asked)).containsExactly("sprout_installed_later");
        assertThat(spawns()).isEqualTo(1);
        assertThat(new InterpreterFinder(chosen, environment).missing(python, asked))
                .as("the next run remembers")
                .containsExactly("sprout_installed_later");
        assertThat(spawns()).isEqualTo(1);

        // the learner installs it: site-packages changes, so the next run checks again
        Files.writeString(sitePackages.resolve("sprout_installed_later.py"), "X = 1\n");
        assertThat(new InterpreterFinder(chosen, environment).missing(python, asked))
                .isEmpty();
        assertThat(spawns()).isEqualTo(2);
        assertThat(new InterpreterFinder(chosen, environment).missing(python, asked))
                .isEmpty();
        assertThat(spawns()).isEqualTo(2);

        // and removes it again
        Files.delete(sitePackages.resolve("sprout_installed_later.py"));
        assertThat(new InterpreterFinder(chosen, environment).missing(python, asked))
                .containsExactly("sprout_installed_later");
        assertThat(spawns()).isEqualTo(3);
    }

    @Test
    void aCacheFileOthersCouldHaveWrittenIsNotBelieved() throws IOException {
        new InterpreterFinder(Optional.empty(), environment).find(List.of());
        Path file = dir.resolve("cache").resolve("sprout").resolve("interpreters.json");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent()))
                .as("writable by this user alone")
                .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        new InterpreterFinder(Optional.empty(), environment).find(List.of());

        assertThat(spawns()).as("a world-writable cache is probed over").isEqualTo(2);
    }

    @Test
    void explainsWhenTheChosenPythonDoesNotRun() {
        InterpreterFinder finder =
                new InterpreterFinder(Optional.of(dir.resolve("nope").toString()), environment);

        assertThatThrownBy(() -> finder.find(List.of()))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("Could not start Python")
                .hasMessageContaining("--python");
    }

    @Test
    @Timeout(30)
    void timesOutAPythonThatPrintsAndThenHangsWithItsOutputOpen() throws IOException {
        // reading the output before the timed wait blocked here until the sleep ended
        Path hanging = dir.resolve("bin").resolve("hanging-python");
        Files.writeString(hanging, "#!/bin/sh\necho '{\"executable\": \"/nowhere\"}'\nsleep 60\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwxr-xr-x"));
        InterpreterFinder finder =
                new InterpreterFinder(Optional.of(hanging.toString()), environment, List.of(), Duration.ofSeconds(1));

        long started = System.nanoTime();
        assertThatThrownBy(() -> finder.find(List.of()))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("Could not start Python")
                .hasMessageContaining("did not finish within its limit of 1.0 s and was killed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}
