package dev.sprout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {

    @TempDir
    Path root;

    @Test
    void savesSortedKeysOneValuePerLineAndReadsThemBack() throws Exception {
        Workspace workspace = new Workspace(root);
        Progress progress = Progress.load(workspace);
        assertThat(progress.recovery()).isEmpty();
        progress.markDone("loops");
        progress.markDone("calculator");
        progress.setHintsRevealed("loops", 2);
        progress.countAttempt("loops");
        progress.countAttempt("calculator");
        progress.countAttempt("loops");
        progress.save();

        String text = Files.readString(root.resolve(".sprout/progress.json"));
        assertThat(text)
                .isEqualTo("{\n"
                        + "  \"attempts\": {\n    \"calculator\": 1,\n    \"loops\": 2\n  },\n"
                        + "  \"done\": [\n    \"calculator\",\n    \"loops\"\n  ],\n"
                        + "  \"hints\": {\n    \"loops\": 2\n  },\n"
                        + "  \"version\": 1\n}\n");
        try (var files = Files.list(root.resolve(".sprout"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("progress.json");
        }

        Progress again = Progress.load(workspace);
        assertThat(again.isDone("loops")).isTrue();
        assertThat(again.hintsRevealed("loops")).isEqualTo(2);
        assertThat(again.attempts("loops")).isEqualTo(2);
        assertThat(again.recovery()).isEmpty();
    }

    @Test
    void aMissingFileInAnExistingWorkspaceIsReportedByName() throws Exception {
        Files.createDirectories(root.resolve(".sprout"));
        Progress progress = Progress.load(new Workspace(root));
        assertThat(progress.recovery())
                .hasValueSatisfying(m -> assertThat(m).contains(".sprout/progress.json", "missing"));
    }

    @Test
    void aFileFromANewerSproutIsSetAsideNotMisread() throws Exception {
        Files.createDirectories(root.resolve(".sprout"));
        Files.writeString(root.resolve(".sprout/progress.json"), "{\"version\": 99, \"done\": [\"loops\"]}");
        Progress progress = Progress.load(new Workspace(root));
        assertThat(progress.isDone("loops")).isFalse();
        assertThat(progress.recovery())
                .hasValueSatisfying(m -> assertThat(m).contains("newer sprout", "progress.json.broken"));
    }
}
