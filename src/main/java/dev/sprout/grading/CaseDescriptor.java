package dev.sprout.grading;

import java.nio.file.Path;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.sprout.spec.Case;
import dev.sprout.spec.Task;

/** One case: a test; the exercise's run grades it. */
final class CaseDescriptor extends AbstractTestDescriptor implements Node<ExecutionContext> {

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

    Task task() {
        return task;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public ExecutionContext execute(ExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        context.runCase(this, task, testCase);
        return context;
    }
}
