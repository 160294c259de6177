package dev.sprout.grading;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.sprout.spec.Task;

/** A task groups cases; it runs nothing itself. */
final class TaskDescriptor extends AbstractTestDescriptor implements Node<ExecutionContext> {

    TaskDescriptor(UniqueId id, Task task) {
        super(id, task.number() + ". " + task.name());
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
