package dev.sprout.grading;

import java.util.List;
import java.util.Optional;

import dev.sprout.runner.Observation;
import dev.sprout.sandbox.Limits;
import dev.sprout.value.PyValue;

/**
 * Every sentence the grading shows a learner, in one place: how a case ended and what to try
 * next. Tests and the grader self-test check many of them word for word.
 */
final class Messages {

    /** For a call or expression case whose module failed while it was being imported. */
    static final String TOP_LEVEL_RUNS_ON_IMPORT = "It happened while the checker was loading your file to test a "
            + "function: code outside functions runs then too. Put the part of your program that asks questions "
            + "or loops under `if __name__ == \"__main__\":` so it only runs when you start the program yourself.";

    private Messages() {}

    static String timeout(Observation o, Limits limits, String file) {
        return "Your code was still running after " + seconds(limits.wall().toMillis()) + "."
                + where(o, file) + " Check that every loop can end: the condition of a `while` must become false, "
                + "and `input()` is only called as often as the exercise needs.";
    }

    /** Busy until a limit stopped it, whichever (CPU or wall) fired first: that depends on the machine's load. */
    static String busy(Observation o, Limits limits, String file) {
        return "Your code was still running when its time ran out, busy computing the whole time (the limit is "
                + seconds(limits.cpu().toMillis()) + " of computing time, "
                + seconds(limits.wall().toMillis())
                + " in all)." + where(o, file) + " A loop that never ends, or does far more work than needed, is the "
                + "usual cause: the condition of a `while` must become false.";
    }

    /**
     * Out of time after its stdin reads hit end of input: every input() raised EOFError, and a bare
     * except around it kept the loop going (the CPython harness notes it; GraalPy does not).
     */
    static String inputRanOut(Observation o, String file) {
        return "Your program kept running after the checker's answers ran out: every input() after that raised "
                + "EOFError." + where(o, file) + " A bare `except:` (or `except Exception:`) around input() catches "
                + "it and loops forever — catch ValueError instead, or stop when input ends.";
    }

    /** Out of wall time while computing almost nothing: sleeping, or waiting for something. */
    static String waiting(Observation o, Limits limits, String file) {
        return "Your code was still waiting after " + seconds(limits.wall().toMillis()) + ", computing almost nothing: "
                + "a `time.sleep()`, or a wait for something that never comes." + where(o, file)
                + " Check that every wait is needed, and short.";
    }

    static String memoryLimit(Limits limits) {
        return "Your code used more than " + (limits.memoryBytes() >> 20) + " MiB of memory. "
                + "A list or string that keeps growing inside a loop is the usual cause.";
    }

    static String outputLimit(Limits limits) {
        return "Your code printed more than " + (limits.outputBytes() >> 10) + " KiB. "
                + "Is a `print` inside a loop that never ends?";
    }

    static String crashed(Observation o) {
        String signal = o.exception().map(Observation.PythonError::type).orElse("a signal");
        return "Python itself stopped (" + signal + "). This is rare: it can come from very deep recursion "
                + "or from ending the process from inside your code.";
    }

    static String where(Observation o, String file) {
        Optional<Observation.Where> where = o.where();
        return where.map(w -> " It was busy on line " + w.line() + " of " + file + ".")
                .orElse("");
    }

    static String seconds(long millis) {
        double seconds = millis / 1000.0;
        return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds))
                + (seconds == 1 ? " second" : " seconds");
    }

    /** "ZeroDivisionError: division by zero" and where it happened. */
    static String exception(Observation.PythonError error) {
        return exception(error, true);
    }

    /** @param advise add the usual advice for the exception's type */
    static String exception(Observation.PythonError error, boolean advise) {
        StringBuilder out = new StringBuilder("Your code raised ").append(error.type());
        if (!error.message().isBlank()) {
            out.append(": ").append(error.message());
        }
        error.line()
                .ifPresent(line -> out.append(" (")
                        .append(error.file().orElse("your file"))
                        .append(", line ")
                        .append(line)
                        .append(')'));
        out.append('.');
        if (!advise) {
            return out.toString();
        }
        String advice = switch (error.type()) {
            case "EOFError" ->
                " Your program asked for more input than the test typed: check how many times " + "`input()` runs.";
            case "NameError" -> " A name is used before it is defined, or is misspelled.";
            case "TypeError" -> " Check the types: `input()` always gives a string; convert it with int() or float().";
            case "ValueError" ->
                error.message().contains("values to unpack")
                        ? " The number of names on the left of `=` must match the number of values on the right: "
                                + "`a, b = \"1 2\".split()` works, `a, b = \"1 2 3\".split()` does not."
                        : " A value had the right type but a wrong form, e.g. int(\"abc\").";
            case "IndexError" -> " A list was indexed past its end: remember the last index is len(x) - 1.";
            case "KeyError" -> " A dictionary was asked for a key it does not have: try .get().";
            case "FileNotFoundError" -> " A file was opened that does not exist (yet): handle that case.";
            case "RecursionError" ->
                " A function called itself more times in a row than Python allows (about "
                        + "1,000 calls deep). If it never stops calling itself, check the case that should end it; if the "
                        + "input is just big, use a loop instead.";
            default -> "";
        };
        return out.append(advice).toString();
    }

    /** The learner's file could not be compiled; no case runs. */
    static String cannotRead(String file, Observation.PythonError error) {
        StringBuilder out =
                new StringBuilder("Python cannot read ").append(error.file().orElse(file));
        error.line().ifPresent(line -> out.append(", line ").append(line));
        out.append(": ").append(error.type()).append(": ").append(error.message());
        return out.toString();
    }

    static String harnessError(Optional<Observation.PythonError> error) {
        return "sprout could not run this case: "
                + error.map(Observation.PythonError::message).orElse("unknown error");
    }

    /** A generated case's generator or reference failed: the pack's fault, said so for the mentor. */
    static String referenceBroken(String problem) {
        return "sprout could not make this check's inputs or its expected answer, so it did not run your code: "
                + problem + ". This is a problem in the exercise's grader, not in your code: tell your mentor"
                + " or the exercise's author.";
    }

    static String exitedDuringCall() {
        return "Your code called exit() (or sys.exit()) while the test was calling it, so nothing was returned. "
                + "Use `return` to give back a value.";
    }

    static String endedTheProgram() {
        return "Your code ended the whole program (os._exit?) before the function returned.";
    }

    static String wrongException(String wanted, Observation.PythonError error) {
        return "Expected " + wanted + " to be raised, but your code raised " + error.type()
                + (error.message().isBlank() ? "" : ": " + error.message()) + ".";
    }

    static String wrongExceptionMessage(Observation.PythonError error) {
        return "Your code raised " + error.type() + " as it should, but its message \"" + error.message()
                + "\" does not match what the exercise asks for.";
    }

    /** @param value what the code returned instead, if it returned */
    static String notRaised(String wanted, Optional<PyValue> value) {
        String got = value.map(v -> "returned " + v.repr()).orElse("finished normally");
        return "Expected " + wanted + " to be raised, but your code " + got + ".";
    }

    /** @param wanted the expected value, as the learner reads it (cut when long); {@code got} likewise */
    static String wrongValue(String call, String wanted, String got, String difference, boolean printedInstead) {
        return call + " should return " + wanted + ", but it returned " + got + " (" + difference + ")."
                + (printedInstead
                        ? " It printed something instead: use `return` to give the value back, not `print`."
                        : "");
    }

    static String wrongExitCode(int wanted, int got) {
        return "Your program should end with exit code " + wanted + ", but it ended with " + got + ".";
    }

    static String wrongStdout(String problem, boolean truncated) {
        return wrongStream("printed", problem, truncated);
    }

    static String wrongStderr(String problem, boolean truncated) {
        return wrongStream("wrote to stderr", problem, truncated);
    }

    private static String wrongStream(String verb, String problem, boolean truncated) {
        return "What your code " + verb + " is not what the exercise asks for: " + problem + "."
                + (truncated ? " (The output was cut short.)" : "");
    }

    static String fileShouldBeGone(String name) {
        return "The file " + name + " should not exist afterwards, but it does.";
    }

    static String fileMissing(String name) {
        return "Your code should leave a file named " + name + ", but there is none.";
    }

    static String fileDiffers(String name, String mismatch) {
        return "The file " + name + " is not as expected: " + mismatch + ".";
    }

    /** A case skipped because loading the file never finished in {@code stuckCase}, as it would here. */
    static String notRunAfterStuckLoad(String stuckCase) {
        return "Not run: loading your file never finished in \"" + stuckCase
                + "\", and this test loads it the same way. " + TOP_LEVEL_RUNS_ON_IMPORT;
    }

    /** A program run skipped because the program never finished in {@code stuckCase} before reading any input. */
    static String notRunAfterStuckProgram(String stuckCase) {
        return "Not run: your program never finished in \"" + stuckCase + "\", before it even read its input, so it "
                + "would not finish with this test's input either.";
    }

    /** At the keyboard, a case skipped after {@code stuckCase} ran out of time. */
    static String notRunAfterTimeLimit(String stuckCase) {
        return "Not run: fix the loop first. \"" + stuckCase + "\" was still running when its time ran out, and the "
                + "other tests would most likely wait just as long.";
    }

    /** The harness never started this case: the submission's overall time was spent on the cases before it. */
    static boolean budgetSpentBefore(Observation o) {
        return o.exception().map(e -> e.type().equals("SubmissionTimeout")).orElse(false);
    }

    /**
     * The harness stopped waiting for this case before its own limit: the submission's overall
     * time ran out while it ran (sprout's side waits the case's limit plus a grace otherwise).
     */
    static boolean cutShortByBudget(Observation o, Limits limits) {
        return o.exception().map(e -> e.type().equals("Timeout")).orElse(false)
                && o.elapsedMillis() < limits.wall().toMillis();
    }

    static String notRunBudgetSpent(Limits limits) {
        return "Not run: all the tests of this exercise together may take "
                + seconds(limits.submissionWall().toMillis())
                + ", and the tests before this one used up that time. Make those finish first.";
    }

    static String cutShort(Observation o, Limits limits, String file) {
        return "Stopped after " + roughSeconds(o.elapsedMillis()) + ", before its own limit of "
                + seconds(limits.wall().toMillis()) + ": all the tests of this exercise together may take "
                + seconds(limits.submissionWall().toMillis()) + ", and that time ran out." + where(o, file)
                + " Make the slow tests before it finish first.";
    }

    /** "1.2 seconds", to a tenth. */
    static String roughSeconds(long millis) {
        return seconds(Math.round(millis / 100.0) * 100);
    }

    /** The required modules are not importable, as the harness found when the code ran. */
    static String cannotImport(List<String> required) {
        return "This exercise needs " + String.join(", ", required) + ", which this Python cannot import. "
                + "This is not a problem with your code.";
    }

    /** GraalPy cannot install packages or run C extensions: only a real Python helps. */
    static String missingOnGraalPy(List<String> missing) {
        return "This exercise needs " + String.join(", ", missing)
                + ", which GraalPy (sprout's built-in Python) cannot "
                + "run. Install Python 3.8 or newer"
                + (missing.contains("flask") ? " and Flask (Debian/Ubuntu: `sudo apt-get install python3-flask`)" : "")
                + ", then grade again "
                + "(sprout uses it when it finds it, or with `--engine cpython`). This is not a problem with your code.";
    }

    /** @param interpreter the interpreter and sandbox, as {@link dev.sprout.runner.Session#describe()} names them */
    static String missingOnCPython(List<String> missing, String interpreter) {
        return "This exercise needs " + String.join(", ", missing) + ", which is not installed for " + interpreter
                + ". "
                + "Install it with `python3 -m pip install " + String.join(" ", missing) + "`"
                + (missing.contains("flask")
                        ? " (Debian/Ubuntu: `sudo apt-get install python3-flask`, then run sprout "
                                + "with `--python /usr/bin/python3`)"
                        : "")
                + ". This is not a problem with your code.";
    }

    static String noResponse() {
        return "Your app sent no response.";
    }

    static String wrongStatus(int wanted, int got) {
        return "Expected status " + wanted + ", but your app answered " + got + ".";
    }

    static String notJson() {
        return "Expected a JSON body, but your app sent something else. Return a dict (or use jsonify) so Flask sends JSON.";
    }

    static String wrongJson() {
        return "The JSON your app sent is not what the exercise asks for.";
    }

    /** @param mismatch how the header differs; empty when it is missing */
    static String wrongHeader(String name, Optional<String> mismatch) {
        return "The " + name + " header is not as expected"
                + mismatch.map(m -> ": " + m + ".").orElse(": it is missing.");
    }

    static String wrongBody(String mismatch) {
        return "The response body is not as expected: " + mismatch + ".";
    }

    /** A source rule, broken: the exercise's own message first when it has one. */
    static String sourceRule(String exerciseMessage, String breach) {
        return exerciseMessage.isBlank() ? breach : exerciseMessage + " (" + breach + ")";
    }

    static String forbiddenCall(int line, String name) {
        return forbidden(line, "calls ", name + "()");
    }

    /** @param method the method's name, as in {@code xs.sort()} */
    static String forbiddenMethodCall(int line, String method) {
        return forbidden(line, "calls the method ", "." + method + "()");
    }

    static String forbiddenImport(int line, String name) {
        return forbidden(line, "imports ", name);
    }

    static String forbiddenConstruct(int line, String name) {
        return forbidden(line, "uses ", name);
    }

    private static String forbidden(int line, String verb, String what) {
        return "line " + line + " " + verb + "`" + what + "`, which this exercise asks you not to use";
    }

    static String missingCall(String name) {
        return required("should call ", name + "()");
    }

    static String missingImport(String name) {
        return required("should import ", name);
    }

    static String missingConstruct(String name) {
        return required("should use ", name);
    }

    static String missingFunction(String name) {
        return required("should define a function ", name + "()");
    }

    private static String required(String verb, String what) {
        return "your file " + verb + "`" + what + "`";
    }
}
