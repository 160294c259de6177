package dev.sprout.grading;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

import dev.sprout.result.Verdict;
import dev.sprout.result.VerdictJson;
import dev.sprout.runner.Engine;
import dev.sprout.runner.Session;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.Task;

/**
 * What a descriptor runs through: the engine to run Python, the exercise being graded, and the
 * listener its verdicts travel to. Descriptors stay plain tree nodes; each step is one call here.
 */
final class ExecutionContext implements EngineExecutionContext {

    private final Engine engine;
    private final SproutConfig config;
    private final EngineExecutionListener listener;
    private final ExerciseRun exercise;

    ExecutionContext(Engine engine, SproutConfig config, EngineExecutionListener listener) {
        this(engine, config, listener, null);
    }

    private ExecutionContext(
            Engine engine, SproutConfig config, EngineExecutionListener listener, ExerciseRun exercise) {
        this.engine = engine;
        this.config = config;
        this.listener = listener;
        this.exercise = exercise;
    }

    /**
     * Opens one sandbox and one warm interpreter for the exercise's cases and says on the
     * exercise which Python grades it.
     *
     * @param cases the cases selected under the exercise, in the order they will run
     */
    ExecutionContext startExercise(TestDescriptor descriptor, GraderSpec spec, List<CaseDescriptor> cases) {
        Path learnerDir = config.submission()
                .orElseGet(() -> config.workspace()
                        .resolve("exercises")
                        .resolve(ExerciseRun.relativeDir(spec).toString()));
        Session session = engine.open(ExerciseRun.submission(spec, learnerDir, config.limits(spec, Optional.empty())));
        listener.reportingEntryPublished(descriptor, ReportEntry.from(RunWith.REPORT_KEY, session.describe()));
        List<CaseContext> planned = cases.stream()
                .map(c -> caseContext(spec, c.task(), c.testCase()))
                .toList();
        return new ExecutionContext(
                engine,
                config,
                listener,
                ExerciseRun.start(
                        spec,
                        session,
                        RunWith.Kind.of(engine),
                        planned,
                        config.stopAtTimeLimit(),
                        Optional.of(new ExerciseRun.References(engine, config.limits(spec, Optional.empty())))));
    }

    /** Grades one case and publishes its verdict; a case that did not pass fails its test. */
    void runCase(TestDescriptor descriptor, Task task, Case testCase) {
        Verdict verdict = exercise.grade(caseContext(exercise.spec(), task, testCase));
        listener.reportingEntryPublished(descriptor, ReportEntry.from(Verdict.REPORT_KEY, VerdictJson.write(verdict)));
        if (!verdict.passed()) {
            throw new CaseFailure(verdict);
        }
    }

    /** Closes the exercise's session, if it was opened. */
    void endExercise() {
        if (exercise != null) {
            exercise.close();
        }
    }

    private CaseContext caseContext(GraderSpec spec, Task task, Case testCase) {
        return new CaseContext(testCase, task.number(), task.name(), config.limits(spec, Optional.of(testCase)));
    }
}
