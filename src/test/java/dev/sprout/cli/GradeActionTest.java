package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The composite action learners use in one line: it parses, and everything it runs exists. */
class GradeActionTest {

    private static final Path ROOT = GradeFixtures.PACK;
    private static final Pattern ACTION_FILE =
            Pattern.compile("(?:\\$GITHUB_ACTION_PATH|\\$\\{\\{ github\\.action_path }})/([\\w./-]+)");

    @TempDir
    Path temp;

    @Test
    void isACompositeActionWhoseScriptsExistAndParse() throws Exception {
        JsonNode action =
                YAMLMapper.builder().build().readTree(ROOT.resolve("action.yml").toFile());
        assertThat(action.path("name").asString()).isNotBlank();
        assertThat(action.path("runs").path("using").asString()).isEqualTo("composite");

        List<String> scripts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        StringBuilder everything = new StringBuilder();
        for (JsonNode step : action.path("runs").path("steps")) {
            if (step.has("id")) {
                ids.add(step.path("id").asString());
            }
            if (step.has("uses")) {
                assertThat(step.path("uses").asString()).matches("[\\w-]+/[\\w-]+@v\\d+");
                continue;
            }
            String run = step.path("run").asString();
            assertThat(step.path("shell").asString())
                    .as(step.path("name").asString())
                    .isEqualTo("bash");
            // Expressions pasted into a script are a script-injection hole; values travel in env.
            assertThat(run).doesNotContain("${{");
            Path script = Files.writeString(temp.resolve("step-" + scripts.size() + ".sh"), run);
            assertThat(bash("-n", script.toString()))
                    .as("bash -n of step %s", step.path("name").asString())
                    .isZero();
            scripts.add(run);
            everything.append(run).append('\n');
            step.path("env")
                    .forEach(value -> everything.append(value.asString()).append('\n'));
        }
        for (JsonNode step : action.path("runs").path("steps")) {
            step.path("with")
                    .forEach(value -> everything.append(value.asString()).append('\n'));
        }
        Matcher files = ACTION_FILE.matcher(everything);
        int referenced = 0;
        while (files.find()) {
            Path file = ROOT.resolve(files.group(1));
            assertThat(file).as("referenced by action.yml").exists();
            if (file.getFileName().toString().equals("sprout")) {
                assertThat(Files.isExecutable(file)).isTrue();
            }
            referenced++;
        }
        assertThat(referenced).isGreaterThanOrEqualTo(2);

        assertThat(everything)
                .contains(
                        "apt-get install",
                        "bubblewrap",
                        "python3-flask",
                        "kernel.apparmor_restrict_unprivileged_userns=0",
                        "grade",
                        "--changed-since",
                        "--format github",
                        "github.event.pull_request.base.sha");
        assertThat(action.path("runs").path("steps").findValuesAsString("uses"))
                .anyMatch(u -> u.startsWith("actions/setup-java@"))
                .anyMatch(u -> u.startsWith("actions/upload-artifact@"));
        for (String output : List.of("score", "max_score", "status")) {
            assertThat(action.path("outputs").path(output).path("value").asString())
                    .isEqualTo("${{ steps.grade.outputs." + output + " }}");
        }
        assertThat(ids).contains("grade");
    }

    // the workflow `sprout init` writes is tested in InitWorkflowTest

    @Test
    void theDocsShowTheOneLineUsage() throws Exception {
        String docs = Files.readString(ROOT.resolve("docs/grading-in-ci.md"));
        assertThat(docs)
                .contains(
                        "uses: ./.sprout-action",
                        "sprout init --action-repo",
                        "fetch-depth: 0",
                        "sprout grade --batch",
                        "sprout grade merge");
    }

    private static int bash(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        if (process.exitValue() != 0) {
            System.err.println(output);
        }
        return process.exitValue();
    }
}
