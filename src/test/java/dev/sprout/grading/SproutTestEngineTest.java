package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Sandboxes;
import dev.sprout.spec.SpecParser;

/** The engine on its own, through JUnit's test kit, against small fixture packs. */
class SproutTestEngineTest {

    @TempDir
    Path pack;

    private final SproutTestEngine engine = new SproutTestEngine(
            new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()), Sandboxes.choose("auto")));

    private Path exercise(String slug, String spec, String learnerFile) throws IOException {
        Path graders = pack.resolve("graders/01-stage").resolve(slug);
        Files.createDirectories(graders);
        Files.writeString(graders.resolve("grader.yaml"), spec);
        Path learner = pack.resolve("exercises/01-stage").resolve(slug);
        Files.createDirectories(learner);
        Files.writeString(learner.resolve("adder.py"), learnerFile);
        return graders.resolve("grader.yaml");
    }

    private static final String SPEC = """
            version: 1
            entry: adder.py
            tasks:
              - name: Adding
                cases:
                  - name: adds
                    call: add
                    args: [2, 3]
                    expect: {value: 5}
                  - name: adds negatives
                    call: add
                    args: [-2, -3]
                    expect: {value: -5}
              - name: Printing
                cases:
                  - name: prints the sum
                    run: {argv: ["4", "5"]}
                    expect: {stdout: "9"}
            """;

    private static final String ADDER = """
            import sys
            def add(a, b):
                return a + b if a > 0 else 0
            if __name__ == "__main__":
                print(add(int(sys.argv[1]), int(sys.argv[2])))
            """;

    @Test
    void discoversExerciseTaskAndCaseDescriptorsFromADirectory() throws IOException {
        exercise("01-adder", SPEC, ADDER);

        EngineDiscoveryResults results = EngineTestKit.engine(engine)
                .selectors(selectDirectory(pack.toFile()))
                .discover();

        assertThat(results.getEngineDescriptor().getDescendants())
                .extracting(d -> d.getUniqueId().getLastSegment().getType() + ":" + d.getDisplayName())
                .containsExactlyInAnyOrder(
                        "exercise:adder",
                        "task:1. Adding",
                        "case:adds",
                        "case:adds negatives",
                        "task:2. Printing",
                        "case:prints the sum");
    }

    @Test
    void runsCasesAndReportsVerdictsAsEvents() throws IOException {
        Path spec = exercise("01-adder", SPEC, ADDER);

        Events tests = EngineTestKit.engine(engine)
                .selectors(selectFile(spec.toFile()))
                .configurationParameter(SproutConfig.WORKSPACE, pack.toString())
                .execute()
                .testEvents();

        tests.assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
        assertThat(tests.failed().list())
                .singleElement()
                .satisfies(
                        e -> assertThat(e.getTestDescriptor().getDisplayName()).isEqualTo("adds negatives"));
        assertThat(tests.reportingEntryPublished().list()).hasSize(3);
    }

    @Test
    void filesTheLearnerLeftBehindDoNotLeakIntoCases() throws IOException {
        Path spec = exercise("01-adder", """
                version: 1
                entry: adder.py
                tasks:
                  - name: First run
                    cases:
                      - name: starts without saved state
                        expr: "__import__('os').path.exists('todo.json')"
                        expect: {value: false}
                """, "x = 1\n");
        Path learner = pack.resolve("learner");
        Files.createDirectories(learner);
        Files.writeString(learner.resolve("adder.py"), "x = 1\n");
        Files.writeString(learner.resolve("todo.json"), "[\"left over from the learner's own run\"]");

        Events tests = EngineTestKit.engine(engine)
                .selectors(selectFile(spec.toFile()))
                .configurationParameter(SproutConfig.SUBMISSION, learner.toString())
                .execute()
                .testEvents();

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void templatesTheLearnerAddedAreCopiedWithTheirCode() throws IOException {
        Path spec = exercise("01-adder", """
                version: 1
                entry: adder.py
                tasks:
                  - name: Templates
                    cases:
                      - name: sees a template the starter does not have
                        expr: "open('templates/partials/_row.html').read()"
                        expect: {value: "<li>{{ row }}</li>"}
                """, "x = 1\n");
        Path learner = pack.resolve("learner");
        Files.createDirectories(learner.resolve("templates/partials"));
        Files.writeString(learner.resolve("adder.py"), "x = 1\n");
        Files.writeString(learner.resolve("templates/partials/_row.html"), "<li>{{ row }}</li>");

        Events tests = EngineTestKit.engine(engine)
                .selectors(selectFile(spec.toFile()))
                .configurationParameter(SproutConfig.SUBMISSION, learner.toString())
                .execute()
                .testEvents();

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void selectsOneExerciseByIdFromTheGradersFolder() throws IOException {
        exercise("01-adder", SPEC, ADDER);
        exercise("02-other", SPEC, ADDER);

        EngineDiscoveryResults results = EngineTestKit.engine(engine)
                .selectors(selectUniqueId(UniqueId.forEngine("sprout").append("exercise", "other")))
                .configurationParameter(
                        SproutConfig.GRADERS, pack.resolve("graders").toString())
                .discover();

        assertThat(results.getEngineDescriptor().getChildren())
                .singleElement()
                .satisfies(d ->
                        assertThat(d.getUniqueId().getLastSegment().getValue()).isEqualTo("other"));
    }

    @Test
    void turnsABrokenSpecIntoADiscoveryIssuePointingAtItsLine() throws IOException {
        exercise("01-adder", SPEC.replace("expect: {value: 5}", "expect: {valu: 5}"), ADDER);

        EngineDiscoveryResults results = EngineTestKit.engine(engine)
                .selectors(selectDirectory(pack.toFile()))
                .discover();

        assertThat(results.getDiscoveryIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
            assertThat(issue.message()).contains("grader.yaml:9").contains("did you mean 'value'");
            assertThat(issue.source()).isPresent();
        });
    }

    @Test
    void selectsOneCaseByItsUniqueIdWithoutItsSiblings() throws IOException {
        exercise("01-adder", SPEC, ADDER);
        UniqueId exercise = UniqueId.forEngine("sprout").append("exercise", "adder");

        EngineDiscoveryResults results = EngineTestKit.engine(engine)
                .selectors(selectUniqueId(exercise.append("task", "1").append("case", "adds negatives")))
                .configurationParameter(
                        SproutConfig.GRADERS, pack.resolve("graders").toString())
                .discover();

        assertThat(results.getEngineDescriptor().getDescendants())
                .extracting(d -> d.getUniqueId().getLastSegment().getType() + ":" + d.getDisplayName())
                .containsExactly("exercise:adder", "task:1. Adding", "case:adds negatives");
    }

    @Test
    void runsOnlyTheCaseSelectedByItsUniqueId() throws IOException {
        exercise("01-adder", SPEC, ADDER);

        Events tests = EngineTestKit.engine(engine)
                .selectors(selectUniqueId(UniqueId.forEngine("sprout")
                        .append("exercise", "adder")
                        .append("task", "2")
                        .append("case", "prints the sum")))
                .configurationParameter(
                        SproutConfig.GRADERS, pack.resolve("graders").toString())
                .configurationParameter(SproutConfig.WORKSPACE, pack.toString())
                .execute()
                .testEvents();

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(tests.reportingEntryPublished().list()).hasSize(1);
    }

    @Test
    void selectsATaskWithAllItsCasesInSpecOrder() throws IOException {
        exercise("01-adder", SPEC, ADDER);
        UniqueId task = UniqueId.forEngine("sprout").append("exercise", "adder").append("task", "1");

        EngineDiscoveryResults results = EngineTestKit.engine(engine)
                .selectors(selectUniqueId(task))
                .configurationParameter(
                        SproutConfig.GRADERS, pack.resolve("graders").toString())
                .discover();

        assertThat(results.getEngineDescriptor().getChildren())
                .singleElement()
                .satisfies(e -> assertThat(e.getChildren()).singleElement().satisfies(t -> {
                    assertThat(t.getUniqueId()).isEqualTo(task);
                    assertThat(t.getChildren())
                            .extracting(c -> c.getUniqueId().getLastSegment().getValue())
                            .containsExactly("adds", "adds negatives");
                }));
    }

    @Test
    void aUniqueIdThatNamesNoCaseSelectsNothing() throws IOException {
        exercise("01-adder", SPEC, ADDER);

        EngineDiscoveryResults results = EngineTestKit.engine(engine)
                .selectors(
                        selectUniqueId(UniqueId.forEngine("sprout")
                                .append("exercise", "adder")
                                .append("task", "1")
                                .append("case", "subtracts")),
                        selectUniqueId(UniqueId.forEngine("sprout")
                                .append("exercise", "adder")
                                .append("task", "9")))
                .configurationParameter(
                        SproutConfig.GRADERS, pack.resolve("graders").toString())
                .discover();

        assertThat(results.getEngineDescriptor().getDescendants()).isEmpty();
    }

    @Test
    void parsesEachSpecOnceHoweverManySelectorsLeadToIt() throws IOException {
        Path adder = exercise("01-adder", SPEC, ADDER);
        Path other = exercise("02-other", SPEC.replace("version: 1", "version: 1\nid: renamed"), ADDER);
        Path broken = exercise("03-broken", SPEC.replace("expect: {value: 5}", "expect: {valu: 5}"), ADDER);
        Map<Path, Integer> parses = new ConcurrentHashMap<>();
        SproutTestEngine counting = new SproutTestEngine(
                new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()), Sandboxes.choose("auto")),
                (file, defaultId) -> {
                    parses.merge(file.toAbsolutePath().normalize(), 1, Integer::sum);
                    return SpecParser.parse(file, defaultId);
                });
        UniqueId task = UniqueId.forEngine("sprout").append("exercise", "adder").append("task", "1");

        EngineDiscoveryResults results = EngineTestKit.engine(counting)
                .selectors(
                        selectFile(adder.toFile()),
                        selectUniqueId(task.append("case", "adds")),
                        selectUniqueId(task.append("case", "adds negatives")),
                        selectUniqueId(UniqueId.forEngine("sprout").append("exercise", "renamed")),
                        selectUniqueId(UniqueId.forEngine("sprout").append("exercise", "broken")),
                        selectDirectory(pack.toFile()))
                .configurationParameter(
                        SproutConfig.GRADERS, pack.resolve("graders").toString())
                .discover();

        assertThat(parses)
                .containsOnly(
                        Map.entry(adder.toAbsolutePath().normalize(), 1),
                        Map.entry(other.toAbsolutePath().normalize(), 1),
                        Map.entry(broken.toAbsolutePath().normalize(), 1));
        assertThat(results.getEngineDescriptor().getChildren())
                .extracting(d -> d.getUniqueId().getLastSegment().getValue())
                .containsExactly("adder", "renamed");
        assertThat(results.getEngineDescriptor().getDescendants())
                .filteredOn(d -> d.getChildren().isEmpty())
                .hasSize(6);
        // the broken spec, reached three ways, is one issue (the Platform adds its own for the unresolved id)
        assertThat(results.getDiscoveryIssues())
                .filteredOn(issue -> issue.message().contains("grader.yaml"))
                .singleElement()
                .satisfies(issue -> assertThat(issue.message()).contains("03-broken/grader.yaml:9"));
    }
}
