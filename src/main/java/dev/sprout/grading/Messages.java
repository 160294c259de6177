package dev.sprout.grading;

import java.util.Optional;

import dev.sprout.runner.Observation;
import dev.sprout.sandbox.Limits;

/** Learner-facing explanations of how a case ended, with what to try next. */
final class Messages {

    /** For a call or expression case whose module failed while it was being imported. */
    static final String TOP_LEVEL_RUNS_ON_IMPORT = "It happened while the checker was loading your file to test a "
            + "function: code outside functions runs then too. Put the part of your program that asks questions "
            + "or loops under `if __name__ == \"__main__\":` so it only runs when you start the program yourself.";

    private Messages() {
    }

    static String timeout(Observation o, Limits limits, String file) {
        return "Your code was still running after " + seconds(limits.wall().toMillis()) + "."
                + where(o, file) + " Check that every loop can end: the condition of a `while` must become false, "
                + "and `input()` is only called as often as the exercise needs.";
    }

    static String cpuLimit(Observation o, Limits limits, String file) {
        return "Your code used more than " + seconds(limits.cpu().toMillis()) + " of computing time."
                + where(o, file) + " A loop that never ends, or does far more work than needed, is the usual cause.";
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
        return where.map(w -> " It was busy on line " + w.line() + " of " + file + ".").orElse("");
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
        error.line().ifPresent(line -> out.append(" (").append(error.file().orElse("your file"))
                .append(", line ").append(line).append(')'));
        out.append('.');
        if (!advise) {
            return out.toString();
        }
        String advice = switch (error.type()) {
            case "EOFError" -> " Your program asked for more input than the test typed: check how many times "
                    + "`input()` runs.";
            case "NameError" -> " A name is used before it is defined, or is misspelled.";
            case "TypeError" -> " Check the types: `input()` always gives a string; convert it with int() or float().";
            case "ValueError" -> " A value had the right type but a wrong form, e.g. int(\"abc\").";
            case "IndexError" -> " A list was indexed past its end: remember the last index is len(x) - 1.";
            case "KeyError" -> " A dictionary was asked for a key it does not have: try .get().";
            case "FileNotFoundError" -> " A file was opened that does not exist (yet): handle that case.";
            case "RecursionError" -> " A function calls itself without ever stopping.";
            default -> "";
        };
        return out.append(advice).toString();
    }
}
