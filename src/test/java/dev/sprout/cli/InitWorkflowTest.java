package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.sprout.batch.CiWorkflow;

/** The GitHub workflow `sprout init` writes: it must run as written, once per pull request. */
class InitWorkflowTest {

    private static final Path WORKFLOW = Path.of(CiWorkflow.PATH);

    @TempDir
    Path home;

    @Test
    void withActionRepoTheWorkflowNamesItOnceAtTheTopAndRunsItsActionFromACheckout() throws Exception {
        CliRun init = CliRun.in(home, "init", "ws", "--no-git", "--action-repo", "ana-l/sprout@v1.2");
        assertThat(init.exit()).as(init.all()).isZero();
        String text = Files.readString(home.resolve("ws").resolve(WORKFLOW));
        assertThat(text).as("no placeholder left").doesNotContain("OWNER/sprout", "@SPROUT_");
        JsonNode workflow = YAMLMapper.builder().build().readTree(text);

        assertThat(workflow.path("env").path("SPROUT_REPOSITORY").asString()).isEqualTo("ana-l/sprout");
        assertThat(workflow.path("env").path("SPROUT_REF").asString()).isEqualTo("v1.2");
        assertThat(text.indexOf("ana-l/sprout"))
                .as("the setting sits near the top")
                .isLessThan(text.indexOf("jobs:"));

        // pushes only on the main branch, so a pull request's own pushes do not grade it a second time
        JsonNode on = workflow.path("on");
        assertThat(names(on)).containsExactlyInAnyOrder("push", "pull_request");
        assertThat(values(on.path("push").path("branches"))).containsExactlyInAnyOrder("main", "master");

        JsonNode steps = workflow.path("jobs").path("grade").path("steps");
        assertThat(steps.get(0).path("uses").asString()).isEqualTo("actions/checkout@v4");
        assertThat(steps.get(0).path("with").path("fetch-depth").asInt(-1)).isZero();
        assertThat(steps.get(1).path("uses").asString()).isEqualTo("actions/checkout@v4");
        assertThat(steps.get(1).path("with").path("repository").asString()).isEqualTo("${{ env.SPROUT_REPOSITORY }}");
        assertThat(steps.get(1).path("with").path("ref").asString()).isEqualTo("${{ env.SPROUT_REF }}");
        String path = steps.get(1).path("with").path("path").asString();
        assertThat(steps.get(2).path("uses").asString()).isEqualTo("./" + path);
        for (JsonNode step : steps) {
            assertThat(step.path("uses").asString())
                    .doesNotContain("OWNER")
                    .matches("actions/checkout@v\\d+|\\./[\\w.-]+");
        }
    }

    @Test
    void withoutActionRepoNoWorkflowIsWrittenAndOneLineSaysHowToAddIt() {
        CliRun init = CliRun.in(home, "init", "ws", "--no-git");

        assertThat(init.exit()).as(init.all()).isZero();
        assertThat(home.resolve("ws/.github")).doesNotExist();
        assertThat(init.out().lines().filter(l -> l.contains("--action-repo")))
                .singleElement()
                .asString()
                .contains("sprout init --action-repo OWNER/REPO");
    }

    @Test
    void actionRepoInAnExistingWorkspaceAddsOnlyTheWorkflow() throws Exception {
        assertThat(CliRun.in(home, "init", "--no-git").exit()).isZero();
        String progress = Files.readString(home.resolve(".sprout/progress.json"));

        CliRun add = CliRun.in(home, "init", "--action-repo", "ana/sprout");

        assertThat(add.exit()).as(add.all()).isZero();
        assertThat(add.out()).contains("Wrote .github/workflows/sprout.yml", "ana/sprout@main");
        assertThat(home.resolve(WORKFLOW)).content().contains("SPROUT_REF: \"main\"");
        assertThat(home.resolve(".sprout/progress.json")).content().isEqualTo(progress);
        CliRun again = CliRun.in(home, "init", "--action-repo", "ana/sprout");
        assertThat(again.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(again.err()).contains("already there", "SPROUT_REPOSITORY");
    }

    @Test
    void aMalformedActionRepoIsExplained() {
        CliRun init = CliRun.in(home, "init", "ws", "--action-repo", "https://github.com/ana/sprout");

        assertThat(init.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(init.err()).contains("OWNER/REPO", "ana/sprout@main").doesNotContain("Exception");
        assertThat(home.resolve("ws")).doesNotExist();
    }

    @Test
    void theActionKeysItsCacheOnItsOwnPomNotOnActionRefWhichIsEmptyInACompositeAction() throws Exception {
        String text = Files.readString(GradeFixtures.PACK.resolve("action.yml"));
        assertThat(text).doesNotContain("OWNER/sprout");
        JsonNode action = YAMLMapper.builder().build().readTree(text);
        JsonNode cache = null;
        for (JsonNode step : action.path("runs").path("steps")) {
            if (step.path("uses").asString().startsWith("actions/cache@")) {
                cache = step;
            }
        }
        assertThat(cache).isNotNull();
        assertThat(cache.path("with").path("key").asString())
                .contains("steps.cache-key.outputs.pom")
                .doesNotContain("action_ref");
        assertThat(text).contains("sha256sum \"$GITHUB_ACTION_PATH/pom.xml\"");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asString()));
        return values;
    }
}
