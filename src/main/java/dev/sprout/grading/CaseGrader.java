package dev.sprout.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import dev.sprout.result.Verdict;
import dev.sprout.runner.Observation;
import dev.sprout.runner.SourceFacts;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Action;
import dev.sprout.spec.Case;
import dev.sprout.spec.Expectation;
import dev.sprout.spec.OutputMatcher;
import dev.sprout.value.PyEquality;
import dev.sprout.value.PyValue;

/**
 * The grading policy: turns what the harness observed into a verdict by comparing it with the
 * spec. This is the only place expected values meet observed ones, and it runs in the JVM,
 * outside the sandbox. It runs nothing itself, so it is tested without Python.
 */
final class CaseGrader {

    private final String exercise;
    private final String file;
    /** tests cases: remembers which tests failed against the real module */
    private final MutantChecker mutants;

    CaseGrader(String exercise, String file) {
        this.exercise = exercise;
        this.file = file;
        this.mutants = new MutantChecker(file);
    }

    Verdict source(CaseContext c, SourceFacts facts) {
        Action.Source source = (Action.Source) c.testCase().action();
        return verdict(
                c,
                SourceRuleChecker.check(source.rules(), facts)
                        .map(b -> Outcome.wrongAnswer(b.message())
                                .atLine(b.line() > 0 ? Optional.of(b.line()) : Optional.empty()))
                        .orElseGet(Outcome::passed));
    }

    Verdict missingDependency(CaseContext c, List<String> missing, RunWith runWith) {
        String message = switch (runWith.kind()) {
            case GRAALPY -> Messages.missingOnGraalPy(missing);
            case CPYTHON -> Messages.missingOnCPython(missing, runWith.description());
        };
        return verdict(c, Outcome.missingDependency(message));
    }

    /** On GraalPy, a package exercise's case: it needs CPython (a missing dependency, not a wrong answer). */
    Verdict packageNeedsCPython(CaseContext c) {
        return verdict(c, Outcome.missingDependency(Messages.packageNeedsCPython(file)));
    }

    /** A generated case whose inputs or expected answer the grader itself could not make. */
    Verdict referenceBroken(CaseContext c, String problem) {
        return verdict(c, Outcome.error(Messages.referenceBroken(problem)).couldNotRunAtAll());
    }

    Verdict grade(CaseContext c, Observation o, List<String> requiredModules) {
        return verdict(c, judge(c, o, requiredModules).took(o.elapsedMillis()));
    }

    private Outcome judge(CaseContext c, Observation o, List<String> requiredModules) {
        if (c.testCase().action() instanceof Action.Tests tests) {
            Optional<Outcome> judged = mutants.judge(tests, o);
            if (judged.isPresent()) {
                return judged.get();
            }
        }
        Limits limits = c.limits();
        String output = output(o);
        return switch (o.status()) {
            case TIMEOUT ->
                Messages.budgetSpentBefore(o)
                        ? Outcome.of(Verdict.Status.TIMEOUT, Messages.notRunBudgetSpent(limits))
                        : Messages.cutShortByBudget(o, limits)
                                ? limitHit(c, o, Verdict.Status.TIMEOUT, Messages.cutShort(o, limits, file))
                                : timedOut(c, o, limits);
            case CPU_LIMIT -> busy(c, o, limits);
            case MEMORY_LIMIT -> limitHit(c, o, Verdict.Status.MEMORY_LIMIT, Messages.memoryLimit(limits));
            case OUTPUT_LIMIT -> limitHit(c, o, Verdict.Status.OUTPUT_LIMIT, Messages.outputLimit(limits));
            case CRASHED -> limitHit(c, o, Verdict.Status.CRASHED, Messages.crashed(o));
            case HARNESS_ERROR ->
                Outcome.error(Messages.harnessError(o.exception()))
                        .showing(output)
                        .couldNotRunAtAll();
            case RAISED -> raised(c, o, requiredModules, output);
            case EXITED -> Outcome.error(Messages.exitedDuringCall()).showing(output);
            case NO_RESULT ->
                c.testCase().action() instanceof Action.Run
                        ? finished(c, o, output)
                        : Outcome.error(Messages.endedTheProgram()).showing(output);
            case RETURNED -> finished(c, o, output);
        };
    }

    private Outcome raised(CaseContext c, Observation o, List<String> requiredModules, String output) {
        Expectation expect = c.testCase().expect();
        Observation.PythonError error = o.exception().orElseThrow();
        Optional<Integer> line =
                error.line().isPresent() ? Optional.of(error.line().getAsInt()) : Optional.empty();
        if (expect.raises().isPresent()) {
            String wanted = expect.raises().get();
            if (!error.isA(wanted)) {
                return Outcome.wrongAnswer(Messages.wrongException(wanted, error))
                        .expecting(wanted)
                        .got(error.type())
                        .showing(output)
                        .atLine(line);
            }
            if (expect.message().isPresent()
                    && !expect.message().get().matcher(error.message()).find()) {
                return Outcome.wrongAnswer(Messages.wrongExceptionMessage(error))
                        .expecting(expect.message().get().pattern())
                        .got(error.message())
                        .showing(output)
                        .atLine(line);
            }
            Optional<Outcome> requests = stubRequests(c, o, output);
            if (requests.isPresent()) {
                return requests.get();
            }
            return checkOutputs(c, o, output);
        }
        if (error.isA("ModuleNotFoundError")
                && requiredModules.stream().anyMatch(m -> error.message().contains("'" + m))) {
            return Outcome.missingDependency(Messages.cannotImport(requiredModules))
                    .showing(output);
        }
        // a program's uncaught exception is already in its stderr; a call's traceback is not
        String shown = output.contains(error.traceback().strip()) ? output : joinOutput(output, error.traceback());
        if (!o.stubRequests().requests().isEmpty()) {
            // an exception after a wrong request (an HTTPError for the stub's 404) is explained by the request
            Optional<Outcome> requests = stubRequests(c, o, shown);
            if (requests.isPresent()) {
                return requests.get();
            }
        }
        boolean whileImporting = !(c.testCase().action() instanceof Action.Run)
                && error.traceback().contains("in <module>");
        String message = whileImporting
                ? Messages.exception(error, false) + " " + Messages.TOP_LEVEL_RUNS_ON_IMPORT
                : Messages.exception(error);
        Outcome outcome = Outcome.error(message).showing(shown).atLine(line);
        return whileImporting ? outcome.couldNotRunAtAll() : outcome;
    }

    private Outcome finished(CaseContext c, Observation o, String output) {
        Expectation expect = c.testCase().expect();
        Action action = c.testCase().action();
        Optional<Outcome> requests = stubRequests(c, o, output);
        if (requests.isPresent()) {
            return requests.get();
        }
        if (expect.raises().isPresent()) {
            return Outcome.wrongAnswer(Messages.notRaised(expect.raises().get(), o.value()))
                    .expecting(expect.raises().get())
                    .showing(output);
        }
        if (expect.value().isPresent()) {
            PyValue wanted = expect.value().get();
            PyValue got = o.value().orElse(new PyValue.PyNone());
            PyEquality equality = new PyEquality(expect.tolerance(), expect.absTolerance());
            Optional<String> difference = equality.difference(wanted, got);
            if (difference.isPresent()) {
                boolean printedInstead =
                        got instanceof PyValue.PyNone && !o.stdout().isBlank();
                OptionalInt first = equality.firstDifferentItem(wanted, got);
                String wantedText = ShortRepr.of(wanted, first);
                String gotText = ShortRepr.of(got, first);
                return Outcome.wrongAnswer(Messages.wrongValue(
                                describe(action), wantedText, gotText, difference.get(), printedInstead))
                        .expecting(wantedText)
                        .got(gotText)
                        .showing(output);
            }
        }
        if (action instanceof Action.Run) {
            int wanted = expect.exitCode().orElse(0);
            int got = o.exitCode().orElse(0);
            if (wanted != got) {
                return Outcome.wrongAnswer(Messages.wrongExitCode(wanted, got))
                        .expecting(String.valueOf(wanted))
                        .got(String.valueOf(got))
                        .showing(output);
            }
        }
        if (action instanceof Action.Sql sql) {
            Optional<Outcome> query = DatabaseChecker.namedQuery(
                            sql.query(), file, expect.rows(), o.namedQuery(), expect.tolerance())
                    .map(f -> f.error()
                            ? Outcome.error(f.message())
                            : Outcome.wrongAnswer(f.message())
                                    .expecting(f.expected())
                                    .got(f.actual()));
            if (query.isPresent()) {
                return query.get();
            }
        }
        if (action instanceof Action.Scenario scenario) {
            Outcome steps = ScenarioChecker.check(scenario, o, output);
            // the case's own expect holds only db:, looked at once every step has matched
            return steps.status() == Verdict.Status.PASSED ? database(expect, o, output, false) : steps;
        }
        if (action instanceof Action.Http httpCase) {
            Optional<Outcome> http = HttpChecker.check(httpCase, o)
                    .map(f -> Outcome.wrongAnswer(f.message())
                            .expecting(f.expected())
                            .got(f.actual())
                            .showing(output));
            if (http.isPresent()) {
                return http.get();
            }
        }
        return checkOutputs(c, o, output);
    }

    /** What the code sent to the case's stub API, checked first: a wrong request explains a wrong answer. */
    private static Optional<Outcome> stubRequests(CaseContext c, Observation o, String output) {
        Case testCase = c.testCase();
        return testCase.expect()
                .requests()
                .flatMap(r -> testCase.stub().flatMap(s -> StubRequestChecker.check(s, r, o.stubRequests())))
                .map(f -> Outcome.wrongAnswer(f.message())
                        .expecting(f.expected())
                        .got(f.actual())
                        .showing(output));
    }

    /** A case with a stub API on GraalPy, whose sandbox has no sockets: it is not run. */
    Verdict stubNeedsCPython(CaseContext c) {
        return verdict(c, Outcome.missingDependency(Messages.stubNeedsCPython()));
    }

    /** A case on PostgreSQL on GraalPy, which can neither start the server nor load psycopg2: it is not run. */
    Verdict postgresNeedsCPython(CaseContext c) {
        return verdict(c, Outcome.missingDependency(Messages.postgresNeedsCPython()));
    }

    /** An http case on GraalPy, whose sandbox has no sockets: it is not run. */
    Verdict httpNeedsCPython(CaseContext c) {
        return verdict(c, Outcome.missingDependency(Messages.httpNeedsCPython()));
    }

    private Outcome checkOutputs(CaseContext c, Observation o, String output) {
        Expectation expect = c.testCase().expect();
        Optional<Outcome> stdout = expect.stdout()
                .flatMap(m ->
                        stream(m, o.stdout(), output, problem -> Messages.wrongStdout(problem, o.stdoutTruncated())));
        if (stdout.isPresent()) {
            return stdout.get();
        }
        // (the cut-short note follows stdout's truncation for stderr too, as it always has)
        Optional<Outcome> stderr = expect.stderr()
                .flatMap(m ->
                        stream(m, o.stderr(), output, problem -> Messages.wrongStderr(problem, o.stdoutTruncated())));
        if (stderr.isPresent()) {
            return stderr.get();
        }
        for (Map.Entry<String, Expectation.FileExpectation> entry :
                expect.files().entrySet()) {
            String name = entry.getKey();
            Optional<String> content = o.files().getOrDefault(name, Optional.empty());
            Expectation.FileExpectation want = entry.getValue();
            if (want.mustBeAbsent() && content.isPresent()) {
                return Outcome.wrongAnswer(Messages.fileShouldBeGone(name)).showing(output);
            }
            if (!want.mustBeAbsent() && content.isEmpty()) {
                return Outcome.wrongAnswer(Messages.fileMissing(name)).showing(output);
            }
            if (want.content().isPresent()) {
                OutputMatcher matcher = want.content().get();
                Optional<String> mismatch = matcher.mismatch(content.orElse(""));
                if (mismatch.isPresent()) {
                    return Outcome.wrongAnswer(Messages.fileDiffers(name, mismatch.get()))
                            .expecting(matcher.wholeText().orElse(matcher.describe()))
                            .got(content)
                            .showing(output);
                }
            }
        }
        return database(
                expect,
                o,
                output,
                c.testCase().action() instanceof Action.Http http
                        && http.factory().isPresent());
    }

    /** {@code expect: db:}, the last check of a case: what the code left in its SQLite file. */
    private static Outcome database(Expectation expect, Observation o, String output, boolean byServer) {
        if (expect.db().isEmpty()) {
            return Outcome.passed();
        }
        return DatabaseChecker.check(expect.db().get(), o.database(), expect.tolerance(), byServer)
                .map(f -> Outcome.wrongAnswer(f.message())
                        .expecting(f.expected())
                        .got(f.actual())
                        .showing(output))
                .orElseGet(Outcome::passed);
    }

    private static Optional<Outcome> stream(
            OutputMatcher matcher, String text, String output, Function<String, String> message) {
        // a diff only helps when whole outputs are compared; other modes say what is missing
        return matcher.mismatch(text)
                .map(problem -> Outcome.wrongAnswer(message.apply(problem))
                        .expecting(matcher.wholeText())
                        .got(matcher.wholeText().isPresent() ? Optional.of(text) : Optional.empty())
                        .showing(output));
    }

    /**
     * Which limit fires first for a busy loop, CPU or wall, depends on how loaded the machine is;
     * what the learner reads depends on their code: busy (computing) or waiting (sleeping), when the
     * harness measured the CPU time; else the plain timeout.
     */
    private Outcome timedOut(CaseContext c, Observation o, Limits limits) {
        if (o.inputExhausted()) {
            return limitHit(
                    c, o, busy(o) ? Verdict.Status.CPU_LIMIT : Verdict.Status.TIMEOUT, Messages.inputRanOut(o, file));
        }
        if (o.cpuMillis().isEmpty()) {
            return limitHit(c, o, Verdict.Status.TIMEOUT, Messages.timeout(o, limits, file));
        }
        if (busy(o)) {
            return busy(c, o, limits);
        }
        return limitHit(c, o, Verdict.Status.TIMEOUT, Messages.waiting(o, limits, file));
    }

    /** Computing for a tenth of the time or more: a sleeping or waiting program uses almost none. */
    static boolean busy(Observation o) {
        return o.status() == Observation.Status.CPU_LIMIT
                || o.cpuMillis().isPresent() && o.cpuMillis().getAsLong() * 10 >= Math.max(1, o.elapsedMillis());
    }

    private Outcome busy(CaseContext c, Observation o, Limits limits) {
        if (o.inputExhausted()) {
            return limitHit(c, o, Verdict.Status.CPU_LIMIT, Messages.inputRanOut(o, file));
        }
        return limitHit(c, o, Verdict.Status.CPU_LIMIT, Messages.busy(o, limits, file));
    }

    private Outcome limitHit(CaseContext c, Observation o, Verdict.Status status, String message) {
        if (stuckWhileLoading(c, o)) {
            message += " " + Messages.TOP_LEVEL_RUNS_ON_IMPORT;
        }
        return Outcome.of(status, message).showing(output(o)).atLine(o.where().map(Observation.Where::line));
    }

    /** Cases that load the learner's file as a module before calling into it. */
    static boolean loadsTheFile(Case testCase) {
        return testCase.action() instanceof Action.Call
                || testCase.action() instanceof Action.Expr
                || testCase.action() instanceof Action.Scenario;
    }

    /**
     * A case that hit its time limit while the file's top-level code was still running: a call
     * or expression case while loading the file, or a program before it read any of its input.
     */
    boolean stuckWhileLoading(CaseContext c, Observation o) {
        boolean timeLimit = o.status() == Observation.Status.TIMEOUT || o.status() == Observation.Status.CPU_LIMIT;
        boolean atTopLevel = o.where()
                .flatMap(w -> w.stack().lines().filter(l -> l.contains(file)).findFirst())
                .filter(frame -> frame.contains("<module>"))
                .isPresent();
        boolean sameForAnyInput =
                loadsTheFile(c.testCase()) || c.testCase().action() instanceof Action.Run && o.inputUnread();
        return timeLimit && atTopLevel && sameForAnyInput;
    }

    /**
     * The verdict for a case not run because the file's top-level code already never finished in
     * another case that starts it the same way ({@link ExerciseRun.StuckLoad#repeatsIn}): it would
     * only spend its limit again, and all such cases together could keep the learner waiting a minute.
     */
    Verdict notRunAfterStuckLoad(CaseContext c, Verdict stuck) {
        String message = loadsTheFile(c.testCase())
                ? Messages.notRunAfterStuckLoad(stuck.name())
                : Messages.notRunAfterStuckProgram(stuck.name());
        return verdict(c, Outcome.of(stuck.status(), message).atLine(stuck.line()));
    }

    /** The case itself ran out of time (CPU or wall), not the submission's overall budget before it. */
    static boolean ranOutOfTime(Observation o) {
        boolean timeLimit = o.status() == Observation.Status.TIMEOUT || o.status() == Observation.Status.CPU_LIMIT;
        return timeLimit && !Messages.budgetSpentBefore(o);
    }

    /**
     * The verdict for a case not run, at the keyboard, after {@code outOfTime} ran out of time: it
     * would most likely wait out its own limit too, and the learner fixes one loop at a time.
     */
    Verdict notRunAfterTimeLimit(CaseContext c, Verdict outOfTime) {
        return verdict(
                c,
                Outcome.of(outOfTime.status(), Messages.notRunAfterTimeLimit(outOfTime.name()))
                        .atLine(outOfTime.line()));
    }

    /** The one place a verdict is made: the outcome, plus what the case is worth and its hint. */
    Verdict verdict(CaseContext c, Outcome outcome) {
        Case testCase = c.testCase();
        Verdict.Status status = outcome.status();
        boolean passed = status == Verdict.Status.PASSED;
        // a case's hint is about its answer: it helps when the code answered wrongly or raised, not
        // when it never finished, crashed or could not run (the message says what to do then)
        boolean answered = status == Verdict.Status.FAILED || status == Verdict.Status.ERROR;
        return new Verdict(
                exercise,
                c.taskNumber(),
                c.taskName(),
                testCase.name(),
                status,
                passed ? testCase.points() : 0,
                testCase.points(),
                testCase.hidden(),
                outcome.message(),
                outcome.expected(),
                outcome.actual(),
                outcome.output(),
                outcome.line(),
                file,
                answered ? testCase.hint() : Optional.empty(),
                testCase.source(),
                outcome.millis(),
                outcome.couldNotRun());
    }

    /** The call as the learner would type it, its long arguments cut as {@link ShortRepr} cuts values. */
    static String describe(Action action) {
        if (action instanceof Action.Call call) {
            List<String> parts = new ArrayList<>();
            call.args().forEach(a -> parts.add(ShortRepr.of(a, OptionalInt.empty())));
            call.kwargs().forEach((k, v) -> parts.add(k + "=" + ShortRepr.of(v, OptionalInt.empty())));
            return call.function() + "(" + String.join(", ", parts) + ")";
        }
        return action.describe();
    }

    private static String output(Observation o) {
        return joinOutput(o.stdout(), o.stderr());
    }

    private static String joinOutput(String first, String second) {
        if (second.isBlank()) {
            return first;
        }
        if (first.isBlank()) {
            return second;
        }
        return first.endsWith("\n") ? first + second : first + "\n" + second;
    }
}
