package dev.sprout.cli;

import static dev.sprout.cli.GradeFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A mentor grades a small generated class: every verdict, shards, merge, and the gradebook files. */
class GradeBatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ADD_RIGHT = "def add(a, b):\n    return a + b\n";
    private static final String ADD_WRONG = "def add(a, b):\n    return a - b\n";
    private static final String ADD_SYNTAX = "def add(a, b)\n    return a + b\n";
    private static final String ADD_LOOPS = "def add(a, b):\n    while True:\n        pass\n";
    private static final String ADD_CRASHES_ON_IMPORT = "raise RuntimeError('oops')\n";
    private static final String SHOUT_RIGHT = "def shout(text):\n    return text.upper() + '!'\n";
    private static final String SHOUT_DROPS_SPACES =
            "def shout(text):\n    return text.upper().replace(' ', '') + '!'\n";

    @TempDir
    static Path temp;

    static Path pack;
    static Path cohort;
    /** "student/exercise" → expected status, for every submission the cohort holds. */
    static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    @BeforeAll
    static void generateCohort() throws Exception {
        pack = GradeFixtures.tinyPack(temp.resolve("pack"));
        cohort = temp.resolve("cohort");
        student("s01-ana", ADD_RIGHT, SHOUT_RIGHT, "pass", "pass");
        student("s02-ben", ADD_WRONG, SHOUT_RIGHT, "fail", "pass");
        student("s03-cai", ADD_SYNTAX, SHOUT_RIGHT, "error", "pass");
        // Code that ran and looped did run: a fail, as docs/grading-in-ci.md says, not an error.
        student("s04-dee", ADD_LOOPS, null, "fail", null);
        // Raising on import leaves no case able to run: every verdict is an error, so the submission is one too.
        student("s05-eve", ADD_CRASHES_ON_IMPORT, SHOUT_DROPS_SPACES, "error", "fail");
        student("s06-fay", ADD_RIGHT, SHOUT_DROPS_SPACES, "pass", "fail");
        student("s07-gus", ADD_RIGHT, SHOUT_RIGHT, "pass", "pass");
        student("s08-hal", null, SHOUT_RIGHT, null, "pass");
        student("s09-ivy", ADD_WRONG, SHOUT_DROPS_SPACES, "fail", "fail");
        // Not students: a stray file, a hidden folder, and a folder without exercises/.
        write(cohort.resolve("roster.txt"), "ana ben cai\n");
        write(cohort.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        write(cohort.resolve("s10-jon/adder.py"), ADD_RIGHT);
    }

    private static void student(String name, String adder, String shout, String adderStatus, String shoutStatus)
            throws Exception {
        Path ws = cohort.resolve(name).resolve("exercises/01-basics");
        if (adder != null) {
            write(ws.resolve("01-adder/adder.py"), adder);
            EXPECTED.put(name + "/adder", adderStatus);
        }
        if (shout != null) {
            write(ws.resolve("02-shout/shout.py"), shout);
            EXPECTED.put(name + "/shout", shoutStatus);
        }
    }

    @Test
    void gradesEveryStudentAndShardsMergeToTheSameResult() throws Exception {
        Path reports = temp.resolve("reports");
        GradeFixtures.Captured whole = new GradeFixtures.Captured(temp, Map.of());
        int code = whole.run(
                "grade",
                "--batch",
                "cohort",
                "--pack",
                "pack",
                "--jobs",
                "2",
                "-f",
                "console",
                "-f",
                "json=reports/all.json",
                "-f",
                "csv=reports/all.csv",
                "-f",
                "gradescope=reports/gradescope.json",
                "-f",
                "junit=reports/junit.xml");

        assertThat(code).as(whole.err.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(whole.err.toString()).contains("Skipped s10-jon").doesNotContain("roster");
        assertThat(whole.err
                        .toString()
                        .lines()
                        .filter(l -> l.matches("\\[\\d+/16] .*"))
                        .toList())
                .as(whole.err.toString())
                .hasSize(16);

        // Every verdict, from the gradebook.
        List<String> csv = Files.readAllLines(reports.resolve("all.csv"));
        assertThat(csv.get(0)).isEqualTo("student,exercise,status,score,max_score");
        Map<String, String> statuses = new LinkedHashMap<>();
        int csvScore = 0;
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells).hasSize(5);
            statuses.put(cells[0] + "/" + cells[1], cells[2]);
            csvScore += Integer.parseInt(cells[3]);
            assertThat(Integer.parseInt(cells[4])).isEqualTo(cells[1].equals("adder") ? 3 : 2);
        }
        assertThat(statuses).containsExactlyEntriesOf(EXPECTED);

        JsonNode all = JSON.readTree(reports.resolve("all.json").toFile());
        assertThat(all.path("summary").path("score").asInt()).isEqualTo(csvScore);
        assertThat(submission(all, "s04-dee", "adder").path("results").path("tests"))
                .allSatisfy(t -> assertThat(t.path("sprout_status").asString()).isIn("timeout", "cpu-limit"));
        assertThat(submission(all, "s03-cai", "adder")
                        .path("results")
                        .path("message")
                        .asString())
                .contains("SyntaxError")
                .contains("line 1");
        assertThat(submission(all, "s06-fay", "shout")
                        .path("results")
                        .path("tests")
                        .get(1)
                        .path("message")
                        .asString())
                .isEqualTo("A hidden check failed.");

        // Gradescope's results.json: total score, one test per case (or per unreadable file).
        JsonNode gradescope = JSON.readTree(reports.resolve("gradescope.json").toFile());
        assertThat(gradescope.path("score").asInt()).isEqualTo(csvScore);
        int testScore = 0;
        for (JsonNode test : gradescope.path("tests")) {
            assertThat(test.path("name").asString()).matches("s\\d\\d-\\w+/(adder|shout): .+");
            assertThat(test.path("status").asString()).isIn("passed", "failed");
            assertThat(test.path("visibility").asString()).isEqualTo("visible");
            assertThat(test.has("max_score") && test.has("output")).isTrue();
            testScore += test.path("score").asInt();
        }
        assertThat(testScore).isEqualTo(csvScore);
        assertThat(gradescope.path("tests"))
                .anySatisfy(t -> assertThat(t.path("name").asString()).isEqualTo("s03-cai/adder: the file runs"));

        // JUnit XML: one suite per submission, named after it.
        Document junit = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(reports.resolve("junit.xml")))));
        assertThat(junit.getDocumentElement().getTagName()).isEqualTo("testsuites");
        Set<String> suites = new HashSet<>();
        var nodes = junit.getElementsByTagName("testsuite");
        for (int i = 0; i < nodes.getLength(); i++) {
            suites.add(((Element) nodes.item(i)).getAttribute("name"));
        }
        assertThat(suites).isEqualTo(EXPECTED.keySet());

        // Two shards, then merge: the same gradebook and the same per-submission results.
        for (String shard : List.of("1/2", "2/2")) {
            GradeFixtures.Captured part = new GradeFixtures.Captured(temp, Map.of());
            part.run(
                    "grade",
                    "--batch",
                    "cohort",
                    "--pack",
                    "pack",
                    "--shard",
                    shard,
                    "-f",
                    "json=reports/shard-" + shard.charAt(0) + ".json");
            assertThat(part.err.toString()).contains("sprout: ");
        }
        List<String> sizes = new ArrayList<>();
        for (String n : List.of("1", "2")) {
            sizes.add(String.valueOf(
                    JSON.readTree(reports.resolve("shard-" + n + ".json").toFile())
                            .path("submissions")
                            .size()));
        }
        assertThat(sizes).containsExactly("8", "8");
        GradeFixtures.Captured merge = new GradeFixtures.Captured(temp, Map.of());
        int merged = merge.run(
                "grade",
                "merge",
                "reports/shard-2.json",
                "reports/shard-1.json",
                "-f",
                "csv=reports/merged.csv",
                "-f",
                "json=reports/merged.json");
        assertThat(merged).as(merge.err.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(Files.readString(reports.resolve("merged.csv")))
                .isEqualTo(Files.readString(reports.resolve("all.csv")));
        JsonNode mergedJson = JSON.readTree(reports.resolve("merged.json").toFile());
        assertThat(mergedJson.path("summary")).isEqualTo(all.path("summary"));
        // Merging loses nothing the shards wrote...
        Map<String, JsonNode> fromShards = new LinkedHashMap<>();
        for (String n : List.of("1", "2")) {
            for (JsonNode s : JSON.readTree(
                            reports.resolve("shard-" + n + ".json").toFile())
                    .path("submissions")) {
                fromShards.put(
                        s.path("student").asString() + "/" + s.path("exercise").asString(), s);
            }
        }
        for (JsonNode s : mergedJson.path("submissions")) {
            assertThat(s)
                    .isEqualTo(fromShards.get(s.path("student").asString() + "/"
                            + s.path("exercise").asString()));
        }
        // ...and grades each case as the unsharded run did (a loop's message names wherever it was stopped).
        for (int i = 0; i < all.path("submissions").size(); i++) {
            assertThat(withoutMessages(mergedJson.path("submissions").get(i).path("results")))
                    .isEqualTo(withoutMessages(all.path("submissions").get(i).path("results")));
        }

        GradeFixtures.Captured never = new GradeFixtures.Captured(temp, Map.of());
        assertThat(never.run(
                        "grade",
                        "merge",
                        "reports/shard-1.json",
                        "reports/shard-2.json",
                        "--fail-on",
                        "never",
                        "-f",
                        "csv"))
                .isZero();
        GradeFixtures.Captured twice = new GradeFixtures.Captured(temp, Map.of());
        assertThat(twice.run("grade", "merge", "reports/shard-1.json", "reports/shard-1.json"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(twice.err.toString()).contains("is in both");
    }

    @Test
    void aSubmissionThatCouldNotBeGradedStillHasItsSuiteInTheJUnitReport() throws Exception {
        GradeFixtures.Captured run = new GradeFixtures.Captured(temp, Map.of());
        run.run(
                "grade",
                "--batch",
                "cohort",
                "--pack",
                "pack",
                "shout",
                "--shard",
                "4/9",
                "-f",
                "junit=reports/junit.xml");
        // s04-dee has no shout.py: JSON and the console count it as an error, so must the JUnit report
        Element root = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(temp.resolve("reports/junit.xml").toFile())
                .getDocumentElement();
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        Element suite = (Element) root.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("s04-dee/shout");
        assertThat(((Element) suite.getElementsByTagName("error").item(0)).getAttribute("message"))
                .contains("is missing");
    }

    @Test
    void namedExercisesAreGradedForEveryStudentAndAMissingFileIsAnError() throws Exception {
        GradeFixtures.Captured run = new GradeFixtures.Captured(temp, Map.of());
        int code = run.run(
                "grade",
                "--batch",
                "cohort",
                "--pack",
                "pack",
                "shout",
                "--shard",
                "4/9",
                "--fail-on",
                "error",
                "-f",
                "csv",
                "-f",
                "json=reports/each/",
                "-f",
                "gradescope=reports/gradescope/");
        // Sorted s01…s09 by shout, the 4th of every 9 is s04-dee, who has no shout.py.
        assertThat(run.out.toString())
                .isEqualTo("student,exercise,status,score,max_score\r\ns04-dee,shout,error,0,2\r\n");
        assertThat(code).isEqualTo(ExitCode.FAILED);
        JsonNode exercism = JSON.readTree(
                temp.resolve("reports/each/s04-dee/shout/results.json").toFile());
        assertThat(exercism.path("version").asInt()).isEqualTo(3);
        assertThat(exercism.path("status").asString()).isEqualTo("error");
        assertThat(exercism.path("message").asString()).contains("is missing");
        JsonNode gradescope = JSON.readTree(
                temp.resolve("reports/gradescope/s04-dee/results.json").toFile());
        assertThat(gradescope.path("score").asInt()).isZero();
        assertThat(gradescope.path("tests").get(0).path("max_score").asInt()).isEqualTo(2);
    }

    /**
     * Students are hostile to each other (issue #12, item 14). On tier B a pack or class folder
     * other users can walk into hands every student the expected values, the solutions and the
     * classmates' code (as root each student's code runs as a user of its own; without root, as
     * sprout's user): sprout says so and grades only with --allow-weak-sandbox.
     */
    @Test
    void aBatchOnTierBSaysWhatStudentsCouldReadAndGradesOnlyWhenAllowed() throws Exception {
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(temp);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            GradeFixtures.Captured refused = new GradeFixtures.Captured(temp, Map.of());
            int code = refused.run(
                    "grade",
                    "--batch",
                    "cohort",
                    "--pack",
                    "pack",
                    "adder",
                    "--sandbox",
                    "launcher",
                    "--max-time",
                    "0");

            assertThat(code).as(refused.err.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(refused.err.toString())
                    .contains("expected values")
                    .contains("other students' code")
                    .contains("--allow-weak-sandbox");

            GradeFixtures.Captured allowed = new GradeFixtures.Captured(temp, Map.of());
            code = allowed.run(
                    "grade",
                    "--batch",
                    "cohort",
                    "--pack",
                    "pack",
                    "adder",
                    "--sandbox",
                    "launcher",
                    "--max-time",
                    "0",
                    "--allow-weak-sandbox");

            assertThat(code).as(allowed.err.toString()).isEqualTo(ExitCode.FAILED); // --max-time 0: none graded
            assertThat(allowed.err.toString()).contains("warning: ").contains("expected values");
        } finally {
            Files.setPosixFilePermissions(temp, before);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            // as root, with the pack and the class closed to other users, each student sees only its own copy
            GradeFixtures.Captured closed = new GradeFixtures.Captured(temp, Map.of());
            int code = closed.run(
                    "grade",
                    "--batch",
                    "cohort",
                    "--pack",
                    "pack",
                    "adder",
                    "--sandbox",
                    "launcher",
                    "--max-time",
                    "0");
            assertThat(code).as(closed.err.toString()).isEqualTo(ExitCode.FAILED);
            assertThat(closed.err.toString()).doesNotContain("--allow-weak-sandbox");
        }
    }

    @Test
    void aBatchOnTierAExposesNothingAndNeedsNoFlag() {
        GradeFixtures.Captured run = new GradeFixtures.Captured(temp, Map.of());
        int code = run.run(
                "grade", "--batch", "cohort", "--pack", "pack", "adder", "--sandbox", "bwrap", "--max-time", "0");
        assertThat(code).as(run.err.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err.toString()).doesNotContain("--allow-weak-sandbox");
    }

    @Test
    void aBatchOutOfTimeReportsTheRestAsNotGraded() throws Exception {
        GradeFixtures.Captured run = new GradeFixtures.Captured(temp, Map.of());
        int code = run.run(
                "grade",
                "--batch",
                "cohort",
                "--pack",
                "pack",
                "adder",
                "--max-time",
                "0",
                "-f",
                "json=reports/late.json");
        assertThat(code).isEqualTo(ExitCode.FAILED);
        JsonNode late = JSON.readTree(temp.resolve("reports/late.json").toFile());
        assertThat(late.path("summary").path("errored").asInt()).isEqualTo(9);
        assertThat(late.path("submissions")
                        .get(0)
                        .path("results")
                        .path("message")
                        .asString())
                .contains("ran out of time (--max-time)");
        assertThat(run.err.toString()).contains("9 of 9 submissions were not graded");
    }

    @Test
    void drawsAProgressBarOnATerminal() {
        GradeFixtures.Captured run = new GradeFixtures.Captured(temp, Map.of("NO_COLOR", "1"), true);
        run.run("grade", "--batch", "cohort", "--pack", "pack", "shout", "--shard", "4/9", "-f", "csv");
        assertThat(run.err.toString()).contains("\rGrading", "1/1").doesNotContain("[1/1]");
    }

    @Test
    void rejectsTwoWaysOfChoosingAtOnceAndBadShards() {
        GradeFixtures.Captured both = new GradeFixtures.Captured(temp, Map.of());
        assertThat(both.run("grade", "--batch", "cohort", "--all", "--pack", "pack"))
                .isEqualTo(ExitCode.USAGE);
        GradeFixtures.Captured shard = new GradeFixtures.Captured(temp, Map.of());
        assertThat(shard.run("grade", "--batch", "cohort", "--pack", "pack", "--shard", "3/2"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(shard.err.toString()).contains("I/N");
        GradeFixtures.Captured screens = new GradeFixtures.Captured(temp, Map.of());
        assertThat(screens.run("grade", "--batch", "cohort", "--pack", "pack", "-f", "csv", "-f", "json"))
                .isEqualTo(ExitCode.USAGE);
        GradeFixtures.Captured folder = new GradeFixtures.Captured(temp, Map.of());
        assertThat(folder.run("grade", "--batch", "cohort", "--pack", "pack", "-f", "csv=grades/"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(folder.err.toString()).contains("only json and gradescope can write a folder");
    }

    private static JsonNode withoutMessages(JsonNode results) {
        JsonNode copy = results.deepCopy();
        copy.path("tests").forEach(t -> ((ObjectNode) t).remove("message"));
        return copy;
    }

    private static JsonNode submission(JsonNode report, String student, String exercise) {
        for (JsonNode s : report.path("submissions")) {
            if (s.path("student").asString().equals(student)
                    && s.path("exercise").asString().equals(exercise)) {
                return s;
            }
        }
        throw new AssertionError(student + "/" + exercise + " not in the report");
    }
}
