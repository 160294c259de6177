package dev.sprout.cli;

import static dev.sprout.cli.GradeFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GitHub annotation for a wrong value, which has no traceback, still lands on a line the learner can act on. */
class AnnotationLineTest {

    @TempDir
    Path temp;

    @Test
    void aWrongValuePointsAtItsFunctionsDefLineAndAWrongProgramAtTheFirstLine() throws Exception {
        write(
                temp.resolve("pack/graders/01-basics/01-adder/grader.yaml"),
                String.join(
                        "\n",
                        "version: 1",
                        "entry: adder.py",
                        "tasks:",
                        "  - name: \"add\"",
                        "    cases:",
                        "      - name: \"adds\"",
                        "        call: add",
                        "        args: [2, 3]",
                        "        expect: {value: 5}",
                        "      - name: \"prints the sum\"",
                        "        run: {stdin: \"\"}",
                        "        expect: {stdout: {exact: \"5\\n\"}}",
                        ""));
        write(temp.resolve("pack/graders/01-basics/01-adder/solution.py"), "def add(a, b):\n    return a + b\n");
        write(temp.resolve("pack/exercises/01-basics/01-adder/adder.py"), "def add(a, b):\n    pass\n");
        write(
                temp.resolve("cohort/ana/exercises/01-basics/01-adder/adder.py"),
                "# my adder\n\n\ndef add(a, b):\n    return a - b\n\nprint(add(2, 3))\n");

        GradeFixtures.Captured run = new GradeFixtures.Captured(temp, Map.of("GITHUB_ACTIONS", "true"));
        assertThat(run.run("grade", "--batch", "cohort", "--pack", "pack", "-f", "github"))
                .as(run.err.toString())
                .isEqualTo(ExitCode.FAILED);

        List<String> errors = run.out
                .toString()
                .lines()
                .filter(l -> l.startsWith("::error file="))
                .toList();
        assertThat(errors).as(run.out.toString()).hasSize(2);
        assertThat(errors.get(0)).contains("adder.py,line=4").contains("adds");
        assertThat(errors.get(1)).contains("adder.py,line=1").contains("prints the sum");
    }
}
