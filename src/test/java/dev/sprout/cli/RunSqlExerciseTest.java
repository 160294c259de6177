package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sprout run` starts Python programs; on an exercise of SQL queries it says how to check them instead. */
class RunSqlExerciseTest {

    @TempDir
    Path ws;

    @Test
    void runOnAnExerciseOfSqlQueriesPointsToSubmit() {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();

        CliRun run = CliRun.in(ws, "run", "sql-fundamentals");

        assertThat(run.exit()).as(run.all()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err())
                .contains("queries.sql holds SQL queries, which `sprout run` cannot start: check them with "
                        + "`sprout submit sql-fundamentals`.");
    }
}
