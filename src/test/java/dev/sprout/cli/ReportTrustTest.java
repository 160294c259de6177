package dev.sprout.cli;

import static dev.sprout.cli.GradeFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports a learner can read carry nothing about hidden cases but name, status and points; one
 * learner's odd text stops no report; reports are never written through a link in the graded tree.
 */
class ReportTrustTest {

    /** Distinctive strings only a hidden case knows (its argument, expectation) or shows (what it got, printed). */
    private static final List<String> SECRETS = List.of("ARGZEBRA", "EXPECTQUOKKA", "ACTUALNARWHAL", "PRINTOCELOT");

    @TempDir
    static Path temp;

    @BeforeAll
    static void packAndCohort() throws IOException {
        write(
                temp.resolve("pack/graders/01-basics/01-secret/grader.yaml"),
                String.join(
                        "\n",
                        "version: 1",
                        "title: \"Secret\"",
                        "entry: secret.py",
                        "limits: {cpu: 2, wall: 8}",
                        "tasks:",
                        "  - name: \"guess\"",
                        "    cases:",
                        "      - name: \"answers hello\"",
                        "        call: guess",
                        "        args: [\"hello\"]",
                        "        expect: {value: \"ok\"}",
                        "      - name: \"the hidden one\"",
                        "        hidden: true",
                        "        call: guess",
                        "        args: [\"ARGZEBRA\"]",
                        "        expect: {value: \"EXPECTQUOKKA\"}",
                        ""));
        write(
                temp.resolve("pack/graders/01-basics/01-secret/solution.py"),
                "def guess(x):\n    return 'ok' if x == 'hello' else 'EXPECTQUOKKA'\n");
        write(temp.resolve("pack/exercises/01-basics/01-secret/secret.py"), "def guess(x):\n    pass\n");
        write(
                temp.resolve("cohort/ana/exercises/01-basics/01-secret/secret.py"),
                String.join(
                        "\n",
                        "def guess(x):",
                        "    if x == 'hello':",
                        "        return 'ok'",
                        "    print('PRINTOCELOT')",
                        "    return 'ACTUALNARWHAL'",
                        ""));
        // A lone surrogate in an exception message, in what the code printed and in its return value.
        write(
                temp.resolve("cohort/ben/exercises/01-basics/01-secret/secret.py"),
                String.join(
                        "\n",
                        "def guess(x):",
                        "    if x == 'hello':",
                        "        return 'bad \\ud800 value'",
                        "    raise ValueError('bad \\udfff text')",
                        ""));
    }

    private static GradeFixtures.Captured grade(Path dir, Map<String, String> env, String... formats) {
        GradeFixtures.Captured run = new GradeFixtures.Captured(dir, env);
        String[] args = Stream.concat(
                        Stream.of("grade", "--batch", "cohort", "--pack", "pack", "--jobs", "2"),
                        Stream.of(formats).flatMap(f -> Stream.of("-f", f)))
                .toArray(String[]::new);
        run.exitCode = run.run(args);
        return run;
    }

    @Test
    void hiddenCasesShowOnlyNameStatusAndPointsInEveryReportALearnerCanRead() throws IOException {
        Path reports = temp.resolve("hidden");
        Map<String, String> github = Map.of(
                "GITHUB_ACTIONS",
                "true",
                "GITHUB_STEP_SUMMARY",
                reports.resolve("summary.md").toString(),
                "GITHUB_OUTPUT",
                reports.resolve("outputs.txt").toString());
        Files.createDirectories(reports);
        GradeFixtures.Captured run = grade(
                temp,
                github,
                "console",
                "console=hidden/console.txt",
                "json=hidden/sprout.json",
                "junit=hidden/junit.xml",
                "csv=hidden/grades.csv",
                "gradescope=hidden/gradescope.json",
                "json=hidden/per-submission/",
                "gradescope=hidden/per-student/",
                "mentor-json=hidden/mentor/mentor.json");

        assertThat(run.exitCode).as(run.err.toString()).isEqualTo(ExitCode.FAILED);
        StringBuilder learnerSees = new StringBuilder(run.out.toString()).append(run.err);
        try (Stream<Path> files = Files.walk(reports)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(reports.resolve("mentor")))
                    .toList()) {
                learnerSees.append(Files.readString(file));
            }
        }
        assertThat(learnerSees).contains("the hidden one", "ana/secret", "<testsuite");
        assertThat(Files.readString(reports.resolve("summary.md"))).contains("the hidden one");
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("the hidden one", "A hidden check failed.");
        for (String secret : SECRETS) {
            assertThat(learnerSees.toString()).as(secret).doesNotContain(secret);
        }
        // The mentor's record keeps everything.
        assertThat(Files.readString(reports.resolve("mentor/mentor.json")))
                .contains("ARGZEBRA", "EXPECTQUOKKA", "ACTUALNARWHAL", "PRINTOCELOT");
    }

    @Test
    void aLoneSurrogateFromLearnerCodeStopsNoReport() throws IOException {
        Path reports = temp.resolve("surrogate");
        Files.createDirectories(reports);
        Map<String, String> github =
                Map.of("GITHUB_STEP_SUMMARY", reports.resolve("summary.md").toString());
        GradeFixtures.Captured run = grade(
                temp,
                github,
                "github",
                "console=surrogate/console.txt",
                "json=surrogate/sprout.json",
                "junit=surrogate/junit.xml",
                "csv=surrogate/grades.csv",
                "gradescope=surrogate/gradescope.json",
                "mentor-json=surrogate/mentor.json");

        assertThat(run.exitCode).as(run.err.toString()).isEqualTo(ExitCode.FAILED);
        for (String name : List.of(
                "console.txt",
                "sprout.json",
                "junit.xml",
                "grades.csv",
                "gradescope.json",
                "mentor.json",
                "summary.md")) {
            String text = new String(Files.readAllBytes(reports.resolve(name)), StandardCharsets.UTF_8);
            assertThat(text).as(name).contains("ben");
        }
        assertThat(Files.readString(reports.resolve("mentor.json"))).contains("bad \uFFFD text");
    }

    @Test
    void learnerTextAndStudentNamesRunNoWorkflowCommandAndNoTerminalEscape() throws Exception {
        Path root = Files.createDirectories(temp.resolve("hostile"));
        GradeFixtures.copyTree(temp.resolve("pack"), root.resolve("pack"));
        write(
                root.resolve("cohort/\u001b[2J/exercises/01-basics/01-secret/secret.py"),
                "def guess(x):\n    return 'ok'\n");
        write(
                root.resolve("cohort/::error title=pwned::owned/exercises/01-basics/01-secret/secret.py"),
                String.join(
                        "\n",
                        "def guess(x):",
                        "    print('::add-mask::x')",
                        "    raise ValueError('<b>x</b> oops\\n::notice::pwned\\n  ::set-output name=score::100\\n\\x1b[2J\\x07')",
                        ""));
        Map<String, String> github = Map.of(
                "GITHUB_ACTIONS",
                "true",
                "GITHUB_STEP_SUMMARY",
                root.resolve("summary.md").toString());
        GradeFixtures.Captured run = grade(root, github, "console", "csv", "junit=junit.xml");

        assertThat(run.exitCode).as(run.err.toString()).isEqualTo(ExitCode.FAILED);
        String log = run.out.toString() + run.err;
        assertThat(log)
                .contains(
                        "title=%3A%3Aerror title=pwned%3A%3Aowned/secret",
                        "oops%0A::notice::pwned%0A",
                        "› ::error title=pwned::owned/secret",
                        "› ::error title=pwned::owned,secret")
                .doesNotContain("\u001b", "\u0007");
        assertThat(log.lines().map(String::stripLeading).filter(l -> l.startsWith("::") || l.startsWith("##[")))
                .isNotEmpty()
                .allMatch(l -> l.startsWith("::error file="));
        // JUnit XML with the learner's escape characters in messages and suite names still parses; the student
        // folder named with an escape sequence is skipped before grading (a name with control characters)
        assertThat(DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(root.resolve("junit.xml").toFile())
                        .getElementsByTagName("testsuite")
                        .getLength())
                .isEqualTo(1);
        String summary = Files.readString(root.resolve("summary.md"));
        assertThat(summary)
                .contains("&lt;b&gt;", "%3A%3Aerror".replace("%3A", ":"))
                .doesNotContain("<b>", "\u001b");
    }

    @Test
    void refusesToWriteThroughACommittedSymlinkAndStillWritesTheOtherReports() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path victim = Files.writeString(outside.resolve("sprout.json"), "KEEP ME\n");
        Path victimCsv = Files.writeString(outside.resolve("grades.csv"), "KEEP ME TOO\n");
        Files.createSymbolicLink(temp.resolve("sprout-reports"), outside);
        Files.createSymbolicLink(temp.resolve("link.csv"), victimCsv);

        GradeFixtures.Captured run = grade(
                temp,
                Map.of(),
                "json=sprout-reports/sprout.json",
                "csv=link.csv",
                "gradescope=real-reports/gradescope.json");

        assertThat(run.exitCode).as(run.err.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readString(victim)).isEqualTo("KEEP ME\n");
        assertThat(Files.readString(victimCsv)).isEqualTo("KEEP ME TOO\n");
        assertThat(run.err.toString())
                .contains(
                        "the json report",
                        "sprout-reports is a symbolic link",
                        "the csv report",
                        "link.csv is a symbolic link");
        assertThat(temp.resolve("real-reports/gradescope.json")).isRegularFile();
    }

    @Test
    void submitRefusesAnOutputFileThatIsASymlink(@TempDir Path workspace) throws IOException {
        GradeFixtures.copyTree(temp.resolve("pack"), workspace);
        Path outside = Files.writeString(temp.resolve("submit-victim.txt"), "KEEP ME\n");
        Path exercise = workspace.resolve("exercises/01-basics/01-secret");
        // beside the workspace, not inside the exercise folder: a link there is refused before grading starts
        Files.createSymbolicLink(workspace.resolve("report.json"), outside);

        GradeFixtures.Captured run = new GradeFixtures.Captured(exercise, Map.of());
        int code = run.run("submit", "--format", "json", "--output", "../../../report.json");

        assertThat(code).as(run.err.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readString(outside)).isEqualTo("KEEP ME\n");
        assertThat(run.err.toString()).contains("report.json is a symbolic link");
    }
}
