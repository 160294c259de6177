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
 * An http case is never sent to GraalPy, whose sandbox has no sockets to serve the app on: it is
 * missing-dependency there (a clear "use CPython", never a verdict on the code), while other
 * cases still run.
 */
class HttpOnGraalPyTest {

    private static final GraderSpec SPEC = SpecParser.parse(Path.of("grader.yaml"), "server", """
            version: 1
            entry: server.py
            tasks:
              - name: Serving
                cases:
                  - name: serves
                    http: {program: true, steps: [{path: /, expect: {status: 200}}]}
                  - name: helper
                    call: describe
                    expect: {value: "ok"}
            """);

    @Test
    void graalPyAnswersHttpCasesWithoutRunningThem() {
        RecordingSession session = new RecordingSession();
        List<CaseContext> cases = SPEC.cases()
                .map(c -> new CaseContext(c, 1, "Serving", Limits.DEFAULTS))
                .toList();
        ExerciseRun run = ExerciseRun.start(SPEC, session, RunWith.Kind.GRAALPY, cases, false);

        Verdict serves = run.grade(cases.get(0));
        Verdict helper = run.grade(cases.get(1));

        assertThat(serves.status()).isEqualTo(Verdict.Status.MISSING_DEPENDENCY);
        assertThat(serves.message()).contains("web server", "--engine cpython", "not a problem with your code");
        assertThat(helper.status()).isNotEqualTo(Verdict.Status.MISSING_DEPENDENCY);
        assertThat(session.ran).containsExactly("helper");
        assertThat(session.planned).containsExactly("helper");
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
            return Observation.failure(Observation.Status.RETURNED, "None", "", 3);
        }

        @Override
        public void close() {}
    }
}
