package dev.sprout.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoadmapTest {

    private static final Pack REPO_PACK = Pack.load(Path.of("").toAbsolutePath());

    private static Roadmap.Item item(String text) {
        return Roadmap.load(REPO_PACK).orElseThrow().milestones().stream()
                .flatMap(m -> m.items().stream())
                .filter(i -> i.text().equals(text))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void ticksProjectsWhenEnoughOfThemAreDone() {
        Roadmap.Item projects = item("3+ small projects");
        Set<String> two = Set.of("calculator", "todo-cli");
        Set<String> three = Set.of("calculator", "todo-cli", "quiz-game");

        assertThat(projects.met(two::contains, 0)).isFalse();
        assertThat(projects.met(three::contains, 0)).isTrue();
    }

    @Test
    void countsCommitsAndLeavesUnmeasurableItemsUnticked() {
        assertThat(item("GitHub with 50+ commits").met(id -> false, 49)).isFalse();
        assertThat(item("GitHub with 50+ commits").met(id -> false, 50)).isTrue();
    }

    @Test
    void leavesAnItemWithNothingToMeasureUnticked(@TempDir Path dir) throws IOException {
        FileUtils.copyDirectory(
                Path.of("graders").toFile(), dir.resolve("graders").toFile());
        FileUtils.copyDirectory(
                Path.of("exercises").toFile(), dir.resolve("exercises").toFile());
        Files.writeString(
                dir.resolve("graders/roadmap.yaml"),
                "version: 1\nmilestones:\n  - title: Later\n    items:\n      - text: Deploy to the web\n");

        Roadmap.Item deploy = Roadmap.load(Pack.load(dir))
                .orElseThrow()
                .milestones()
                .get(0)
                .items()
                .get(0);

        assertThat(deploy.measurable()).isFalse();
        assertThat(deploy.met(id -> true, 1000)).isFalse();
    }

    @Test
    void measuresEveryItemAfterThreeMonths() {
        Roadmap.Milestone threeMonths = Roadmap.load(REPO_PACK).orElseThrow().milestones().stream()
                .filter(m -> m.title().equals("After 3 months"))
                .findFirst()
                .orElseThrow();

        assertThat(threeMonths.items()).allMatch(Roadmap.Item::measurable);
        assertThat(item("Basic SQL").met(Set.of("sqlite-basics")::contains, 0)).isFalse();
        assertThat(item("Basic SQL").met(Set.of("sqlite-basics", "sql-fundamentals")::contains, 0))
                .isTrue();
    }

    @Test
    void measuresEveryItemAfterSixMonthsButTheOnesNoGraderCanSee() {
        Roadmap.Milestone sixMonths = Roadmap.load(REPO_PACK).orElseThrow().milestones().stream()
                .filter(m -> m.title().equals("After 6 months"))
                .findFirst()
                .orElseThrow();

        assertThat(sixMonths.items().stream().filter(i -> !i.measurable()).map(Roadmap.Item::text))
                .containsExactlyInAnyOrder("Deployed to PythonAnywhere", "Postman and SQL vs NoSQL concepts");
        assertThat(item("Flask apps with templates, forms and login")
                        .met(Set.of("flask-routing", "flask-templates", "flask-forms", "flask-auth")::contains, 0))
                .isFalse();
    }

    @Test
    void namesTheFileWhenAMilestoneNamesAnUnknownExercise(@TempDir Path dir) throws IOException {
        FileUtils.copyDirectory(
                Path.of("graders").toFile(), dir.resolve("graders").toFile());
        // a tests case's module lives in the exercise folder
        FileUtils.copyDirectory(
                Path.of("exercises").toFile(), dir.resolve("exercises").toFile());
        Files.writeString(
                dir.resolve("graders/roadmap.yaml"),
                "version: 1\nmilestones:\n  - title: Soon\n    items:\n      - text: SQL\n        exercises: [no-such-exercise]\n");

        assertThatThrownBy(() -> Roadmap.load(Pack.load(dir)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("roadmap.yaml")
                .hasMessageContaining("no-such-exercise");
    }
}
