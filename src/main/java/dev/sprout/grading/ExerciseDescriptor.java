package dev.sprout.grading;

import java.nio.file.Path;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.sprout.runner.Session;
import dev.sprout.runner.Submission;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.GraderSpec;

/** One exercise: opens one sandbox and one warm interpreter for all its cases. */
final class ExerciseDescriptor extends AbstractTestDescriptor implements Node<ExecutionContext> {

    static final String RUN_WITH_KEY = "sprout.run-with";

    private final GraderSpec spec;

    ExerciseDescriptor(UniqueId id, GraderSpec spec) {
        super(id, spec.title(), FileSource.from(spec.file().toFile()));
        this.spec = spec;
    }

    GraderSpec spec() {
        return spec;
    }

    /** {@code <stage>/<slug>}: where the exercise lives under exercises/ and graders/. */
    Path relativeDir() {
        Path slug = spec.file().toAbsolutePath().getParent();
        return slug.getParent().getFileName().resolve(slug.getFileName());
    }

    /** The files of the pack's own starter folder (graders/<stage>/<slug> → exercises/<stage>/<slug>). */
    private java.util.Optional<java.util.Set<String>> shippedFiles() {
        Path graders = spec.file().toAbsolutePath().getParent().getParent().getParent();
        Path starter = graders.resolveSibling("exercises").resolve(relativeDir().toString());
        if (!java.nio.file.Files.isDirectory(starter)) {
            return java.util.Optional.empty();
        }
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(starter, 4)) {
            return java.util.Optional.of(walk.filter(java.nio.file.Files::isRegularFile)
                    .map(p -> starter.relativize(p).toString().replace('\\', '/'))
                    .collect(java.util.stream.Collectors.toSet()));
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public ExecutionContext before(ExecutionContext context) {
        Path learnerDir = context.config().submission()
                .orElseGet(() -> context.config().workspace().resolve("exercises").resolve(relativeDir().toString()));
        Limits limits = context.config().limits(spec, java.util.Optional.empty());
        Session session = context.engine().open(new Submission(learnerDir, spec.entry(), spec.requires(), limits,
                shippedFiles()));
        ExecutionContext withSession = context.withExercise(session, new ExerciseRun(spec, session.missingModules()));
        context.listener().reportingEntryPublished(this,
                org.junit.platform.engine.reporting.ReportEntry.from(RUN_WITH_KEY, session.describe()));
        try {
            session.load().ifPresent(error -> {
                throw new LearnerFileError(spec.entry(), error);
            });
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
        return withSession;
    }

    @Override
    public void after(ExecutionContext context) {
        context.session().ifPresent(Session::close);
    }

    static TestSource source(Path file, int line) {
        return FileSource.from(file.toFile(), org.junit.platform.engine.support.descriptor.FilePosition.from(line));
    }
}
