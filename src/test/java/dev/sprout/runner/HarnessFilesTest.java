package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class HarnessFilesTest {

    private static final Path PACKAGE = Path.of("src/main/resources/dev/sprout/runner/harness");

    @Test
    void writesHarnessPyAndEveryModuleOfItsPackageReadableByTheSandboxUser() throws IOException {
        Interpreter python = new Interpreter("python3", Path.of("/usr/bin/python3"), "3.11.2", "cpython", List.of());
        Path folder = HarnessFiles.folder(python);
        assertThat(folder.resolve("harness.py")).isRegularFile();
        List<String> modules;
        try (Stream<Path> files = Files.list(PACKAGE)) {
            modules = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".py"))
                    .sorted()
                    .toList();
        }
        assertThat(modules).contains("__main__.py", "api.py", "wire.py");
        for (String module : modules) {
            Path written = folder.resolve("harness").resolve(module);
            assertThat(written).as(module + " listed in harness/modules.txt").isRegularFile();
            assertThat(Files.readAllBytes(written)).isEqualTo(Files.readAllBytes(PACKAGE.resolve(module)));
            assertThat(Files.getPosixFilePermissions(written)).contains(PosixFilePermission.OTHERS_READ);
        }
        assertThat(Files.getPosixFilePermissions(folder.resolve("harness")))
                .contains(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
    }
}
