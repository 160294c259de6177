package dev.sprout.grading;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.sprout.runner.Session;
import dev.sprout.runner.Submission;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Action;
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
        return relativeDir(spec);
    }

    private static Path relativeDir(GraderSpec spec) {
        Path slug = spec.file().toAbsolutePath().getParent();
        return slug.getParent().getFileName().resolve(slug.getFileName());
    }

    /** What to open a session for: the learner's folder graded against this spec, under these limits. */
    static Submission submission(GraderSpec spec, Path learnerDir, Limits limits) {
        return new Submission(learnerDir, spec.entry(), spec.requires(), limits, shippedFiles(spec));
    }

    /** The files of the pack's own starter folder (graders/<stage>/<slug> → exercises/<stage>/<slug>). */
    private static java.util.Optional<java.util.Set<String>> shippedFiles(GraderSpec spec) {
        Path graders = spec.file().toAbsolutePath().getParent().getParent().getParent();
        Path starter = graders.resolveSibling("exercises").resolve(relativeDir(spec).toString());
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
        Session session = context.engine().open(submission(spec, learnerDir, limits));
        ExecutionContext withSession = context.withExercise(session, new ExerciseRun(spec, session.missingModules()));
        context.listener().reportingEntryPublished(this,
                org.junit.platform.engine.reporting.ReportEntry.from(RUN_WITH_KEY, session.describe()));
        try {
            session.load().ifPresent(error -> {
                throw new LearnerFileError(spec.entry(), error);
            });
            planCases(context, withSession.exercise(), session);
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
        return withSession;
    }

    /**
     * Tells the session which cases come, in order, so it can send the next while the last is
     * graded; source facts are asked for first, so no other request comes between those cases.
     */
    private void planCases(ExecutionContext context, ExerciseRun run, Session session) {
        List<Session.PlannedCase> plan = new ArrayList<>();
        boolean sourceRules = false;
        for (TestDescriptor task : getChildren()) {
            for (TestDescriptor child : task.getChildren()) {
                if (child instanceof CaseDescriptor c) {
                    if (c.testCase().action() instanceof Action.Source) {
                        sourceRules = true;
                    } else {
                        plan.add(new Session.PlannedCase(c.testCase(),
                                context.config().limits(spec, java.util.Optional.of(c.testCase()))));
                    }
                }
            }
        }
        if (sourceRules) {
            run.facts(session);
        }
        if (run.missingModules().isEmpty()) {
            session.plan(plan);
        }
    }

    @Override
    public void after(ExecutionContext context) {
        context.session().ifPresent(Session::close);
    }

    static TestSource source(Path file, int line) {
        return FileSource.from(file.toFile(), org.junit.platform.engine.support.descriptor.FilePosition.from(line));
    }
}
