package dev.sprout.grading;

import java.nio.file.Path;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.sprout.runner.Observation;
import dev.sprout.runner.Session;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;
import dev.sprout.spec.Task;
import tools.jackson.databind.json.JsonMapper;
import dev.sprout.result.Verdict;

/** One case: runs it through the exercise's session, grades it in Java, reports the verdict. */
final class CaseDescriptor extends AbstractTestDescriptor implements Node<ExecutionContext> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Case testCase;
    private final Task task;

    CaseDescriptor(UniqueId id, Path specFile, Task task, Case testCase) {
        super(id, testCase.name(), ExerciseDescriptor.source(specFile, testCase.line()));
        this.task = task;
        this.testCase = testCase;
    }

    Case testCase() {
        return testCase;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public ExecutionContext execute(ExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        ExerciseRun run = context.exercise();
        Session session = context.session().orElseThrow();
        Limits limits = context.config().limits(run.spec(), java.util.Optional.of(testCase));
        CaseContext caseContext = new CaseContext(testCase, task.number(), task.name(), limits);
        Verdict verdict;
        java.util.Optional<ExerciseRun.StuckLoad> stuck = run.stuckLoadFor(caseContext);
        if (testCase.action() instanceof dev.sprout.spec.Action.Source) {
            verdict = run.grader().source(caseContext, run.facts(session));
        } else if (!run.missingModules().isEmpty()) {
            verdict = run.grader().missingDependency(caseContext, run.missingModules(), session.describe());
        } else if (stuck.isPresent()) {
            verdict = run.grader().notRunAfterStuckLoad(caseContext, stuck.get().verdict());
        } else {
            Observation observation = session.run(testCase, limits);
            verdict = run.grader().grade(caseContext, observation, run.spec().requires());
            if (run.grader().stuckWhileLoading(caseContext, observation)) {
                run.stuckLoad(new ExerciseRun.StuckLoad(caseContext, verdict));
                // the cases planned next may only run into the same loop: nothing more goes out ahead
                session.plan(java.util.List.of());
            }
        }
        publish(context, verdict);
        if (!verdict.passed()) {
            throw new CaseFailure(verdict);
        }
        return context;
    }

    private void publish(ExecutionContext context, Verdict verdict) {
        context.listener().reportingEntryPublished(this, ReportEntry.from(Verdict.REPORT_KEY, JSON.writeValueAsString(verdict)));
    }
}
