package dev.sprout.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What counts as a change to the learner's work: any file of a package folder, not its caches. */
class WatchedFilesTest {

    @TempDir
    Path dir;

    @Test
    void aSaveInAnyFileOfAPackageFolderChangesTheHash() throws Exception {
        Path inventory = Files.createDirectories(dir.resolve("inventory"));
        Files.writeString(inventory.resolve("__init__.py"), "");
        Files.writeString(inventory.resolve("report.py"), "def total():\n    return 0\n");
        String before = WatchedFiles.hash(dir);

        Files.writeString(inventory.resolve("report.py"), "def total():\n    return 1\n");
        String afterEdit = WatchedFiles.hash(dir);
        Files.createDirectories(inventory.resolve("__pycache__"));
        Files.writeString(inventory.resolve("__pycache__/report.cpython-311.pyc"), "x");

        assertThat(afterEdit).isNotEqualTo(before);
        assertThat(WatchedFiles.hash(dir))
                .as("Python's caches are not the learner's work")
                .isEqualTo(afterEdit);
        assertThat(WatchedFiles.ignored(Path.of("inventory/__pycache__/report.cpython-311.pyc")))
                .isTrue();
        assertThat(WatchedFiles.ignored(Path.of("inventory/models.py"))).isFalse();
    }
}
