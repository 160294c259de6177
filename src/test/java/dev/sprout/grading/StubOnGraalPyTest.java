package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.sprout.result.Verdict;
import dev.sprout.runner.Observation;
import dev.sprout.runner.Session;
import dev.sprout.runner.SourceFacts;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;

/**
 * A case with a stub API is never sent to GraalPy, whose sandbox has no sockets to reach it: it is
 * missing-dependency there, while the other cases run; on CPython it runs like any case.
 */
class StubOnGraalPyTest {

    private static final GraderSpec SPEC = SpecParser.parse(Path.of("grader.yaml"), "weather", """
            version: 1
            entry: weather.py
            tasks:
              - name: Weather
                cases:
                  - name: fetches
                    call: weather
                    args: [London]
                    stub: {routes: [{path: /weather, json: {temp: 11.5}}]}
                    expect: {value: 11.5, requests: {count: 1}}
                  - name: formats
                    call: describe
                    args: [11.5]
                    expect: {value: "11.5°C"}
            """);

    @Test
    void graalPyAnswersStubCasesWithoutRunningThem() {
        RecordingSession session = new RecordingSession();
        List<CaseContext> cases = contexts();
        ExerciseRun run = ExerciseRun.start(SPEC, session, RunWith.Kind.GRAALPY, cases, false);

        Verdict fetches = run.grade(cases.get(0));
        Verdict formats = run.grade(cases.get(1));

        assertThat(fetches.status()).isEqualTo(Verdict.Status.MISSING_DEPENDENCY);
        assertThat(fetches.message()).contains("stub web API", "--engine cpython");
        assertThat(formats.status()).isEqualTo(Verdict.Status.FAILED);
        assertThat(session.ran).containsExactly("formats");
        assertThat(session.planned).containsExactly("formats");
    }

    @Test
    void cpythonRunsStubCases() {
        RecordingSession session = new RecordingSession();
        List<CaseContext> cases = contexts();
        ExerciseRun run = ExerciseRun.start(SPEC, session, RunWith.Kind.CPYTHON, cases, false);

        Verdict fetches = run.grade(cases.get(0));

        assertThat(fetches.status()).isEqualTo(Verdict.Status.FAILED);
        assertThat(fetches.message()).isEqualTo("Your code sent no request to the API.");
        assertThat(session.ran).containsExactly("fetches");
        assertThat(session.planned).containsExactly("fetches", "formats");
    }

    private static List<CaseContext> contexts() {
        return SPEC.cases()
                .map(c -> new CaseContext(c, 1, "Weather", Limits.DEFAULTS))
                .toList();
    }

    /** A session whose code returns None for every case, recording what it was asked to run. */
    private static final class RecordingSession implements Session {
        final List<String> ran = new ArrayList<>();
        final List<String> planned = new ArrayList<>();

        @Override
        public String describe() {
            return "a recording session";
        }

        @Override
        public Optional<Observation.PythonError> load() {
            return Optional.empty();
        }

        @Override
        public List<String> missingModules() {
            return List.of();
        }

        @Override
        public SourceFacts facts() {
            return new SourceFacts(List.of(), List.of(), List.of(), List.of(), List.of());
        }

        @Override
        public void plan(List<PlannedCase> cases) {
            cases.forEach(c -> planned.add(c.testCase().name()));
        }

        @Override
        public Observation run(Case testCase, Limits limits) {
            ran.add(testCase.name());
            Observation none = Observation.failure(Observation.Status.RETURNED, "None", "", 3);
            return new Observation(
                    Observation.Status.RETURNED,
                    Optional.empty(),
                    Optional.empty(),
                    none.exitCode(),
                    "",
                    "",
                    false,
                    false,
                    none.files(),
                    none.responses(),
                    Optional.empty(),
                    false,
                    3,
                    none.cpuMillis(),
                    false,
                    Observation.StubLog.NONE,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of());
        }

        @Override
        public void close() {}
    }
}
