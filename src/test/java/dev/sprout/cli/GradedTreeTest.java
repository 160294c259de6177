package dev.sprout.cli;

import static dev.sprout.cli.GradeFixtures.PACK;
import static dev.sprout.cli.GradeFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sprout.catalog.Pack;

/**
 * In CI the learner controls the whole graded tree (docs/security.md): its sprout.yaml chooses no
 * program and its graders/ no grade. Each attack runs through the real CLI against a pull
 * request's workspace holding the hello-input starter, which fails every real check.
 */
class GradedTreeTest {

    private static final String HELLO = "exercises/01-week1/01-hello-input";
    private static final String ALWAYS_TRUE = """
            version: 1
            title: "Monday: your program says hello"
            entry: hello.py
            tasks:
              - name: "anything passes"
                cases:
                  - name: "one is one"
                    points: 100
                    expr: "1"
                    expect: {value: 1}
            """;

    @TempDir
    Path temp;

    Path tree;
    Path outside;

    @BeforeEach
    void aPullRequestsTree() throws Exception {
        tree = Files.createDirectories(temp.resolve("pr"));
        outside = Files.createDirectories(temp.resolve("outside"));
        GradeFixtures.copyTree(PACK.resolve(HELLO), Files.createDirectories(tree.resolve(HELLO)));
    }

    @Test
    void theTreesOwnAlwaysTrueGradersAreIgnoredAndTheReportNamesTheBuiltInPackAndItsHash() throws Exception {
        write(tree.resolve("graders/01-week1/01-hello-input/grader.yaml"), ALWAYS_TRUE);
        GradeFixtures.Captured run = new GradeFixtures.Captured(tree, Map.of());

        int code = run.run("grade", "hello-input", "--format", "console", "--format", "json=report.json");

        assertThat(code).as(run.err.toString()).isEqualTo(ExitCode.FAILED);
        String hash = Pack.load(PACK).fingerprint();
        JsonNode json = JsonMapper.builder()
                .build()
                .readTree(tree.resolve("report.json").toFile());
        assertThat(json.path("summary").path("score").asInt()).isZero();
        assertThat(json.path("pack").asString())
                .startsWith("the built-in pack ")
                .endsWith("(sha256 " + hash + ")");
        assertThat(run.out.toString()).contains("Graded with the built-in pack", hash);
        assertThat(run.err.toString()).contains(tree.resolve("graders") + " is ignored", "--trust-tree-pack");
    }

    @Test
    void theTreesOwnGradersCountOnlyWithTheOptInAndThenLoudly() throws Exception {
        write(tree.resolve("graders/01-week1/01-hello-input/grader.yaml"), ALWAYS_TRUE);
        GradeFixtures.Captured run = new GradeFixtures.Captured(tree, Map.of("GITHUB_ACTIONS", "true"));

        int code = run.run("grade", "hello-input", "--trust-tree-pack", "--format", "json=report.json");

        assertThat(code).as(run.err.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = JsonMapper.builder()
                .build()
                .readTree(tree.resolve("report.json").toFile());
        assertThat(json.path("pack").asString())
                .startsWith("the graded tree's own pack (--trust-tree-pack)")
                .contains(Pack.load(tree).fingerprint());
        assertThat(run.err.toString())
                .contains("warning: grading with graders from inside the graded tree", "::warning title=sprout pack::");
    }

    @Test
    void aPackInsideTheGradedTreeIsRefusedWithoutTheOptIn() throws Exception {
        Path inner = tree.resolve("course");
        write(inner.resolve("graders/01-week1/01-hello-input/grader.yaml"), ALWAYS_TRUE);
        Files.createDirectories(inner.resolve(HELLO));
        GradeFixtures.Captured run = new GradeFixtures.Captured(tree, Map.of());

        int code = run.run("grade", "hello-input", "--pack", "course");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(run.err.toString()).contains("--pack course is inside the tree being graded", "--trust-tree-pack");
    }

    @Test
    void aPythonNamedByTheGradedTreesSproutYamlNeverRunsAndGradeSaysSo() throws Exception {
        Path marker = outside.resolve("pwned");
        evilScript(tree.resolve("evil.sh"), marker);
        Files.writeString(tree.resolve("sprout.yaml"), "python: ./evil.sh\nengine: cpython\n");
        GradeFixtures.Captured run = new GradeFixtures.Captured(tree, Map.of());

        int code = run.run("grade", "hello-input", "--format", "json=report.json");

        assertThat(marker).as("the tree's program ran on the host").doesNotExist();
        assertThat(code).as(run.err.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err.toString()).contains(tree.resolve("sprout.yaml") + " is ignored", "--python");
        JsonNode json = JsonMapper.builder()
                .build()
                .readTree(tree.resolve("report.json").toFile());
        assertThat(json.path("submissions")
                        .get(0)
                        .path("grading")
                        .path("runWith")
                        .asString())
                .doesNotContain("evil")
                .contains("Python 3.");
    }

    @Test
    void atTheKeyboardSproutYamlMayNameOnlyAnAbsoluteInterpreterOutsideTheWorkspace() throws Exception {
        Path marker = outside.resolve("pwned");
        evilScript(tree.resolve("evil.sh"), marker);
        for (String python : new String[] {
            "./evil.sh",
            "evil.sh",
            tree.resolve("evil.sh").toString(),
            tree.resolve("exercises/../evil.sh").toString()
        }) {
            Files.writeString(tree.resolve("sprout.yaml"), "python: " + python + "\n");
            GradeFixtures.Captured run = new GradeFixtures.Captured(tree, Map.of());

            int code = run.run("submit", "hello-input");

            assertThat(marker)
                    .as("the workspace's program ran for python: " + python)
                    .doesNotExist();
            assertThat(code).as(run.err.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err.toString())
                    .contains("sprout.yaml: python: must be the absolute path of an interpreter "
                            + "outside the workspace");
        }
        // a link from outside into the workspace is judged by where it leads
        Path link = Files.createSymbolicLink(outside.resolve("python3"), tree.resolve("evil.sh"));
        Files.writeString(tree.resolve("sprout.yaml"), "python: " + link + "\n");
        GradeFixtures.Captured linked = new GradeFixtures.Captured(tree, Map.of());
        assertThat(linked.run("submit", "hello-input"))
                .as(linked.err.toString())
                .isEqualTo(ExitCode.USAGE);
        assertThat(marker).doesNotExist();
    }

    /** A "python" that leaves a marker outside the tree, then behaves like python3 so nothing else looks wrong. */
    static void evilScript(Path script, Path marker) throws Exception {
        Files.writeString(script, "#!/bin/sh\ntouch '" + marker + "'\nexec python3 \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
