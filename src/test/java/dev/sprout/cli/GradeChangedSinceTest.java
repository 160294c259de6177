package dev.sprout.cli;

import static dev.sprout.cli.GradeFixtures.PACK;
import static dev.sprout.cli.GradeFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sprout.catalog.Pack;

/** A learner's pull request, graded the way the GitHub Action grades it. */
class GradeChangedSinceTest {

    private static final Path CALCULATOR = Path.of("exercises/01-week1/06-calculator/calculator.py");
    private static final Path IF_ELSE = Path.of("exercises/01-week1/04-if-else/if_else.py");

    @TempDir
    Path temp;

    @Test
    void annotatesFailingLinesWritesSummaryAndOutputsAndFailsTheCheck() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("python-learning"));
        GradeFixtures.copyTree(PACK.resolve("exercises"), repo.resolve("exercises"));
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "starters");
        git(repo, "checkout", "-q", "-b", "week1");
        Path bad = PACK.resolve("graders/01-week1/06-calculator/bad/zero_division_not_caught.py");
        Files.copy(bad, repo.resolve(CALCULATOR), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                PACK.resolve("graders/01-week1/04-if-else/solution.py"),
                repo.resolve(IF_ELSE),
                StandardCopyOption.REPLACE_EXISTING);
        git(repo, "commit", "-q", "-am", "calculator and if/else");

        Path summary = temp.resolve("step-summary.md");
        Path outputs = temp.resolve("outputs.txt");
        Files.writeString(summary, "earlier step\n");
        GradeFixtures.Captured run = new GradeFixtures.Captured(
                repo,
                Map.of(
                        "GITHUB_ACTIONS",
                        "true",
                        "GITHUB_STEP_SUMMARY",
                        summary.toString(),
                        "GITHUB_OUTPUT",
                        outputs.toString()));

        int code = run.run(
                "grade",
                "--changed-since",
                "main",
                "--pack",
                PACK.toString(),
                "--format",
                "console",
                "--format",
                "json=reports/sprout.json");

        assertThat(code).as(run.err.toString()).isEqualTo(ExitCode.FAILED);
        int line = lineOf(bad, "return a / b");
        List<String> annotations =
                run.out.toString().lines().filter(l -> l.startsWith("::")).toList();
        // The bad file names the cases it must fail on its second line.
        List<String> mustFail = List.of(Files.readAllLines(bad)
                .get(1)
                .replace("# must-fail:", "")
                .strip()
                .split(",\\s*"));
        assertThat(annotations).hasSize(mustFail.size());
        for (String name : mustFail) {
            assertThat(annotations)
                    .anySatisfy(a -> assertThat(a)
                            .startsWith("::error file=" + CALCULATOR + ",line=" + line + ",title=calculator%3A "
                                    + name.replace(",", "%2C") + "::Your code raised ZeroDivisionError"));
        }
        assertThat(annotations).noneMatch(a -> a.contains("if_else.py"));

        Pack pack = Pack.load(PACK);
        int ifElseMax = pack.find("if-else").orElseThrow().spec().maxScore();
        int calculatorMax = pack.find("calculator").orElseThrow().spec().maxScore();
        JsonNode json = JsonMapper.builder()
                .build()
                .readTree(repo.resolve("reports/sprout.json").toFile());
        int score = json.path("summary").path("score").asInt();
        assertThat(json.path("submissions")).hasSize(2);
        assertThat(score).isLessThan(ifElseMax + calculatorMax).isGreaterThanOrEqualTo(ifElseMax);

        String table = Files.readString(summary);
        assertThat(table)
                .startsWith("earlier step\n### sprout: 1 of 2 passed · " + score + "/" + (ifElseMax + calculatorMax));
        assertThat(table)
                .contains(
                        "| Exercise | Status | Points | First failure |",
                        "| if-else (`" + IF_ELSE + "`) | ✅ pass | " + ifElseMax + "/" + ifElseMax + " |  |",
                        "| calculator (`" + CALCULATOR + "`) | ❌ fail | ");
        assertThat(table.lines()
                        .filter(l -> l.startsWith("| calculator"))
                        .findFirst()
                        .orElseThrow())
                .contains(mustFail.get(0) + ": Your code raised ZeroDivisionError");
        assertThat(Files.readString(outputs))
                .isEqualTo("score=" + score + "\nmax_score=" + (ifElseMax + calculatorMax) + "\nstatus=fail\n");
        assertThat(run.out.toString()).contains("Summary: 2 graded: 1 passed, 1 failed, 0 errored");
    }

    @Test
    void includesUncommittedAndUntrackedChangesAndPassesWhenTheyPass() throws Exception {
        Path repo = GradeFixtures.tinyPack(temp.resolve("course"));
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "starters");
        Files.writeString(repo.resolve("exercises/01-basics/01-adder/adder.py"), "def add(a, b):\n    return a + b\n");
        GradeFixtures.write(repo.resolve("exercises/01-basics/02-shout/notes.txt"), "untracked\n");
        Files.writeString(
                repo.resolve("exercises/01-basics/02-shout/shout.py"), "def shout(t):\n    return t.upper() + '!'\n");
        Path outputs = temp.resolve("out.txt");
        GradeFixtures.Captured run =
                new GradeFixtures.Captured(repo, Map.of("GITHUB_ACTIONS", "true", "GITHUB_OUTPUT", outputs.toString()));

        int code = run.run("grade", "--changed-since", "HEAD", "--trust-tree-pack", "--format", "csv");

        assertThat(code).as(run.err.toString()).isZero();
        assertThat(run.out.toString())
                .isEqualTo("student,exercise,status,score,max_score\r\n,adder,pass,3,3\r\n,shout,pass,2,2\r\n");
        assertThat(Files.readString(outputs)).isEqualTo("score=5\nmax_score=5\nstatus=pass\n");
    }

    @Test
    void gradesExercisesNamedByIdOrByFileFromASubfolder() throws Exception {
        Path course = GradeFixtures.tinyPack(temp.resolve("course"));
        Files.writeString(
                course.resolve("exercises/01-basics/01-adder/adder.py"), "def add(a, b):\n    return a + b\n");
        GradeFixtures.Captured run = new GradeFixtures.Captured(course.resolve("exercises/01-basics"), Map.of());

        int code = run.run("grade", "01-adder/adder.py", "shout", "--trust-tree-pack", "-f", "csv");

        assertThat(run.out.toString())
                .isEqualTo("student,exercise,status,score,max_score\r\n,adder,pass,3,3\r\n,shout,fail,0,2\r\n");
        assertThat(code).isEqualTo(ExitCode.FAILED);
        GradeFixtures.Captured unknown = new GradeFixtures.Captured(course, Map.of());
        assertThat(unknown.run("grade", "no-such-exercise", "--trust-tree-pack"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err.toString()).contains("There is no exercise called 'no-such-exercise'");
    }

    @Test
    void nothingChangedGradesNothingAndPasses() throws Exception {
        Path repo = GradeFixtures.tinyPack(temp.resolve("course"));
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "starters");
        Path summary = temp.resolve("summary.md");
        GradeFixtures.Captured run = new GradeFixtures.Captured(
                repo, Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString()));

        assertThat(run.run("grade", "--changed-since", "HEAD", "--trust-tree-pack"))
                .isZero();
        assertThat(Files.readString(summary)).contains("nothing to grade");
    }

    @Test
    void anUnknownRefIsAUsageErrorThatSaysWhatToDo() throws Exception {
        Path repo = GradeFixtures.tinyPack(temp.resolve("course"));
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "starters");
        GradeFixtures.Captured run = new GradeFixtures.Captured(repo, Map.of());

        assertThat(run.run("grade", "--changed-since", "no-such-branch")).isEqualTo(ExitCode.USAGE);
        assertThat(run.err.toString()).contains("no-such-branch", "fetch-depth: 0");
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
