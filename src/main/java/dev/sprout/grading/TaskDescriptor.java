package dev.sprout.grading;

import java.nio.file.Path;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.sprout.spec.Task;

/** A task groups cases; it runs nothing itself. */
final class TaskDescriptor extends AbstractTestDescriptor implements Node<ExecutionContext> {

    private final Path specFile;
    private final Task task;

    TaskDescriptor(UniqueId id, Path specFile, Task task) {
        super(id, task.number() + ". " + task.name());
        this.specFile = specFile;
        this.task = task;
    }

    Task task() {
        return task;
    }

    /** The grader.yaml its cases point at. */
    Path specFile() {
        return specFile;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
