package dev.sprout.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.sprout.result.Verdict;
import dev.sprout.runner.Engine;
import dev.sprout.runner.Observation;
import dev.sprout.runner.Session;
import dev.sprout.runner.SourceFacts;
import dev.sprout.runner.Submission;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Action;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;

/**
 * Grades one exercise's cases through its open session: which cases run, which are answered
 * without running (source rules, a missing dependency, a load already stuck), and the
 * {@link CaseGrader}'s verdict on each. It holds the state the cases share.
 */
final class ExerciseRun {

    private final GraderSpec spec;
    private final Session session;
    private final RunWith.Kind engine;
    private final CaseGrader grader;
    private final List<String> missingModules;
    private SourceFacts facts;
    private final List<StuckLoad> stuckLoads = new ArrayList<>();
    /** Generated cases with their arguments and the reference's answers, by case name. */
    private Map<String, ReferenceAnswers.Resolved> generated = Map.of();

    private final boolean stopAtTimeLimit;
    /** The first case that ran out of time, when the rest are not run after it ({@link #stopAtTimeLimit}). */
    private Optional<Verdict> outOfTime = Optional.empty();

    /** A case whose top-level code never finished: it ran into a time limit in module-level code. */
    record StuckLoad(CaseContext where, Verdict verdict) {

        /**
         * Whether {@code c} would start the file just the same way, under limits no larger: a call
         * or expression case with the same input and files (both load the file as a module), or a
         * program run with the same arguments, environment and files (any input: the stuck run
         * read none of its own).
         */
        boolean repeatsIn(CaseContext c) {
            Case first = where.testCase();
            Case next = c.testCase();
            boolean sameStart = CaseGrader.loadsTheFile(first)
                    ? CaseGrader.loadsTheFile(next) && next.stdin().equals(first.stdin())
                    : next.action() instanceof Action.Run run && run.equals(first.action());
            return sameStart
                    && next.files().equals(first.files())
                    && c.limits().cpu().compareTo(where.limits().cpu()) <= 0
                    && c.limits().wall().compareTo(where.limits().wall()) <= 0;
        }
    }

    private ExerciseRun(GraderSpec spec, Session session, RunWith.Kind engine, boolean stopAtTimeLimit) {
        this.spec = spec;
        this.stopAtTimeLimit = stopAtTimeLimit;
        this.session = session;
        this.engine = engine;
        this.grader = new CaseGrader(spec.id(), spec.entry());
        this.missingModules = List.copyOf(session.missingModules());
    }

    /**
     * Loads the learner's file in the session and tells it which cases come, in order, so it can
     * send the next while the last is graded. A file that does not load ends the exercise here
     * ({@link LearnerFileError}); the session is closed on any failure.
     *
     * @param stopAtTimeLimit after the first case that runs out of time, mark the rest not run
     */
    static ExerciseRun start(
            GraderSpec spec, Session session, RunWith.Kind engine, List<CaseContext> cases, boolean stopAtTimeLimit) {
        return start(spec, session, engine, cases, stopAtTimeLimit, Optional.empty());
    }

    /**
     * As above; {@code references} opens the sessions that answer generated cases (the reference
     * solution's, apart from the learner's), with the submission's limits.
     */
    static ExerciseRun start(
            GraderSpec spec,
            Session session,
            RunWith.Kind engine,
            List<CaseContext> cases,
            boolean stopAtTimeLimit,
            Optional<References> references) {
        ExerciseRun run = new ExerciseRun(spec, session, engine, stopAtTimeLimit);
        if (run.needsCPython()) {
            return run; // every case says so (grade); the worker is not asked to load a folder
        }
        try {
            session.load().ifPresent(error -> {
                throw new LearnerFileError(spec.entry(), error);
            });
            if (run.missingModules.isEmpty() && references.isPresent()) {
                run.generated = ReferenceAnswers.resolve(
                        references.get().engine(), spec, references.get().limits(), cases);
            }
            cases = cases.stream().map(run::concrete).toList();
            run.plan(cases);
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
        return run;
    }

    /** Where generated cases get their expected answers: the engine to open the reference's session with. */
    record References(Engine engine, Limits limits) {}

    /** A generated case as the call the learner's code gets; any other case as itself. */
    private CaseContext concrete(CaseContext c) {
        ReferenceAnswers.Resolved resolved = generated.get(c.testCase().name());
        if (!(c.testCase().action() instanceof Action.Generated)
                || resolved == null
                || resolved.testCase().isEmpty()) {
            return c;
        }
        return new CaseContext(resolved.testCase().get(), c.taskNumber(), c.taskName(), c.limits());
    }

    /** Source facts are asked for first, so no other request comes between the planned cases. */
    private void plan(List<CaseContext> cases) {
        List<Session.PlannedCase> plan = new ArrayList<>();
        boolean sourceRules = false;
        for (CaseContext c : cases) {
            if (c.testCase().action() instanceof Action.Source) {
                sourceRules = true;
            } else if (stubOnGraalPy(c) || httpOnGraalPy(c) || postgresOnGraalPy(c)) {
                continue; // answered without running (grade)
            } else if (c.testCase().action() instanceof Action.Generated) {
                continue; // its inputs could not be made: it never runs
            } else {
                plan.add(new Session.PlannedCase(c.testCase(), c.limits()));
            }
        }
        // source rules need the facts; so do wrong values, pointed at their function's def line
        if (sourceRules
                || (missingModules.isEmpty()
                        && cases.stream().anyMatch(c -> c.testCase().action() instanceof Action.Call))) {
            facts();
        }
        if (missingModules.isEmpty()) {
            session.plan(plan);
        }
    }

    /** GraalPy's worker runs one file: a package exercise's cases need CPython (docs/graalpy-worker.md). */
    private boolean needsCPython() {
        return spec.isPackage() && engine == RunWith.Kind.GRAALPY;
    }

    GraderSpec spec() {
        return spec;
    }

    Verdict grade(CaseContext c) {
        if (needsCPython()) {
            return grader.packageNeedsCPython(c);
        }
        if (c.testCase().action() instanceof Action.Source source) {
            Verdict verdict = grader.source(c, facts());
            return SourceRuleChecker.check(source.rules(), facts())
                    .filter(b -> !b.file().isEmpty())
                    .map(b -> verdict.inFile(b.file()))
                    .orElse(verdict);
        }
        if (!missingModules.isEmpty()) {
            return grader.missingDependency(c, missingModules, new RunWith(engine, session.describe()));
        }
        if (stubOnGraalPy(c)) {
            return grader.stubNeedsCPython(c);
        }
        if (httpOnGraalPy(c)) {
            return grader.httpNeedsCPython(c);
        }
        if (postgresOnGraalPy(c)) {
            return grader.postgresNeedsCPython(c);
        }
        if (c.testCase().action() instanceof Action.Generated) {
            ReferenceAnswers.Resolved resolved = generated.get(c.testCase().name());
            if (resolved == null || resolved.problem().isPresent()) {
                return grader.referenceBroken(
                        c,
                        resolved == null
                                ? "its inputs were never made"
                                : resolved.problem().get());
            }
            return run(concrete(c));
        }
        return run(c);
    }

    private Verdict run(CaseContext c) {
        Optional<StuckLoad> stuck =
                stuckLoads.stream().filter(s -> s.repeatsIn(c)).findFirst();
        if (stuck.isPresent()) {
            return grader.notRunAfterStuckLoad(c, stuck.get().verdict());
        }
        if (outOfTime.isPresent()) {
            return grader.notRunAfterTimeLimit(c, outOfTime.get());
        }
        Observation observation = session.run(c.testCase(), c.limits());
        Verdict verdict =
                PackageVerdicts.located(spec, pointed(c, grader.grade(c, observation, spec.requires())), observation);
        if (grader.stuckWhileLoading(c, observation)) {
            stuckLoads.add(new StuckLoad(c, verdict));
            // the cases planned next may only run into the same loop: nothing more goes out ahead
            session.plan(List.of());
        } else if (stopAtTimeLimit && CaseGrader.ranOutOfTime(observation)) {
            outOfTime = Optional.of(verdict);
            session.plan(List.of());
        }
        return verdict;
    }

    private boolean stubOnGraalPy(CaseContext c) {
        return engine == RunWith.Kind.GRAALPY && c.testCase().stub().isPresent();
    }

    private boolean postgresOnGraalPy(CaseContext c) {
        return engine == RunWith.Kind.GRAALPY && c.testCase().postgres().isPresent();
    }

    /** GraalPy's sandbox denies sockets, so it can neither serve the learner's app nor talk to it. */
    private boolean httpOnGraalPy(CaseContext c) {
        return engine == RunWith.Kind.GRAALPY && c.testCase().action() instanceof Action.Http;
    }

    void close() {
        session.close();
    }

    /**
     * A verdict on code that ran and failed without a line of its own (a wrong value, no
     * traceback): a call points at its function's {@code def} line, a program at the file's first
     * line, so a pull request's annotation lands somewhere the learner can act on.
     */
    private Verdict pointed(CaseContext c, Verdict verdict) {
        if (verdict.passed() || verdict.couldNotRun() || verdict.line().isPresent()) {
            return verdict;
        }
        Action action = c.testCase().action();
        if (action instanceof Action.Call call && facts != null) {
            return facts.functions().stream()
                    .filter(f -> f.name().equals(call.function()) && f.line() > 0)
                    .filter(f -> !spec.isPackage() || PackageVerdicts.isFileOf(spec, call.module(), f.file()))
                    .findFirst()
                    .map(f -> f.file().isEmpty()
                            ? verdict.atLine(f.line())
                            : verdict.atLine(f.line()).inFile(f.file()))
                    .orElse(verdict);
        }
        if (action instanceof Action.Run) {
            return spec.isPackage() ? verdict.atLine(1).inFile(spec.entryPath() + "/__main__.py") : verdict.atLine(1);
        }
        return verdict;
    }

    private SourceFacts facts() {
        if (facts == null) {
            facts = session.facts();
        }
        return facts;
    }

    /** What to open a session for: the learner's folder graded against this spec, under these limits. */
    static Submission submission(GraderSpec spec, Path learnerDir, Limits limits) {
        return new Submission(
                learnerDir, spec.entry(), spec.requires(), limits, shippedFiles(spec), spec.usesPostgres());
    }

    /** {@code <stage>/<slug>}: where the exercise lives under exercises/ and graders/. */
    static Path relativeDir(GraderSpec spec) {
        Path slug = spec.file().toAbsolutePath().getParent();
        return slug.getParent().getFileName().resolve(slug.getFileName());
    }

    /** The pack's own starter folder of the exercise (graders/<stage>/<slug> → exercises/<stage>/<slug>). */
    static Path starterDir(GraderSpec spec) {
        Path graders = spec.file().toAbsolutePath().getParent().getParent().getParent();
        return graders.resolveSibling("exercises").resolve(relativeDir(spec).toString());
    }

    /** The files of the pack's own starter folder (graders/<stage>/<slug> → exercises/<stage>/<slug>). */
    private static Optional<Set<String>> shippedFiles(GraderSpec spec) {
        Path starter = starterDir(spec);
        if (!Files.isDirectory(starter)) {
            return Optional.empty();
        }
        try (Stream<Path> walk = Files.walk(starter, 4)) {
            return Optional.of(walk.filter(Files::isRegularFile)
                    .map(p -> starter.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toSet()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
