package dev.sprout.cli;

import static dev.sprout.cli.GradeFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No path of a submission leads outside its root (docs/security.md): students in a batch are
 * hostile to each other, and a pull request's links must not read the runner's files. Also the
 * caps on what an exercise folder may hold. Real symbolic links, graded through the real CLI.
 */
class GradeContainmentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADD_RIGHT = "def add(a, b):\n    return a + b\n";

    @TempDir
    Path temp;

    Path cohort;

    @BeforeEach
    void packAndHonestStudent() throws Exception {
        GradeFixtures.tinyPack(temp.resolve("pack"));
        cohort = temp.resolve("cohort");
        write(cohort.resolve("ben/exercises/01-basics/01-adder/adder.py"), ADD_RIGHT);
    }

    @Test
    void aLinkToAnotherStudentsWorkAtAnyDepthIsRefusedForThatStudentOnly() throws Exception {
        // mal links the whole stage, eve only the file, zed is a link to ben's folder
        Files.createDirectories(cohort.resolve("mal/exercises"));
        Files.createSymbolicLink(cohort.resolve("mal/exercises/01-basics"), Path.of("../../ben/exercises/01-basics"));
        Files.createDirectories(cohort.resolve("eve/exercises/01-basics/01-adder"));
        Files.createSymbolicLink(
                cohort.resolve("eve/exercises/01-basics/01-adder/adder.py"),
                Path.of("../../../../ben/exercises/01-basics/01-adder/adder.py"));
        Files.createSymbolicLink(cohort.resolve("zed"), Path.of("ben"));
        // kim's own code is right, but a data file beside it leads to the runner's files
        write(cohort.resolve("kim/exercises/01-basics/01-adder/adder.py"), ADD_RIGHT);
        Files.createSymbolicLink(cohort.resolve("kim/exercises/01-basics/01-adder/notes.txt"), Path.of("/etc/passwd"));
        GradeFixtures.Captured run = new GradeFixtures.Captured(temp, Map.of());

        int code = run.run(
                "grade", "--batch", "cohort", "adder", "--pack", "pack", "--jobs", "1", "-f", "json=report.json");

        assertThat(code).as(run.err.toString()).isEqualTo(ExitCode.FAILED);
        JsonNode report = JSON.readTree(temp.resolve("report.json").toFile());
        assertThat(status(report, "ben")).isEqualTo("pass");
        for (String student : new String[] {"mal", "eve", "kim"}) {
            assertThat(status(report, student)).as(student).isEqualTo("error");
            assertThat(loadError(report, student).path("type").asString()).isEqualTo("FolderRefused");
            assertThat(loadError(report, student).path("message").asString())
                    .as(student)
                    .contains("is a link to somewhere outside " + student + "'s folder", "replace the link");
        }
        assertThat(report.path("submissions").findValuesAsString("student")).doesNotContain("zed");
        assertThat(run.err.toString()).contains("Skipped \"zed\": it is a link").doesNotContain("were not graded");
    }

    @Test
    void aPullRequestsLinkOutOfTheRepositoryIsRefused() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("pr/exercises/01-basics"));
        write(temp.resolve("elsewhere/01-adder/adder.py"), ADD_RIGHT);
        Files.createSymbolicLink(repo.resolve("01-adder"), temp.resolve("elsewhere/01-adder"));
        GradeFixtures.Captured run = new GradeFixtures.Captured(temp.resolve("pr"), Map.of());

        int code = run.run("grade", "adder", "--pack", temp.resolve("pack").toString(), "-f", "json=report.json");

        assertThat(code).as(run.err.toString()).isEqualTo(ExitCode.FAILED);
        JsonNode report = JSON.readTree(temp.resolve("pr/report.json").toFile());
        assertThat(report.path("submissions")
                        .get(0)
                        .path("grading")
                        .path("loadError")
                        .path("message")
                        .asString())
                .contains("is a link to somewhere outside the graded repository");
    }

    @Test
    void anExerciseFolderWithTooManyFilesOrTooDeepIsRefusedWithWhatToRemove() throws Exception {
        Path many = cohort.resolve("ana/exercises/01-basics/01-adder");
        write(many.resolve("adder.py"), ADD_RIGHT);
        for (int i = 0; i < 1_000; i++) {
            Files.createFile(many.resolve("m" + i + ".py"));
        }
        Path deep = cohort.resolve("dee/exercises/01-basics/01-adder");
        write(deep.resolve("adder.py"), ADD_RIGHT);
        write(deep.resolve("a/".repeat(17) + "x.py"), "");
        GradeFixtures.Captured run = new GradeFixtures.Captured(temp, Map.of());

        run.run("grade", "--batch", "cohort", "adder", "--pack", "pack", "-f", "json=report.json");

        JsonNode report = JSON.readTree(temp.resolve("report.json").toFile());
        assertThat(status(report, "ben")).isEqualTo("pass");
        assertThat(loadError(report, "ana").path("message").asString())
                .contains("has more than 1000 files to copy; sprout copies at most 1000", "remove the files");
        assertThat(loadError(report, "dee").path("message").asString())
                .contains("nested more than 16 deep", "move or remove the deep folders");
        assertThat(loadError(report, "ana").path("type").asString()).isEqualTo("FolderRefused");
    }

    private static JsonNode submission(JsonNode report, String student) {
        for (JsonNode s : report.path("submissions")) {
            if (s.path("student").asString().equals(student)) {
                return s;
            }
        }
        throw new AssertionError("no submission of " + student + " in " + report);
    }

    private static String status(JsonNode report, String student) {
        return submission(report, student).path("status").asString();
    }

    private static JsonNode loadError(JsonNode report, String student) {
        return submission(report, student).path("grading").path("loadError");
    }
}
