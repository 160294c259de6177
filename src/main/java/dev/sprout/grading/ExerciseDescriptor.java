package dev.sprout.grading;

import java.nio.file.Path;
import java.util.List;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.sprout.spec.GraderSpec;

/** One exercise: a container whose cases share one sandbox and one warm interpreter. */
final class ExerciseDescriptor extends AbstractTestDescriptor implements Node<ExecutionContext> {

    private final GraderSpec spec;

    ExerciseDescriptor(UniqueId id, GraderSpec spec) {
        super(id, spec.title(), FileSource.from(spec.file().toFile()));
        this.spec = spec;
    }

    GraderSpec spec() {
        return spec;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public ExecutionContext before(ExecutionContext context) {
        return context.startExercise(this, spec, cases());
    }

    @Override
    public void after(ExecutionContext context) {
        context.endExercise();
    }

    /** The cases selected under this exercise, in tree order. */
    private List<CaseDescriptor> cases() {
        return getChildren().stream()
                .flatMap(task -> task.getChildren().stream())
                .filter(CaseDescriptor.class::isInstance)
                .map(CaseDescriptor.class::cast)
                .toList();
    }

    static TestSource source(Path file, int line) {
        return FileSource.from(file.toFile(), FilePosition.from(line));
    }
}
