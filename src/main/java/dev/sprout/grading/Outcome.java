package dev.sprout.grading;

import java.util.Optional;

import dev.sprout.result.Verdict;

/**
 * What the grading policy decided about one case, built by name ({@code Outcome.wrongAnswer(…)
 * .expecting(…).got(…)}); {@link CaseGrader} adds the case's facts (points, hint, file) to make
 * the {@link Verdict}.
 *
 * @param status   how the case ended
 * @param message  what the learner reads; empty when passed
 * @param expected what the spec expected, as text
 * @param actual   what was observed, as text
 * @param output   what the learner's code printed
 * @param line     the learner's line the problem points at
 * @param millis   time the case took
 * @param couldNotRun the learner's code could not run for this case at all (see {@link Verdict#couldNotRun()})
 */
record Outcome(
        Verdict.Status status,
        String message,
        Optional<String> expected,
        Optional<String> actual,
        String output,
        Optional<Integer> line,
        long millis,
        boolean couldNotRun) {

    static Outcome passed() {
        return of(Verdict.Status.PASSED, "");
    }

    /** The code answered, but not as the exercise asks. */
    static Outcome wrongAnswer(String message) {
        return of(Verdict.Status.FAILED, message);
    }

    /** The code raised, exited or could not be run as a test. */
    static Outcome error(String message) {
        return of(Verdict.Status.ERROR, message);
    }

    static Outcome missingDependency(String message) {
        return of(Verdict.Status.MISSING_DEPENDENCY, message).couldNotRunAtAll();
    }

    /** A limit hit, a crash, or any other status decided elsewhere. */
    static Outcome of(Verdict.Status status, String message) {
        return new Outcome(status, message, Optional.empty(), Optional.empty(), "", Optional.empty(), 0, false);
    }

    Outcome expecting(String text) {
        return expecting(Optional.of(text));
    }

    Outcome expecting(Optional<String> text) {
        return new Outcome(status, message, text, actual, output, line, millis, couldNotRun);
    }

    Outcome got(String text) {
        return got(Optional.of(text));
    }

    Outcome got(Optional<String> text) {
        return new Outcome(status, message, expected, text, output, line, millis, couldNotRun);
    }

    /** @param printed stdout, then stderr */
    Outcome showing(String printed) {
        return new Outcome(status, message, expected, actual, printed, line, millis, couldNotRun);
    }

    Outcome atLine(Optional<Integer> number) {
        return new Outcome(status, message, expected, actual, output, number, millis, couldNotRun);
    }

    /** The code could not run for this case at all: its file failed to import, or sprout failed to run it. */
    Outcome couldNotRunAtAll() {
        return new Outcome(status, message, expected, actual, output, line, millis, true);
    }

    Outcome took(long elapsedMillis) {
        return new Outcome(status, message, expected, actual, output, line, elapsedMillis, couldNotRun);
    }
}
