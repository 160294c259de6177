package dev.sprout.grading;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.sprout.runner.Observation;
import dev.sprout.runner.SourceFacts;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Action;
import dev.sprout.spec.Case;
import dev.sprout.spec.Expectation;
import dev.sprout.spec.OutputMatcher;
import dev.sprout.value.PyEquality;
import dev.sprout.value.PyValue;
import dev.sprout.result.Verdict;

/**
 * Turns what the harness observed into a verdict by comparing it with the spec. This is the only
 * place expected values meet observed ones, and it runs in the JVM, outside the sandbox.
 */
final class CaseGrader {

    private final String exercise;
    private final String file;

    CaseGrader(String exercise, String file) {
        this.exercise = exercise;
        this.file = file;
    }

    Verdict source(CaseContext c, SourceFacts facts) {
        Action.Source source = (Action.Source) c.testCase().action();
        return SourceRuleChecker.check(source.rules(), facts)
                .map(b -> verdict(c, Verdict.Status.FAILED, b.message(), Optional.empty(), Optional.empty(), "",
                        b.line() > 0 ? Optional.of(b.line()) : Optional.empty(), 0))
                .orElseGet(() -> passed(c, 0));
    }

    Verdict missingDependency(CaseContext c, List<String> missing, String interpreter) {
        String names = String.join(", ", missing);
        if (interpreter.startsWith("GraalPy")) {
            // GraalPy cannot install packages or run C extensions: only a real Python helps
            return verdict(c, Verdict.Status.MISSING_DEPENDENCY, "This exercise needs " + names + ", which GraalPy "
                    + "(sprout's built-in Python) cannot run. Install Python 3.8 or newer" + (missing.contains("flask")
                    ? " and Flask (Debian/Ubuntu: `sudo apt-get install python3-flask`)" : "") + ", then grade again "
                    + "(sprout uses it when it finds it, or with `--engine cpython`). This is not a problem with your code.",
                    Optional.empty(), Optional.empty(), "", Optional.empty(), 0);
        }
        String message = "This exercise needs " + names + ", which is not installed for " + interpreter + ". "
                + "Install it with `python3 -m pip install " + String.join(" ", missing) + "`"
                + (missing.contains("flask") ? " (Debian/Ubuntu: `sudo apt-get install python3-flask`, then run sprout "
                + "with `--python /usr/bin/python3`)" : "")
                + ". This is not a problem with your code.";
        return verdict(c, Verdict.Status.MISSING_DEPENDENCY, message, Optional.empty(), Optional.empty(), "",
                Optional.empty(), 0);
    }

    Verdict grade(CaseContext c, Observation o, List<String> requiredModules) {
        Limits limits = c.limits();
        String output = output(o);
        return switch (o.status()) {
            case TIMEOUT -> limitHit(c, o, Verdict.Status.TIMEOUT, Messages.timeout(o, limits, file));
            case CPU_LIMIT -> limitHit(c, o, Verdict.Status.CPU_LIMIT, Messages.cpuLimit(o, limits, file));
            case MEMORY_LIMIT -> limitHit(c, o, Verdict.Status.MEMORY_LIMIT, Messages.memoryLimit(limits));
            case OUTPUT_LIMIT -> limitHit(c, o, Verdict.Status.OUTPUT_LIMIT, Messages.outputLimit(limits));
            case CRASHED -> limitHit(c, o, Verdict.Status.CRASHED, Messages.crashed(o));
            case HARNESS_ERROR -> verdict(c, Verdict.Status.ERROR, "sprout could not run this case: "
                    + o.exception().map(Observation.PythonError::message).orElse("unknown error"),
                    Optional.empty(), Optional.empty(), output, Optional.empty(), o.elapsedMillis());
            case RAISED -> raised(c, o, requiredModules, output);
            case EXITED -> verdict(c, Verdict.Status.ERROR, "Your code called exit() (or sys.exit()) while the test "
                    + "was calling it, so nothing was returned. Use `return` to give back a value.",
                    Optional.empty(), Optional.empty(), output, Optional.empty(), o.elapsedMillis());
            case NO_RESULT -> c.testCase().action() instanceof Action.Run
                    ? finished(c, o, output)
                    : verdict(c, Verdict.Status.ERROR, "Your code ended the whole program (os._exit?) before the "
                    + "function returned.", Optional.empty(), Optional.empty(), output, Optional.empty(), o.elapsedMillis());
            case RETURNED -> finished(c, o, output);
        };
    }

    private Verdict raised(CaseContext c, Observation o, List<String> requiredModules, String output) {
        Expectation expect = c.testCase().expect();
        Observation.PythonError error = o.exception().orElseThrow();
        Optional<Integer> line = error.line().isPresent() ? Optional.of(error.line().getAsInt()) : Optional.empty();
        if (expect.raises().isPresent()) {
            String wanted = expect.raises().get();
            if (!error.isA(wanted)) {
                return verdict(c, Verdict.Status.FAILED, "Expected " + wanted + " to be raised, but your code raised "
                        + error.type() + (error.message().isBlank() ? "" : ": " + error.message()) + ".",
                        Optional.of(wanted), Optional.of(error.type()), output, line, o.elapsedMillis());
            }
            if (expect.message().isPresent() && !expect.message().get().matcher(error.message()).find()) {
                return verdict(c, Verdict.Status.FAILED, "Your code raised " + error.type() + " as it should, but its "
                        + "message \"" + error.message() + "\" does not match what the exercise asks for.",
                        Optional.of(expect.message().get().pattern()), Optional.of(error.message()), output, line,
                        o.elapsedMillis());
            }
            return checkOutputs(c, o, output);
        }
        if (error.isA("ModuleNotFoundError") && requiredModules.stream().anyMatch(m -> error.message().contains("'" + m))) {
            return verdict(c, Verdict.Status.MISSING_DEPENDENCY, "This exercise needs " + String.join(", ", requiredModules)
                    + ", which this Python cannot import. This is not a problem with your code.", Optional.empty(),
                    Optional.empty(), output, Optional.empty(), o.elapsedMillis());
        }
        // a program's uncaught exception is already in its stderr; a call's traceback is not
        String shown = output.contains(error.traceback().strip()) ? output : joinOutput(output, error.traceback());
        boolean whileImporting = !(c.testCase().action() instanceof Action.Run) && error.traceback().contains("in <module>");
        String message = whileImporting
                ? Messages.exception(error, false) + " " + Messages.TOP_LEVEL_RUNS_ON_IMPORT
                : Messages.exception(error);
        return verdict(c, Verdict.Status.ERROR, message, Optional.empty(), Optional.empty(), shown, line,
                o.elapsedMillis());
    }

    private Verdict finished(CaseContext c, Observation o, String output) {
        Expectation expect = c.testCase().expect();
        Action action = c.testCase().action();
        if (expect.raises().isPresent()) {
            String got = o.value().map(v -> "returned " + v.repr()).orElse("finished normally");
            return verdict(c, Verdict.Status.FAILED, "Expected " + expect.raises().get() + " to be raised, but your code "
                    + got + ".", Optional.of(expect.raises().get()), Optional.empty(), output, Optional.empty(),
                    o.elapsedMillis());
        }
        if (expect.value().isPresent()) {
            PyValue wanted = expect.value().get();
            PyValue got = o.value().orElse(new PyValue.PyNone());
            Optional<String> difference = new PyEquality(expect.tolerance()).difference(wanted, got);
            if (difference.isPresent()) {
                String call = action.describe();
                StringBuilder message = new StringBuilder(call).append(" should return ").append(wanted.repr())
                        .append(", but it returned ").append(got.repr()).append(" (").append(difference.get()).append(").");
                if (got instanceof PyValue.PyNone && !o.stdout().isBlank()) {
                    message.append(" It printed something instead: use `return` to give the value back, not `print`.");
                }
                return verdict(c, Verdict.Status.FAILED, message.toString(), Optional.of(wanted.repr()),
                        Optional.of(got.repr()), output, Optional.empty(), o.elapsedMillis());
            }
        }
        if (action instanceof Action.Run) {
            int wanted = expect.exitCode().orElse(0);
            int got = o.exitCode().orElse(0);
            if (wanted != got) {
                return verdict(c, Verdict.Status.FAILED, "Your program should end with exit code " + wanted
                        + ", but it ended with " + got + ".", Optional.of(String.valueOf(wanted)),
                        Optional.of(String.valueOf(got)), output, Optional.empty(), o.elapsedMillis());
            }
        }
        if (action instanceof Action.Http) {
            Optional<Verdict> http = HttpChecker.check(expect, o).map(f -> verdict(c, Verdict.Status.FAILED, f.message(),
                    f.expected(), f.actual(), output, Optional.empty(), o.elapsedMillis()));
            if (http.isPresent()) {
                return http.get();
            }
        }
        return checkOutputs(c, o, output);
    }

    private Verdict checkOutputs(CaseContext c, Observation o, String output) {
        Expectation expect = c.testCase().expect();
        Optional<Verdict> stdout = expect.stdout().flatMap(m -> stream(c, o, m, o.stdout(), "printed", output));
        if (stdout.isPresent()) {
            return stdout.get();
        }
        Optional<Verdict> stderr = expect.stderr().flatMap(m -> stream(c, o, m, o.stderr(), "wrote to stderr", output));
        if (stderr.isPresent()) {
            return stderr.get();
        }
        for (Map.Entry<String, Expectation.FileExpectation> entry : expect.files().entrySet()) {
            String name = entry.getKey();
            Optional<String> content = o.files().getOrDefault(name, Optional.empty());
            Expectation.FileExpectation want = entry.getValue();
            if (want.mustBeAbsent() && content.isPresent()) {
                return verdict(c, Verdict.Status.FAILED, "The file " + name + " should not exist afterwards, but it does.",
                        Optional.empty(), Optional.empty(), output, Optional.empty(), o.elapsedMillis());
            }
            if (!want.mustBeAbsent() && content.isEmpty()) {
                return verdict(c, Verdict.Status.FAILED, "Your code should leave a file named " + name
                        + ", but there is none.", Optional.empty(), Optional.empty(), output, Optional.empty(),
                        o.elapsedMillis());
            }
            if (want.content().isPresent()) {
                OutputMatcher matcher = want.content().get();
                Optional<String> mismatch = matcher.mismatch(content.orElse(""));
                if (mismatch.isPresent()) {
                    return verdict(c, Verdict.Status.FAILED, "The file " + name + " is not as expected: " + mismatch.get() + ".",
                            Optional.of(matcher.wholeText().orElse(matcher.describe())), content, output,
                            Optional.empty(), o.elapsedMillis());
                }
            }
        }
        return passed(c, o.elapsedMillis());
    }

    private Optional<Verdict> stream(CaseContext c, Observation o, OutputMatcher matcher, String text, String verb,
                                     String output) {
        return matcher.mismatch(text).map(problem -> {
            String message = "What your code " + verb + " is not what the exercise asks for: " + problem + "."
                    + (o.stdoutTruncated() ? " (The output was cut short.)" : "");
            // a diff only helps when whole outputs are compared; other modes say what is missing
            return verdict(c, Verdict.Status.FAILED, message, matcher.wholeText(),
                    matcher.wholeText().isPresent() ? Optional.of(text) : Optional.empty(), output, Optional.empty(),
                    o.elapsedMillis());
        });
    }

    private Verdict limitHit(CaseContext c, Observation o, Verdict.Status status, String message) {
        Optional<Integer> line = o.where().map(Observation.Where::line);
        if (stuckWhileLoading(c, o)) {
            message += " " + Messages.TOP_LEVEL_RUNS_ON_IMPORT;
        }
        return verdict(c, status, message, Optional.empty(), Optional.empty(), output(o), line, o.elapsedMillis());
    }

    /** Cases that load the learner's file as a module before calling into it. */
    static boolean loadsTheFile(Case testCase) {
        return testCase.action() instanceof Action.Call || testCase.action() instanceof Action.Expr;
    }

    /**
     * A case that hit its time limit while the file's top-level code was still running: a call
     * or expression case while loading the file, or a program before it read any of its input.
     */
    boolean stuckWhileLoading(CaseContext c, Observation o) {
        boolean timeLimit = o.status() == Observation.Status.TIMEOUT || o.status() == Observation.Status.CPU_LIMIT;
        boolean atTopLevel = o.where().flatMap(w -> w.stack().lines().filter(l -> l.contains(file)).findFirst())
                .filter(frame -> frame.contains("<module>")).isPresent();
        boolean sameForAnyInput = loadsTheFile(c.testCase())
                || c.testCase().action() instanceof Action.Run && o.inputUnread();
        return timeLimit && atTopLevel && sameForAnyInput;
    }

    /**
     * The verdict for a case not run because the file's top-level code already never finished in
     * another case that starts it the same way ({@link ExerciseRun.StuckLoad#repeatsIn}): it would
     * only spend its limit again, and all such cases together could keep the learner waiting a minute.
     */
    Verdict notRunAfterStuckLoad(CaseContext c, Verdict stuck) {
        String message = loadsTheFile(c.testCase())
                ? "Not run: loading your file never finished in \"" + stuck.name()
                        + "\", and this test loads it the same way. " + Messages.TOP_LEVEL_RUNS_ON_IMPORT
                : "Not run: your program never finished in \"" + stuck.name() + "\", before it even read "
                        + "its input, so it would not finish with this test's input either.";
        return verdict(c, stuck.status(), message, Optional.empty(), Optional.empty(), "", stuck.line(), 0);
    }

    private Verdict passed(CaseContext c, long millis) {
        return verdict(c, Verdict.Status.PASSED, "", Optional.empty(), Optional.empty(), "", Optional.empty(), millis);
    }

    Verdict verdict(CaseContext c, Verdict.Status status, String message, Optional<String> expected,
                    Optional<String> actual, String output, Optional<Integer> line, long millis) {
        Case testCase = c.testCase();
        boolean passed = status == Verdict.Status.PASSED;
        // a case's hint is about its answer: it helps when the code answered wrongly or raised, not
        // when it never finished, crashed or could not run (the message says what to do then)
        boolean answered = status == Verdict.Status.FAILED || status == Verdict.Status.ERROR;
        return new Verdict(exercise, c.taskNumber(), c.taskName(), testCase.name(), status,
                passed ? testCase.points() : 0, testCase.points(), testCase.hidden(), message, expected, actual, output,
                line, file, answered ? testCase.hint() : Optional.empty(), testCase.source(), millis);
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
