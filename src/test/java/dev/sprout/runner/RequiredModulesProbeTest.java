package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-side check for an exercise's {@code requires:} runs outside any sandbox, so it must
 * import nothing: {@code find_spec("evilpkg.sub")} would import evilpkg and run its __init__.py.
 */
@EnabledOnOs(OS.LINUX)
class RequiredModulesProbeTest {

    @TempDir
    Path temp;

    @Test
    void checkingDottedRequirementsImportsNoParentPackageOnTheHost() throws Exception {
        Path venv = temp.resolve("venv");
        Process make = new ProcessBuilder("/usr/bin/python3", "-m", "venv", "--without-pip", venv.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(make.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(make.exitValue())
                .as(new String(make.getInputStream().readAllBytes()))
                .isZero();
        Path sitePackages;
        try (var found = Files.find(venv.resolve("lib"), 3, (p, a) -> p.endsWith("site-packages"))) {
            sitePackages = found.findFirst().orElseThrow();
        }
        Path marker = temp.resolve("imported");
        Path pkg = Files.createDirectories(sitePackages.resolve("evilpkg"));
        Files.writeString(pkg.resolve("__init__.py"), "open(" + pythonString(marker) + ", 'w').close()\n");
        Files.writeString(pkg.resolve("real.py"), "X = 1\n");

        InterpreterFinder finder =
                new InterpreterFinder(Optional.of(venv.resolve("bin/python").toString()), Map.of(), List.of());
        Interpreter python = finder.find(List.of("evilpkg.sub"));
        List<String> missing = finder.missing(
                python,
                List.of("evilpkg.sub", "evilpkg.real", "json.decoder", "no_such_module", "not a name", "evilpkg"));

        assertThat(marker).as("evilpkg/__init__.py ran on the host").doesNotExist();
        assertThat(missing).containsExactly("evilpkg.sub", "no_such_module", "not a name");
    }

    private static String pythonString(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
