package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sprout.report.BatchJson;
import dev.sprout.result.GradeResult;
import dev.sprout.result.SubmissionResult;

/** Shard files come back through CI artifacts: merge trusts no name in them. */
class GradeMergeSafetyTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "student {0}, exercise {1}, path {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "../../escaped|adder|exercises/a/adder.py",
                "/tmp/abs|adder|exercises/a/adder.py",
                "ana|../../escaped|exercises/a/adder.py",
                "ana|adder|/etc/passwd",
                "ana|adder|exercises/../../x.py",
                "an\u001b[31ma|adder|exercises/a/adder.py",
                "ana|adder|exercises/a/add\u0007er.py",
            })
    void refusesShardsWhoseNamesCouldLeaveTheReportFolderOrForgeLines(String student, String exercise, String path)
            throws Exception {
        Path shard = temp.resolve("shard.json");
        Files.writeString(
                shard, BatchJson.write(List.of(submission(student, exercise, path)), "the pack p (sha256 1)"));
        GradeFixtures.Captured run = new GradeFixtures.Captured(temp, Map.of());

        int code = run.run("grade", "merge", shard.toString(), "--format", "json=out/", "--format", "gradescope=gs/");

        assertThat(code).as(run.err.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err.toString()).contains("shard.json holds a submission with an unsafe name");
        assertThat(temp.resolve("out")).doesNotExist();
        assertThat(temp.resolve("gs")).doesNotExist();
        assertThat(temp.getParent().resolve("escaped")).doesNotExist();
    }

    @Test
    void refusesShardsGradedWithDifferentPacksAndCarriesTheSharedPackIntoTheMergedReport() throws Exception {
        Path one = temp.resolve("one.json");
        Path two = temp.resolve("two.json");
        Files.writeString(one, BatchJson.write(List.of(submission("ana", "adder", "exercises/a/adder.py")), "pack A"));
        Files.writeString(two, BatchJson.write(List.of(submission("ben", "adder", "exercises/a/adder.py")), "pack B"));
        GradeFixtures.Captured mixed = new GradeFixtures.Captured(temp, Map.of());

        assertThat(mixed.run("grade", "merge", one.toString(), two.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(mixed.err.toString())
                .contains("two.json was graded with pack B", "merge only shards graded with the same pack");

        Files.writeString(two, BatchJson.write(List.of(submission("ben", "adder", "exercises/a/adder.py")), "pack A"));
        GradeFixtures.Captured same = new GradeFixtures.Captured(temp, Map.of());
        same.run("grade", "merge", one.toString(), two.toString(), "--format", "json=merged.json");
        assertThat(BatchJson.pack(Files.readString(temp.resolve("merged.json"))))
                .isEqualTo("pack A");
    }

    private static SubmissionResult submission(String student, String exercise, String path) {
        return new SubmissionResult(
                student,
                path,
                new GradeResult(exercise, "Adder", "adder.py", Optional.empty(), List.of(), 1, "Python 3"));
    }
}
